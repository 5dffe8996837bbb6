import { absentOther, otherKind } from "../../../src/answer/rules/absentOther";
import { sharedWordNet } from "../../../src/text/wordnet";
import { ruleContext } from "./context";

const FERRY = [
  "Ferry strikes pier in fog",
  "The Gull, a 40-year-old ferry, struck the pier at Port Aberly on Friday. Four passengers were taken to Bayview General Hospital with broken bones.",
  "Service resumed at noon with a smaller boat, the Tern, which the operator leases from Haven Island Marine.",
  "The Gull was due to be replaced in 2028 by a new vessel now under construction.",
].join("\n\n");

const MUSIC = [
  "A composer's friends",
  "In Paris, Chopin met many musicians. He developed a close friendship with the composer Franz Liszt.",
  "He also recorded songs in Spanish late in life.",
].join("\n\n");

test("reads X of “which other X”, ending at the verb, a plural, a possessive or a word setting something aside", () => {
  const wordNet = sharedWordNet();
  expect(otherKind("Which other companies bid to run the landfill?", wordNet)).toEqual({ written: "companies", head: "companies", modifiers: [] });
  expect(otherKind("Which other board member considered voting no?", wordNet)).toEqual({ written: "board member", head: "member", modifiers: ["board"] });
  expect(otherKind("Which other city besides Sorrento Springs tried to lure the Foxes?", wordNet)?.head).toBe("city");
  expect(otherKind("Which other city's board can issue subpoenas?", wordNet)?.head).toBe("city");
  expect(otherKind("Which hospital treated the passengers?", wordNet)).toBeNull();
});

test("refuses “which other X” when the best passages name no other X", () => {
  expect(absentOther.check(ruleContext("Which other hospitals turned away injured passengers?", FERRY))).toEqual({
    rule: "absent-other",
    message: "The article doesn't say: it names no other hospitals.",
  });
});

test("lets through another X named beside X's word, a name WordNet files under X, a new person, and kinds whose members are not names", () => {
  // "a smaller boat, the Tern": a name near X's word.
  expect(absentOther.check(ruleContext("Which other boat did the operator use?", FERRY))).toBeNull();
  // "Spanish" is a language by WordNet, though "language" is not in the passage.
  expect(absentOther.check(ruleContext("What other language did Chopin record songs in?", MUSIC))).toBeNull();
  // A person: any name the question does not hold.
  expect(absentOther.check(ruleContext("What other composer did Chopin befriend?", MUSIC))).toBeNull();
  // "What other function …" is answered by a common noun ("data storage"): not this rule's to judge.
  expect(absentOther.check(ruleContext("What other function did the ferry serve?", FERRY))).toBeNull();
});
