import { speakerSilent } from "../../../src/answer/rules/speakerSilent";
import { BRIDGE_ARTICLE, ruleContext } from "./context";

test("refuses 'what did X say' when the article quotes and reports nothing by X", () => {
  expect(speakerSilent.check(ruleContext("What did Ann Lee say about the cables?", BRIDGE_ARTICLE))).toEqual({
    rule: "speaker-silent",
    message: "The article doesn't say what Ann Lee said: it quotes or reports no statement by Ann Lee.",
  });
  // A name the article never mentions is refused as asked.
  expect(speakerSilent.check(ruleContext("What did Claudia Sheinbaum say?", BRIDGE_ARTICLE))?.message).toContain("no statement by Claudia Sheinbaum");
});

test("lets through a speaker who said something, and questions about no one", () => {
  expect(speakerSilent.check(ruleContext("What did Bob Smith say about the cables?", BRIDGE_ARTICLE))).toBeNull();
  // A role the article gives someone names them: the transportation director is Bob Smith.
  expect(speakerSilent.check(ruleContext("What did the transportation director say?", BRIDGE_ARTICLE))).toBeNull();
  expect(speakerSilent.check(ruleContext("When will the bridge close?", BRIDGE_ARTICLE))).toBeNull();
});
