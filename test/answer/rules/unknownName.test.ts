import { unknownName } from "../../../src/answer/rules/unknownName";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses a question about a name the article never mentions", () => {
  expect(unknownName.check(ruleContext("Will Ann Lee close the bridge to Brooklyn?", BRIDGE_ARTICLE))).toEqual({ rule: "unknown-name", message: "The article doesn't mention Brooklyn." });
});

test("lets through names the article uses, misspelled or possessive", () => {
  expect(unknownName.check(ruleContext("Why will Ann Lee's Harbor Bridge close?", BRIDGE_ARTICLE))).toBeNull();
  expect(unknownName.check(ruleContext("When will the Harbr Bridge close?", BRIDGE_ARTICLE))).toBeNull();
  // Initials of a name the article writes out.
  expect(unknownName.check(ruleContext("When will the HB close?", BRIDGE_ARTICLE))).toBeNull();
  expect(unknownName.check(ruleContext("When will the HBX close?", BRIDGE_ARTICLE))?.rule).toBe("unknown-name");
});
