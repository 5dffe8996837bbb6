/**
 * The kind of answer a question asks for, read from its wording ("when" → a date, "how many" → a
 * number, "who" → a person), and whether a sentence offers one that the question does not already hold.
 * Used to prefer sentences that can answer, and to refuse when none of the candidates can.
 */
import { foldText, isStopword, termOf, words } from "../text/tokens";
import { isCommonWord } from "../text/spelling";
import { wordNet } from "../text/wordnet";

export type AnswerType = "date" | "time" | "number" | "duration" | "money" | "person" | "place";

const MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec";
const NUMBER_WORDS = "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|dozens|hundred|hundreds|thousand|thousands|million|millions|billion|half|several";

const DETECTORS: Record<AnswerType, RegExp> = {
  time: /\b(?:\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am\b|pm\b)|\d{1,2}:\d{2}\b|noon\b|midnight\b|o'clock\b)/giu,
  date: new RegExp(`\\b(?:(?:mid-|early |late )?(?:${MONTHS})\\b(?:\\s+\\d{1,2})?|\\d{4}|monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|yesterday)\\b`, "giu"),
  number: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS})\\b`, "giu"),
  duration: new RegExp(`\\b(?:\\d[\\d,.]*|${NUMBER_WORDS}|a|an)\\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?)\\b|\\b(?:indefinitely|for life|permanently)\\b`, "giu"),
  money: /(?:[$€£]\s?\d[\d,.]*|\b\d[\d,.]*\s*(?:dollars|euros|pounds|usd)\b|\b(?:million|billion)\s+dollars\b)/giu,
  person: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)+\b/gu,
  place: /\b\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+)*\b/gu,
};

/** Nouns for people by role, as in "which president", "which Mexican officials". */
const PERSON_ROLES = "presidents?|ministers?|officials?|secretary|secretaries|persons?|people|leaders?|man|men|woman|women|spokesman|spokeswoman|spokesperson|governors?|mayors?|judges?|senators?|executives?|directors?";

/**
 * Words narrowing a role in "which Mexican president …" ("mexican"): the person named in the answer
 * should be the one they describe.
 */
export function roleModifiers(question: string): string[] {
  const m = new RegExp(`\\bwhich\\s+((?:[\\p{L}'-]+\\s+){1,2})(?:${PERSON_ROLES})\\b`, "iu").exec(question);
  return words(m?.[1] ?? "").map(termOf).filter((t): t is string => t !== null);
}

/** The answer type a question asks for, or null for open questions ("what", "why", "how"). */
export function expectedAnswerType(question: string): AnswerType | null {
  const q = foldText(question);
  if (/\bhow (?:long|many (?:days|weeks|months|years|hours))\b/.test(q)) return "duration";
  if (/\bhow much\b.*\b(?:cost|costs|pay|paid|spend|spent|price|worth|money|budget|fund)\b|\bwhat (?:did|does|will) .* cost\b|\bhow much money\b/.test(q)) return "money";
  if (/\bhow (?:many|much|old)\b|\bwhat (?:number|percentage|share)\b/.test(q)) return "number";
  // "What time does the last ferry leave?" asks for a clock time, which a date does not give.
  if (/\b(?:at )?what time\b/.test(q)) return "time";
  if (/^(?:\W*)when\b|\bwhen (?:is|was|does|did|will|do)\b|\bwhat (?:date|day|year|month)\b|\bwhich (?:date|day|year|month)\b|\bon what date\b/.test(q)) return "date";
  if (new RegExp(`^(?:\\W*)(?:who|whom|whose)\\b|\\b(?:who|whom) (?:is|was|are|were|will|did|does)\\b|\\bwhich (?:[a-z'-]+ ){0,2}(?:${PERSON_ROLES})\\b|\\bwhat (?:is|was) the name\\b|\\bnames? of\\b`).test(q)) return "person";
  if (/^(?:\W*)where\b|\bwhere (?:is|was|does|did|will|do)\b|\bwhich (?:country|countries|city|cities|place|region|state)\b|\bin what (?:country|city|place)\b/.test(q)) return "place";
  return null;
}

/** The digits of a date ("March 26, 2025", "in 1798") are not a count. */
const DATE_DIGITS = /\b(?:[A-Z][a-z]+\.? \d{1,2}(?:, \d{4})?|(?:of |in )?(?:1[5-9]|20)\d{2})\b/g;

/**
 * The terms of what "how many X were …" counts (X), or [] when the question counts nothing named
 * ("how many of the deportees were …" names the count only later).
 */
/**
 * What "how many of the X were Y" counts: the words of Y, the part of X counted ("How many of the
 * deportees were women?" → "women"), or [] for other questions.
 */
export function subsetWords(question: string): string[] {
  const m = /\bhow many of (?:the|those|these|them)\b.*?\s(?:is|are|was|were|will be|had been)\s+(.+?)\s*\??$/iu.exec(question.trim());
  return words(m?.[1] ?? "").filter((w) => termOf(w) !== null && !/^\d/.test(w));
}

export function countedTerms(question: string): string[] {
  // X ends at the verb: an auxiliary, or a past tense ("how many people showed up").
  const m = /\bhow many\s+(.+?)\s+(?:is|are|was|were|will|would|did|do|does|have|has|had|got|get|can|could|\p{L}+ed)\b/iu.exec(question);
  if (!m || /^of\b/i.test(m[1] ?? "")) return [];
  return words(m[1] ?? "")
    .map(termOf)
    .filter((t): t is string => t !== null);
}

const COUNT_WORD = new RegExp(`^(?:\\d[\\d,.]*|${NUMBER_WORDS})$`, "u");

/**
 * Does `text` give a number within `distance` words of `term`? "261 illegal aliens", "101 were
 * Venezuelans" count the thing; "over 250 migrant criminals, … including the notorious Tren de
 * Aragua" gives no count of Tren de Aragua members.
 */
export function countsNear(text: string, term: string, distance = 4): boolean {
  const tokens = words(text.replace(DATE_DIGITS, " "));
  const numbers = tokens.flatMap((w, i) => (COUNT_WORD.test(w) ? [i] : []));
  return tokens.some((w, i) => (termOf(w) === term || w.split("-").some((part) => termOf(part) === term)) && numbers.some((n) => Math.abs(n - i) <= distance));
}

/** Does `text` hold an answer of this type that the question does not already contain? */
export function offersAnswerType(type: AnswerType, text: string, question: string): boolean {
  const asked = new Set(foldText(question).split(/[^\p{L}\p{N}]+/u));
  // The digits of a date ("March 26, 2025") are not a count.
  const searched = type === "number" ? text.replace(DATE_DIGITS, " ") : text;
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

const CAPITALISED_RUN = /\p{Lu}[\p{L}\p{N}'’-]*(?:\s+\p{Lu}[\p{L}\p{N}'’-]*)*/gu;

/** Capitalised runs of words in a text, possessives dropped: "El Salvador's Minister of Justice" → ["El", "Salvador"], ["Minister"], ["Justice"]. */
function capitalisedRuns(text: string): Array<{ words: string[]; start: number; end: number }> {
  return [...text.matchAll(CAPITALISED_RUN)].map((m) => ({ words: m[0].split(/\s+/).map((w) => w.replace(/['’]s$/u, "")), start: m.index, end: m.index + m[0].length }));
}

/** How close (in characters) a name must stand to a word of the question to be its answer: about ten words. */
const NAME_REACH = 60;

/** Character offsets of the words of `text` whose terms the question uses. */
function questionWordsAt(text: string, question: string): number[] {
  const asked = new Set(words(question).map(termOf).filter((t): t is string => t !== null));
  return [...foldText(text).matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu)].filter((m) => asked.has(termOf(m[0]) ?? "")).map((m) => m.index);
}

/** A category noun after "which"/"what" in a place question ("which countries" → "country"), if WordNet knows it. */
function askedPlaceKind(question: string): string | null {
  const m = /\b(?:which|what)\s+([\p{L}-]+)/iu.exec(question);
  return m?.[1] ? wordNet().nounBase(m[1]) : null;
}

/**
 * A stricter reading of "offers a person" or "offers a place", for ranking: a person is a run of
 * capitalised words the dictionary does not know ("Kristi Noem" in "Secretary of Homeland Security
 * Kristi Noem", "Villatoro" alone), none of them named in the question; a place asked for by kind
 * ("which countries") is a name WordNet files under that kind ("Colombia" is a country). Returns null
 * when there is no stricter reading for the type, so the caller falls back to `offersAnswerType`.
 */
export function namesNewAnswer(type: AnswerType, text: string, question: string, options: { nearQuestionWords?: boolean } = {}): boolean | null {
  const asked = new Set(words(question));
  const lexicon = wordNet();
  if (type === "person") {
    // With `nearQuestionWords`, the name must also stand near a word of the question that is not part of
    // it ("Noem and Villatoro" for "who will tour … with Noem"): a name in a sentence that merely shares a
    // topic is no evidence that the article answers.
    const anchors = questionWordsAt(text, question);
    for (const { words: run, start, end } of capitalisedRuns(text)) {
      const near = anchors.some((at) => (at < start && start - at <= NAME_REACH) || (at >= end && at - end <= NAME_REACH));
      if (options.nearQuestionWords && !near) continue;
      // Split where dictionary words meet unknown ones: "Homeland Security | Kristi Noem".
      // Words of a multi-word dictionary name ("El Salvador", "Central America") are not a person.
      const inDictionaryName = new Set<number>();
      for (let i = 0; i + 1 < run.length; i++) {
        for (let j = i + 2; j <= Math.min(run.length, i + 3); j++) {
          if (lexicon.has(run.slice(i, j).map(foldText).join("_"))) for (let k = i; k < j; k++) inDictionaryName.add(k);
        }
      }
      let name: string[] = [];
      const flush = (): boolean => {
        const found = name.length > 0 && name.every((w) => !asked.has(foldText(w)));
        name = [];
        return found;
      };
      for (const [i, word] of run.entries()) {
        const folded = foldText(word);
        if (/^\p{L}[\p{L}'’-]*$/u.test(folded) && !inDictionaryName.has(i) && !isStopword(folded) && !isCommonWord(folded) && !lexicon.has(folded)) name.push(folded);
        else if (flush()) return true;
      }
      if (flush()) return true;
    }
    return false;
  }
  if (type === "place") {
    const kind = askedPlaceKind(question);
    if (!kind) return null;
    for (const { words: run } of capitalisedRuns(text)) {
      for (let i = 0; i < run.length; i++) {
        for (let j = i + 1; j <= Math.min(run.length, i + 3); j++) {
          const name = run.slice(i, j).map(foldText);
          if (name.some((w) => asked.has(w))) continue;
          if (lexicon.isKindOf(name.join(" "), kind)) return true;
        }
      }
    }
    return false;
  }
  return null;
}
