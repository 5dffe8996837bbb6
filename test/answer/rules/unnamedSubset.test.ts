import { unnamedSubset } from "../../../src/answer/rules/unnamedSubset";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses a count of a part the article never names", () => {
  expect(unnamedSubset.check(ruleContext("How many of the workers were electricians?", BRIDGE_ARTICLE))).toEqual({
    rule: "unnamed-subset",
    message: "The article doesn't say: it gives no number that answers this.",
  });
});

test("lets through a part the article names, and other counts", () => {
  expect(unnamedSubset.check(ruleContext("How many of the workers were welders?", BRIDGE_ARTICLE))).toBeNull();
  expect(unnamedSubset.check(ruleContext("How many workers are on the site?", BRIDGE_ARTICLE))).toBeNull();
});
