import { unknownYear } from "../../../src/answer/rules/unknownYear";
import { ruleContext } from "./context";

const ARTICLE = "The outbreak has grown to 37 cases, the largest since 2019. The county last saw measles in 1998.";

test("refuses a question holding a year the article never mentions", () => {
  expect(unknownYear.check(ruleContext("How many measles cases did the county have in 2005?", ARTICLE))).toEqual({ rule: "unknown-year", message: "The article doesn't mention 2005." });
});

test("lets through years the article mentions anywhere, and numbers that are not years", () => {
  expect(unknownYear.check(ruleContext("What happened in 1998?", ARTICLE))).toBeNull();
  expect(unknownYear.check(ruleContext("Is this the largest outbreak since 2019?", ARTICLE))).toBeNull();
  expect(unknownYear.check(ruleContext("Were there 3700 cases?", ARTICLE))).toBeNull();
  // "20198" is not 2019.
  expect(unknownYear.check(ruleContext("How many cases in 2019?", "There were 20198 cases."))?.rule).toBe("unknown-year");
});
