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

test("an age is given in the ways news and encyclopedias write it", () => {
  for (const text of ["Gerald Whitcombe, 58, said", "a 71-year-old man", "her son is four months old", "since the age of 18", "aged six", "when she was eight", "At 20, he left"]) {
    expect({ text, age: givesMeasure("age", text) }).toEqual({ text, age: true });
  }
  for (const text of ["within 10 days", "the age of the building", "in the city, 58, of", "at 7 p.m."]) expect({ text, age: givesMeasure("age", text) }).toEqual({ text, age: false });
});

test("a speed is a unit of speed, a length per unit of time, or how soon something was done", () => {
  for (const text of ["at about 9 knots", "1.9 metres a year", "40 miles per hour", "shut it down within 90 minutes"]) expect({ text, speed: givesMeasure("speed", text) }).toEqual({ text, speed: true });
  for (const text of ["a 3.2-kilometre stretch", "for two hours", "£1.2m"]) expect({ text, speed: givesMeasure("speed", text) }).toEqual({ text, speed: false });
  expect(givesMeasure("distance", "about 31 metres from the edge")).toBe(true);
  expect(givesMeasure("distance", "cost £1.2m")).toBe(false);
});
