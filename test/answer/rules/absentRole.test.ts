import { absentRole } from "../../../src/answer/rules/absentRole";
import { readQuestion } from "../../../src/answer/reading";
import { ruleContext } from "./context";

const AIRLINE = [
  "Airline outage strands thousands",
  "Corvair Airlines canceled more than 1,200 flights on Sunday after its crew-scheduling system failed.",
  "The Corvair Pilots Council said crews had been stuck on hold for hours. The union's chairman, Captain Eleanor Whitford, called the failure predictable.",
  "Passengers slept in the terminals at Denholm and Marston.",
  "Shares of Corvair's parent company, Meridian Air Group, fell 7 percent in after-hours trading.",
].join("\n\n");

test("reads the role and its holder from the question", () => {
  expect(readQuestion("Who is the chairman of Meridian Air Group?").roleOf).toEqual({ role: ["chairman"], holder: ["meridian", "air", "group"], written: { role: "chairman", holder: "Meridian Air Group" } });
  expect(readQuestion("Who canceled the flights?").roleOf).toBeNull();
});

test("refuses a role that no part of the article gives the holder", () => {
  expect(absentRole.check(ruleContext("Who is the chairman of Meridian Air Group?", AIRLINE))).toEqual({
    rule: "absent-role",
    message: "The article doesn't say: it names no chairman of Meridian Air Group.",
  });
});

test("lets through a role stated beside the holder's name, and relations that are not offices", () => {
  expect(absentRole.check(ruleContext("Who is the chairman of the Corvair Pilots Council?", AIRLINE))).toBeNull();
  expect(absentRole.check(ruleContext("Who was the beneficiary of Meridian Air Group?", AIRLINE))).toBeNull();
});
