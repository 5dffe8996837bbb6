import { givesMeasure, spansOf } from "../../src/text/entities";

test("durations: a number and a unit, hyphenated or with a word between, and 'until' a date", () => {
  expect(spansOf("duration", "It closed for three weeks, in rotating one-hour blocks, during a five-day heat wave.")).toEqual(["three weeks", "one-hour", "five-day"]);
  expect(spansOf("duration", "He thanked voters for eight good years and asked for one more year.")).toEqual(["eight good years", "one more year"]);
  expect(spansOf("duration", "Maintenance was delayed until 2027; fees are waived through Jan. 4.")).toEqual(["until 2027", "through Jan. 4"]);
});

test("an age is not a duration", () => {
  expect(spansOf("duration", "The 71-year-old bridge and a 10 year old boy.")).toEqual([]);
  expect(givesMeasure("age", "the 71-year-old bridge")).toBe(true);
});
