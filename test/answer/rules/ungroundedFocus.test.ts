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
