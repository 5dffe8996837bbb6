import { ungroundedFocus } from "../../../src/answer/rules/ungroundedFocus";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses when what the question asks about is nowhere in the evidence", () => {
  expect(ungroundedFocus.check(ruleContext("What is the population of Harbor?", BRIDGE_ARTICLE))).toEqual({
    rule: "ungrounded-focus",
    message: "The article doesn't say: it never mentions “population”.",
  });
  // "Which X": nothing among the best sentences is an airport, by name or definition.
  expect(ungroundedFocus.check(ruleContext("Which airport will the ferries use?", BRIDGE_ARTICLE))?.message).toContain("“airport”");
});

test("lets through a focus the article uses, or names in related words", () => {
  expect(ungroundedFocus.check(ruleContext("What is the cost of the repairs?", BRIDGE_ARTICLE))).toBeNull();
  // "span" is not in the article; WordNet relates it to "bridge", which is.
  expect(ungroundedFocus.check(ruleContext("Is the span closing for repairs?", BRIDGE_ARTICLE))).toBeNull();
  // Words naming a kind of answer ("goal") are never refused for want of the word.
  expect(ungroundedFocus.check(ruleContext("What is the goal of the repairs?", BRIDGE_ARTICLE))).toBeNull();
});

// A short article with an age, a share, a speed and a start, none of them in the words a question uses.
const REPORT = [
  "Reservoir falls as ferry inquiry opens",
  "",
  "The Tessaly Reservoir stood at 31 percent on Tuesday. The shortage began in late February.",
  "",
  "Gerald Whitcombe, 58, the ferry's captain, said the boat hit the pier at about 9 knots. Mayor Ann Lee said the town would help.",
].join("\n");

test("a dimension ('how old', 'how full', 'how fast') is grounded by a measure of it, and only by one", () => {
  expect(ungroundedFocus.check(ruleContext("How old is Gerald Whitcombe?", REPORT))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("How full is the Tessaly Reservoir?", REPORT))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("How fast was the ferry going?", REPORT))).toBeNull();
  // No age stands beside the mayor: the article doesn't say.
  expect(ungroundedFocus.check(ruleContext("How old is Mayor Ann Lee?", REPORT, { scores: { "Mayor Ann Lee": { score: 0.9 } } }))?.message).toBe("The article doesn't say: it gives no age.");
  // The same dimensions named by a noun.
  expect(ungroundedFocus.check(ruleContext("What is Gerald Whitcombe's age?", REPORT))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("What was the ferry's speed?", REPORT))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("What is Mayor Ann Lee's age?", REPORT, { scores: { "Mayor Ann Lee": { score: 0.9 } } }))?.message).toBe("The article doesn't say: it gives no age.");
});

test("'how far' is grounded by a length, 'how fast' by a length per unit of time", () => {
  const cliff = "Cliff retreat speeds up\n\nThe nearest house stands about 31 metres from the edge. The cliff lost 1.9 metres a year.\n";
  expect(ungroundedFocus.check(ruleContext("How far is the nearest house from the edge?", cliff))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("How fast is the cliff retreating?", cliff))).toBeNull();
  const noLength = "Cliff retreat speeds up\n\nThe nearest house is close to the edge. Repairs cost £1.2m.\n";
  expect(ungroundedFocus.check(ruleContext("How far is the nearest house from the edge?", noLength))?.message).toBe("The article doesn't say: it gives no distance.");
});

test("a word said in passing, a part asked by 'which', and a verb of where things are do not need grounding", () => {
  const lake = "Lake closed\n\nThe highest reading came from Heron Bay, the inlet beside the beach. The festival takes place in Kelsey Park.\n";
  expect(ungroundedFocus.check(ruleContext("Which part of the lake had the worst reading?", lake))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("Where is the festival held?", lake))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("When did the festival take place anyway?", lake))).toBeNull();
});

test("an irregular verb is found in its other forms ('begin' in 'began', 'start' through 'begin')", () => {
  expect(ungroundedFocus.check(ruleContext("When did the shortage begin?", REPORT))).toBeNull();
  expect(ungroundedFocus.check(ruleContext("When did the shortage start?", REPORT))).toBeNull();
});

test("a dimension asked by 'how' is grounded by a measure of it, not by the word used of something else", () => {
  const clinic = "Measles clinic opens\n\nCounty Health Officer Benjamin Okafor said the number of cases had doubled.\n\nThe clinic is in the old wing of the county hospital, Okafor said.\n";
  expect(ungroundedFocus.check(ruleContext("How old is Benjamin Okafor?", clinic))?.message).toBe("The article doesn't say: it gives no age.");
  const aged = clinic.replace("Benjamin Okafor said", "Benjamin Okafor, 52, said");
  expect(ungroundedFocus.check(ruleContext("How old is Benjamin Okafor?", aged))).toBeNull();
  // Not "how full": the word names the thing asked for.
  expect(ungroundedFocus.check(ruleContext("What is Okafor's full name?", "Okafor profile\n\nHis full name is Benjamin Adewale Okafor.\n"))).toBeNull();
});
