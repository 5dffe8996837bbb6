import { absentRejection, rejectionIn } from "../../../src/answer/rules/absentRejection";
import { ruleContext } from "./context";

const STADIUM = [
  "County approves stadium deal",
  "The county commission voted 4-3 on Tuesday to approve a new stadium for the Foxes on a 41-acre parcel next to the Ridgefield station.",
  "Supporters pointed to a study by the consulting firm Halvorsen Group that projected 2,400 construction jobs.",
  "Construction is scheduled to start in March 2027.",
].join("\n\n");

const VOTE = [
  "Council splits on ordinance",
  "The council approved the review board on Monday. Council members Victor Albright and Sheila Moran voted against the ordinance.",
  "The mayor said she would sign it this week.",
].join("\n\n");

test("reads a rejection asked about, and the wider ways a passage tells one", () => {
  expect(rejectionIn("Which road was rejected as the route?", false)).toBe("rejected");
  expect(rejectionIn("Which mediator did the union turn down?", false)).toBe("turn down");
  expect(rejectionIn("Which firm lost out to the Halvorsen Group?", false)).toBe("lost out");
  expect(rejectionIn("Which officials declined to investigate?", false)).toBe("declined");
  // A fall, not a refusal; and "against" tells a rejection without asking about one.
  expect(rejectionIn("What led to the decline in wooden construction?", false)).toBeNull();
  expect(rejectionIn("Who voted against the ordinance?", false)).toBeNull();
  expect(rejectionIn("Two members voted against the ordinance.", true)).toBe("against");
});

test("refuses a rejection no passage tells", () => {
  expect(absentRejection.check(ruleContext("Which site was rejected for the new stadium?", STADIUM))).toEqual({
    rule: "absent-rejection",
    message: "The article doesn't say: nothing in it was “rejected”.",
  });
});

test("lets through a rejection told in other words, and questions put in the negative", () => {
  expect(absentRejection.check(ruleContext("Who rejected the ordinance?", VOTE))).toBeNull();
  expect(absentRejection.check(ruleContext("Why was the stadium site not rejected?", STADIUM))).toBeNull();
});
