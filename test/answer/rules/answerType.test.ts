import { answerType } from "../../../src/answer/rules/answerType";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses when none of the best sentences gives the kind of answer asked for", () => {
  expect(answerType.check(ruleContext("What time will the ferries carry commuters?", BRIDGE_ARTICLE))).toEqual({
    rule: "answer-type",
    message: "The article doesn't say: it gives no time that answers this.",
  });
  // A number near another thing is no count of the ferries.
  expect(answerType.check(ruleContext("How many ferries will carry commuters?", BRIDGE_ARTICLE))?.rule).toBe("answer-type");
});

test("lets through a sentence that gives it", () => {
  expect(answerType.check(ruleContext("When will the Harbor Bridge close?", BRIDGE_ARTICLE))).toBeNull();
  expect(answerType.check(ruleContext("How much will the repairs cost?", BRIDGE_ARTICLE))).toBeNull();
  expect(answerType.check(ruleContext("How many workers are welders?", BRIDGE_ARTICLE))).toBeNull();
  // Open questions ask for no particular kind.
  expect(answerType.check(ruleContext("Why will the bridge close?", BRIDGE_ARTICLE))).toBeNull();
});
