import { distantName } from "../../../src/answer/rules/distantName";
import { ruleContext } from "./context";

// A council vote and, in another paragraph, one passing mention of a business group.
const ARTICLE = [
  "Council approves the Harbor plan",
  "",
  "The Harbor City Council voted 5-2 on Tuesday to approve the waterfront plan. The council will hold a second vote in May.",
  "",
  "The plan adds 300 homes. The Harbor Business Association, which backed an earlier version, sent a letter in March.",
  "",
  "The council's chair, Ann Lee, said the plan would be revised.",
].join("\n");

test("refuses a name the article mentions only in passing, away from the best passage", () => {
  const refusal = distantName.check(ruleContext("How did the Harbor Business Association vote on Tuesday?", ARTICLE, { scores: { "voted 5-2": { score: 0.9 } } }));
  expect(refusal).toEqual({ rule: "distant-name", message: "The article doesn't say that: it mentions “Harbor Business Association” only in passing, elsewhere." });
});

test("lets through a name in the best passage's paragraph, and names the article uses often", () => {
  // In the best passage's paragraph.
  expect(distantName.check(ruleContext("When did the Harbor Business Association send a letter?", ARTICLE))).toBeNull();
  // "Harbor" is in three sentences: a main subject, which the best passage may refer to in other words.
  expect(distantName.check(ruleContext("Who said the Harbor plan would be revised?", ARTICLE, { scores: { "would be revised": { score: 0.9 } } }))).toBeNull();
});

test("a demonym is found by its place and a place by its demonym; a name set aside is not the subject", () => {
  const trip = ["Noem's trip", "", "Noem will travel to Mexico on Friday to meet officials. She will also see Colombian leaders.", "", "The trip ends on Sunday, after a stop in Peru.", "", "Officials in Peru said little. Colombia has not confirmed the visit."].join("\n");
  const best = { scores: { "travel to Mexico": { score: 0.9 } } };
  expect(distantName.check(ruleContext("Which Mexican officials will Noem meet?", trip, best))).toBeNull();
  expect(distantName.check(ruleContext("Whom will Noem meet in Colombia?", trip, best))).toBeNull();
  expect(distantName.check(ruleContext("Apart from Peru, where will Noem travel?", trip, best))).toBeNull();
  expect(distantName.check(ruleContext("Where will Noem travel after Peru?", trip, best))?.rule).toBe("distant-name");
});
