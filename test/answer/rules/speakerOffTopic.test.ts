import { speakerOffTopic } from "../../../src/answer/rules/speakerOffTopic";
import { ruleContext } from "./context";

// Two people quoted on different things: what one said is not the other's.
const ARTICLE = [
  "Cliff retreat speeds up",
  "",
  "The clifftop is retreating three times faster than expected, a study found. Imogen Faraday, who led the study, said the clay layers were slumping after heavy rain.",
  "",
  "Council leader Rowan Ashdown said residents would be contacted individually before the meeting. He said the council would publish its plan in May.",
].join("\n");

test("refuses 'what did X say about Y' when X is quoted only on other things", () => {
  expect(speakerOffTopic.check(ruleContext("What did Rowan Ashdown say about the clay layers slumping?", ARTICLE))).toEqual({
    rule: "speaker-off-topic",
    message: "The article doesn't say: it quotes or reports nothing Rowan Ashdown said about that.",
  });
});

test("lets through what X did say, a topic in words the article never uses, and a bare 'what did X say'", () => {
  expect(speakerOffTopic.check(ruleContext("What did Imogen Faraday say about the clay layers slumping?", ARTICLE))).toBeNull();
  // The sentence after X's holds the rest of what X said.
  expect(speakerOffTopic.check(ruleContext("What did Ashdown say about publishing the plan in May?", ARTICLE))).toBeNull();
  expect(speakerOffTopic.check(ruleContext("What did Ashdown say about compensation payouts?", ARTICLE))).toBeNull();
  expect(speakerOffTopic.check(ruleContext("What did Rowan Ashdown say?", ARTICLE))).toBeNull();
  expect(speakerOffTopic.check(ruleContext("When will residents be contacted?", ARTICLE))).toBeNull();
});
