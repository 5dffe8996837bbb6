/**
 * Spans of text that can answer a kind of question: clock times, dates, numbers, durations, sums of
 * money, and runs of capitalised words (names of people and places). Read from sentences to tell
 * whether one gives the kind of answer asked for, and from questions to tell what they already hold.
 */
import { alternation, CURRENCY_WORDS, DURATION_ADJECTIVES, type Measure, MONTHS, NUMBER_WORDS, OPEN_DURATIONS, RELATIVE_DAYS, TIME_UNITS, WEEKDAYS } from "./lexicon";

export type AnswerType = "date" | "time" | "number" | "duration" | "money" | "person" | "place";

const MONTH = alternation(MONTHS);
const NUMBER_WORD = alternation(NUMBER_WORDS);
const TIME_UNIT = alternation(TIME_UNITS.map((unit) => `${unit}s?`));
/** Units of length, spelt either way, singular or plural ("metres", "kilometer", "ft"). */
const LENGTH_UNIT = alternation([
  ...["metre", "meter", "kilometre", "kilometer", "centimetre", "centimeter", "millimetre", "millimeter", "mile", "yard"].map((unit) => `${unit}s?`),
  // Not a bare "m": "£1.2m" is money.
  "inch(?:es)?", "feet", "foot", "km", "cm", "mm", "ft",
]);

/** One pattern per answer type (global: iterate with `matchAll`). */
export const ANSWER_PATTERNS: Readonly<Record<AnswerType, RegExp>> = {
  time: /\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|noon\b|midnight\b|o'clock\b)/giu,
  date: new RegExp(`\\b(?:(?:mid-|early |late )?(?:${MONTH})\\b(?:\\s+\\d{1,2})?|\\d{4}|${alternation(WEEKDAYS)}|${alternation(RELATIVE_DAYS)})\\b`, "giu"),
  number: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORD})\\b`, "giu"),
  // "three weeks", "a one-hour block", "a five-day heat wave", "eight good years", "until 2027"; not an age ("a 71-year-old bridge").
  duration: new RegExp(
    `\\b(?:\\d[\\d,.]*|${NUMBER_WORD}|a|an)(?:\\s+(?:${alternation(DURATION_ADJECTIVES)}))?[\\s-]+(?:${TIME_UNIT})\\b(?![- ]old\\b)|\\b(?:${alternation(OPEN_DURATIONS)})\\b|\\b(?:until|through|till)\\s+(?:(?:${MONTH})\\.?(?:\\s+\\d{1,2})?(?:,?\\s+\\d{4})?|\\d{4})\\b`,
    "giu",
  ),
  money: new RegExp(`(?:[$€£]\\s?\\d[\\d,.]*|\\b\\d[\\d,.]*\\s*(?:${alternation(CURRENCY_WORDS)})\\b|\\b(?:million|billion)\\s+dollars\\b)`, "giu"),
  person: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+\b/gu,
  place: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*\b/gu,
};

/** The digits of a date ("March 26, 2025", "in 1798") are not a count. */
export const DATE_DIGITS = /\b(?:[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?|(?:of |in )?(?:1[5-9]|20)\d{2})\b/g;

/** One word that is a count: digits or a number word. */
export const COUNT_WORD = new RegExp(`^(?:\\d[\\d,.]*|${NUMBER_WORD})$`, "u");

const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/gu;

/** Capitalised runs of words in a text, possessives dropped: "El Salvador's Minister of Justice" → ["El", "Salvador"], ["Minister"], ["Justice"]. */
export function capitalisedRuns(text: string): Array<{ words: string[]; start: number; end: number }> {
  return [...text.matchAll(CAPITALISED_RUN)].map((m) => ({ words: m[0].split(/\s+/).map((w) => w.replace(/['’]s$/u, "")), start: m.index, end: m.index + m[0].length }));
}

/** Every span of one type in a text, as written. */
export function spansOf(type: AnswerType, text: string): string[] {
  return [...text.matchAll(ANSWER_PATTERNS[type])].map((m) => m[0]);
}

/**
 * What gives a measure of each kind ("How old …" → an age): an age is set off after a name ("Gerald
 * Whitcombe, 58,") or said in years ("58 years old", "aged 58"); a share is a percentage; a speed has
 * its unit or is a length per time; a distance is a length; an amount is a sum or a number (a date's
 * digits are not one, see `givesMeasure`); a duration is a span of time; a frequency is "every …" or "N
 * times a …". Not global: tested, never iterated.
 */
const MEASURE_PATTERNS: Readonly<Record<Exclude<Measure, "amount">, RegExp>> = {
  // "Whitcombe, 58,", "a 71-year-old", "four months old", "aged six", "since the age of 18", "when she was eight", "at 20,".
  age: new RegExp(
    `\\p{Lu}[\\p{L}'’-]+,\\s\\d{1,3},|\\b(?:\\d{1,3}|${NUMBER_WORD})[- ](?:years?|months?|weeks?|days?)[- ]old\\b|\\b(?:[Aa]ged|[Aa]ge(?: of)?)\\s(?:\\d{1,3}|${NUMBER_WORD})\\b|\\b[Ww]hen (?:he|she|they|I|we) (?:was|were) (?:\\d{1,3}|${NUMBER_WORD})\\b|\\b[Aa]t (?:\\d{1,2}|${NUMBER_WORD}),`,
    "u",
  ),
  share: /\d(?:[\d,.]*\d)?\s?(?:%|percent\b)/u,
  // "40 mph", and any length per unit of time: "1.9 metres a year" is how fast a cliff erodes; "within 90
  // minutes" is how fast something was done.
  speed: new RegExp(
    `\\d(?:[\\d,.]*\\d)?\\s*(?:knots|mph|km\\/h|kph|(?:${LENGTH_UNIT})\\s+(?:an?|per|each)\\s+(?:${TIME_UNIT}))\\b|\\b(?:within|in)\\s+(?:just\\s+|only\\s+|about\\s+|under\\s+)?(?:\\d[\\d,.]*|${NUMBER_WORD})\\s+(?:${TIME_UNIT})\\b`,
    "iu",
  ),
  // "31 metres from the edge", "a 3.2-kilometre stretch": a number with a unit of length.
  distance: new RegExp(`\\d(?:[\\d,.]*\\d)?[\\s-]*(?:${LENGTH_UNIT})\\b`, "iu"),
  duration: new RegExp(ANSWER_PATTERNS.duration.source, "iu"),
  frequency: new RegExp(
    `\\bevery\\s+(?:other\\s+|few\\s+|\\d+\\s+|(?:${NUMBER_WORD})\\s+)?(?:${TIME_UNIT})\\b|\\b(?:once|twice|\\d+\\s+times|(?:${NUMBER_WORD})\\s+times)\\s+(?:a|an|per)\\s+(?:${TIME_UNIT})\\b`,
    "iu",
  ),
};
const MONEY_ONCE = new RegExp(ANSWER_PATTERNS.money.source, "iu");
const NUMBER_ONCE = new RegExp(ANSWER_PATTERNS.number.source, "iu");

/** Does a text give a measure of this kind (see `MEASURE_PATTERNS`)? */
export function givesMeasure(measure: Measure, text: string): boolean {
  if (measure === "amount") return MONEY_ONCE.test(text) || NUMBER_ONCE.test(text.replace(DATE_DIGITS, " "));
  return MEASURE_PATTERNS[measure].test(text);
}
