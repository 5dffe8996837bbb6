import { withheldFact } from "../../../src/answer/rules/withheldFact";
import { saysWithheld } from "../../../src/text/withheld";
import { ruleContext } from "./context";

const REPORT = "The captain, a 26-year veteran whose name was not released, passed a breath test. The ferry carried 212 passengers.";

test("refuses a question whose best passage says the fact was not made public, citing that passage", () => {
  const refusal = withheldFact.check(ruleContext("What is the captain's name?", REPORT));
  expect(refusal?.rule).toBe("withheld-fact");
  expect(refusal?.message).toMatch(/^The article doesn't say: it reports that this is not known or was not made public/);
  expect(refusal?.closest?.sentence.text).toContain("whose name was not released");
});

test("lets through yes/no questions, passages that also give the asked answer, and passages that withhold nothing", () => {
  expect(withheldFact.check(ruleContext("Was the captain's name released?", REPORT))).toBeNull();
  const counted = "Officials said 14 workers were hurt but declined to name them.";
  expect(withheldFact.check(ruleContext("How many workers were hurt?", counted))).toBeNull();
  expect(withheldFact.check(ruleContext("How many passengers did the ferry carry?", REPORT))).toBeNull();
});

test("what counts as withheld", () => {
  for (const said of ["whom the museum did not name", "the company did not yet know what caused it", "She declined to say.", "The cause remains unknown.", "has not been identified"]) expect(saysWithheld(said)).toBe(true);
  for (const said of ["The cause remained under investigation.", "Easton County has not announced new limits.", "The name was released on Monday."]) expect(saysWithheld(said)).toBe(false);
});
