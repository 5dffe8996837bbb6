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

test("people are counted under any name of a kind of person, and only people", () => {
  // "people" is a word of the article, so a count must be of people.
  const festival = "Fans turned away at festival\n\nMore than 1,200 music fans were refused entry on Friday. Organisers said people were angry.\n";
  expect(answerType.check(ruleContext("How many people were refused entry on Friday?", festival))).toBeNull();
  const gates = "Fans turned away at festival\n\nFans were refused entry on Friday, when 40 gates opened late. Organisers said people were angry.\n";
  expect(answerType.check(ruleContext("How many people were refused entry on Friday?", gates))?.rule).toBe("answer-type");
});

describe("a duration asked of someone", () => {
  const LANDFILL = [
    "The state granted the permit to Brenner Waste Services on Monday.",
    "The landfill accepts trash from 41 municipalities in four counties.",
    "Township Supervisor Gail Pritchard said the township had negotiated a 15 percent increase in host fees.",
    "Brenner must install a new system to capture methane gas within 18 months.",
    "About 340 trucks a day now travel to the landfill on Route 61.",
    "Hank Dorsey said the smell was strongest on summer evenings.",
    "The expansion will raise the site's footprint to 255 acres.",
    "Opponents said they would appeal the decision.",
    "The company said the expansion would keep rates stable.",
    "Work on the new cell is expected to begin in the spring.",
  ];
  const article = (extra: string[] = []) => `Landfill expansion approved\n\n${[...LANDFILL, ...extra].join("\n\n")}\n`;

  test("needs a duration in a sentence about them (or the one after), not any duration nearby", () => {
    expect(answerType.check(ruleContext("How long has Gail Pritchard been township supervisor?", article()))?.rule).toBe("answer-type");
    expect(answerType.check(ruleContext("How long has Gail Pritchard been township supervisor?", article(["Pritchard has been township supervisor for nine years."])))).toBeNull();
    const told = ["Hank Dorsey described the night the fire came close.", "“It took us ten minutes to get out,” he said."];
    // Scored as the vectors would: the quote shares no word with the question.
    const scores = { "ten minutes": { score: 0.9 } };
    expect(answerType.check(ruleContext("How long did it take Hank Dorsey to get out?", `Landfill expansion approved\n\n${[...LANDFILL, told.join(" ")].join("\n\n")}\n`, { scores }))).toBeNull();
    // The same quote after a sentence about someone else answers nothing about Dorsey.
    const other = ["Gail Pritchard described the night the fire came close.", "“It took us ten minutes to get out,” she said."];
    expect(answerType.check(ruleContext("How long did it take Hank Dorsey to get out?", `Landfill expansion approved\n\n${[...LANDFILL, other.join(" ")].join("\n\n")}\n`, { scores }))?.rule).toBe("answer-type");
  });
});
