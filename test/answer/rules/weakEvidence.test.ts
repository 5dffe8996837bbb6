import { weakEvidence } from "../../../src/answer/rules/weakEvidence";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

const question = "Why will commuters need ferries?";

test("refuses when the best sentence scores below the policy's floor", () => {
  const ctx = ruleContext(question, BRIDGE_ARTICLE, { scores: { Ferries: { score: 0.3, semantic: 0.4 } }, policy: { minScore: 0.33 } });
  expect(ctx.evidence.ranked.map((s) => s.sentence.text)).toEqual([expect.stringMatching(/^Ferries/)]);
  expect(weakEvidence.check(ctx)).toEqual({ rule: "weak-evidence", message: "The article doesn't say. Nothing in it answers that question." });
});

test("lets through a best sentence above the floor, or one close enough in meaning to be a paraphrase", () => {
  expect(weakEvidence.check(ruleContext(question, BRIDGE_ARTICLE, { scores: { Ferries: { score: 0.34, semantic: 0.4 } } }))).toBeNull();
  expect(weakEvidence.check(ruleContext(question, BRIDGE_ARTICLE, { scores: { Ferries: { score: 0.2, semantic: 0.65 } } }))).toBeNull();
});
