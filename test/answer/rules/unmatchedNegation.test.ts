import { unmatchedNegation } from "../../../src/answer/rules/unmatchedNegation";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses a question in the negative that the best passage answers only in the positive, citing that passage", () => {
  const refusal = unmatchedNegation.check(ruleContext("Why will the Harbor Bridge not close on March 3?", BRIDGE_ARTICLE));
  expect(refusal?.rule).toBe("unmatched-negation");
  expect(refusal?.message).toMatch(/^The article doesn't say that/);
  expect(refusal?.closest?.sentence.text).toContain("will close on March 3");
});

test("lets through a negated question the article answers in the negative, and questions not in the negative", () => {
  const negative = "Ferries will run. The bridge will not reopen before May, officials said.";
  expect(unmatchedNegation.check(ruleContext("Why will the bridge not reopen before May?", negative))).toBeNull();
  expect(unmatchedNegation.check(ruleContext("When will the Harbor Bridge close?", BRIDGE_ARTICLE))).toBeNull();
});

test("'not only', 'vote no' and 'said no' deny nothing", () => {
  const notOnly = "The repairs will not only fix the cables but also repaint the towers.";
  expect(unmatchedNegation.check(ruleContext("Why will the city not repair the cables?", notOnly))?.rule).toBe("unmatched-negation");
  const article = "The council met on Monday. Two members, Ann Lee and Bob Smith, cast the dissenting votes on the plan.";
  expect(unmatchedNegation.check(ruleContext("Which members voted no on the plan?", article))).toBeNull();
  expect(unmatchedNegation.check(ruleContext("Why did Ann Lee say no to the plan?", article))).toBeNull();
  expect(unmatchedNegation.check(ruleContext("Why did Ann Lee never vote on the plan?", article))?.rule).toBe("unmatched-negation");
});
