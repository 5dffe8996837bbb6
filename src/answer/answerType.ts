/**
 * The kind of answer a question asks for, read from its wording ("when" → a date, "how many" → a
 * number, "who" → a person), and whether a sentence offers one that the question does not already hold.
 * Used to prefer sentences that can answer, and to refuse when none of the candidates can.
 */
import { foldText } from "../text/tokens";

export type AnswerType = "date" | "number" | "duration" | "money" | "person" | "place";

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|half|several";

const DETECTORS: Record<AnswerType, RegExp> = {
  date: new RegExp(`\\b(?:(?:mid-|early |late )?(?:${MONTHS})\\b(?:\\s+\\d{1,2})?|\\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday)\\b`, "giu"),
  number: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})\\b`, "giu"),
  duration: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS}|a|an)\\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\\b|\\b(?:indefinitely|for life|permanently)\\b`, "giu"),
  money: /(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s*(?:dollars|euros|pounds|usd)\b|\b(?:million|billion)\s+dollars\b)/giu,
  person: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+\b/gu,
  place: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*\b/gu,
};

/** The answer type a question asks for, or null for open questions ("what", "why", "how"). */
export function expectedAnswerType(question: string): AnswerType | null {
  const q = foldText(question);
  if (/\bhow (?:long|many (?:days|weeks|months|years|hours))\b/.test(q)) return "duration";
  if (/\bhow much\b.*\b(?:cost|costs|pay|paid|spend|spent|price|worth|money|budget|fund)\b|\bwhat (?:did|does|will) .* cost\b|\bhow much money\b/.test(q)) return "money";
  if (/\bhow (?:many|much|old)\b|\bwhat (?:number|percentage|share)\b/.test(q)) return "number";
  if (/^(?:\W*)when\b|\bwhen (?:is|was|does|did|will|do)\b|\bwhat (?:date|day|year|month|time)\b|\bwhich (?:date|day|year|month)\b|\bon what date\b/.test(q)) return "date";
  if (/^(?:\W*)(?:who|whom|whose)\b|\b(?:who|whom) (?:is|was|are|were|will|did|does)\b|\bwhich (?:president|minister|official|officials|secretary|person|people|leader|leaders|man|woman|spokesman|spokeswoman|spokesperson)\b|\bwhat (?:is|was) the name\b|\bnames? of\b/.test(q)) return "person";
  if (/^(?:\W*)where\b|\bwhere (?:is|was|does|did|will|do)\b|\bwhich (?:country|countries|city|cities|place|region|state)\b|\bin what (?:country|city|place)\b/.test(q)) return "place";
  return null;
}

/** Does `text` hold an answer of this type that the question does not already contain? */
export function offersAnswerType(type: AnswerType, text: string, question: string): boolean {
  const asked = new Set(foldText(question).split(/[^\p{L}\p{N}]+/u));
  // The digits of a date ("March 26, 2025") are not a count.
  const searched = type === "number" ? text.replace(/\b(?:[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?|(?:of |in )?(?:1[5-9]|20)\d{2})\b/g, " ") : text;
  for (const match of searched.matchAll(DETECTORS[type])) {
    const words = foldText(match[0]).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // "Noem" in "who will Noem meet" is not an answer; a name not asked about is.
    if (words.some((w) => !asked.has(w) && !/^(?:the|a|an)$/.test(w))) {
      if (type === "place" || type === "person") {
        // A capitalised sentence opener ("Together", "Following") is not a name.
        if (match.index === 0 && words.length === 1) continue;
      }
      return true;
    }
  }
  return false;
}
