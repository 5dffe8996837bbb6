import { noCandidates } from "../../../src/answer/rules/noCandidates";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses when nothing was found at all", () => {
  expect(noCandidates.check(ruleContext("Quantum chromodynamics?", BRIDGE_ARTICLE))).toEqual({ rule: "no-candidates", message: "The article doesn't say. Nothing in it answers that question." });
});

test("lets through a question with candidates", () => {
  expect(noCandidates.check(ruleContext("Why will the bridge close?", BRIDGE_ARTICLE))).toBeNull();
});
