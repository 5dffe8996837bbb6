/** Words that write numbers, dates, times, durations and money in English prose. Data only. */

export const MONTHS: readonly string[] = [
  "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
  "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
];

export const WEEKDAYS: readonly string[] = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];

/** Days named relative to now. */
export const RELATIVE_DAYS: readonly string[] = ["today", "tomorrow", "yesterday"];

/** Numbers written as words, and the vague quantities that answer "how many" as well ("dozens", "several"). */
export const NUMBER_WORDS: readonly string[] = [
  "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "dozen", "dozens", "hundred",
  "hundreds", "thousand", "thousands", "million", "millions", "billion", "half", "several",
];

/** Units of a duration, singular (a plural "s" is allowed after each). */
export const TIME_UNITS: readonly string[] = ["second", "minute", "hour", "day", "week", "month", "year", "decade"];

/** Words that may stand between a duration's number and its unit: "eight good years", "one more year". */
export const DURATION_ADJECTIVES: readonly string[] = ["more", "full", "good", "long", "straight", "consecutive", "additional", "extra", "whole", "entire", "further", "short"];

/** Durations with no number: "held indefinitely". */
export const OPEN_DURATIONS: readonly string[] = ["indefinitely", "for life", "permanently"];

/** Currency names written after an amount ("20 dollars"). */
export const CURRENCY_WORDS: readonly string[] = ["dollars", "euros", "pounds", "usd"];

/** Nouns for a sum, asked as "what is the X's budget" (a money answer; see `answerTypeOf`). */
export const MONEY_NOUNS: readonly string[] = ["budget", "cost", "price", "fee", "fine", "salary", "wage", "fare", "rent", "bill", "grant", "payout"];

/** Words of a "how much" question that asks for money rather than a quantity. */
export const MONEY_QUESTION_WORDS: readonly string[] = ["cost", "costs", "pay", "paid", "spend", "spent", "price", "worth", "money", "budget", "fund"];
