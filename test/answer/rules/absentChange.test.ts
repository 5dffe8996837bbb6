import { absentChange } from "../../../src/answer/rules/absentChange";
import { ruleContext } from "./context";

const ELECTION = [
  "Turnout holds steady in county vote",
  "About 48,000 ballots were cast in the county election on Tuesday, officials said.",
  "Rosa Ibarra won the District 3 seat with 12,400 votes.",
  "The county counted 9,100 provisional ballots by Wednesday night.",
].join("\n\n");

const MAIL = [
  "How the county voted",
  "About 38 percent of ballots were cast by mail, up from 29 percent four years ago.",
  "The share of early in-person votes went from 20 to 14 percent.",
  "Rosa Ibarra won the District 3 seat with 12,400 votes.",
].join("\n\n");

test("refuses an amount of change when the best passages give only figures, and cites the closest", () => {
  const refusal = absentChange.check(ruleContext("How much did the number of ballots fall?", ELECTION));
  expect(refusal).toMatchObject({ rule: "absent-change", message: "The article doesn't say: it gives no rise or fall there, only figures. The closest it comes:" });
  expect(refusal?.closest?.sentence.text).toContain("ballots");
});

test("lets through a change in either direction and however it is written, and questions that ask for no change", () => {
  expect(absentChange.check(ruleContext("By how much did mail voting increase?", MAIL))).toBeNull(); // "up from"
  expect(absentChange.check(ruleContext("How much did early in-person voting drop?", MAIL))).toBeNull(); // "from 20 to 14"
  expect(absentChange.check(ruleContext("How many ballots were cast?", ELECTION))).toBeNull();
  expect(absentChange.check(ruleContext("Why did the number of ballots fall?", ELECTION))).toBeNull(); // asks no amount
});
