/**
 * Short answers: when a question asks for a name, number, date, time, place, duration or sum of money, the
 * span of the cited sentence that is that thing ("How many workers walked off?" → "4,300"), the article's own
 * text at offsets. Picked by answer type, not learned: among the sentence's spans of the asked type, drop the
 * ones the question already holds ("Noem" in "Who will Noem meet?") and keep the one nearest the words the
 * question and the sentence share (the answer stands next to what it answers). No span of that type → null,
 * never a guess from another type. A bold wrong answer misleads more than none, so a pick among several
 * spans far from every such word, or one of the wrong sort, is not offered either (the quotes still are).
 *
 * `citedShortAnswer` is what the answer paths call: the span inside the answer's first citation (the cited
 * sentence), in the same offsets as the citation, checked like one. `shortAnswer` is the picker itself.
 */
import type { Citation, ShortAnswer } from "../contract";
import { type StoredText, storedSpan } from "../corpus/normalize";
import type { CorpusDocument } from "../corpus/types";
import type { AnswerType } from "../text/entities";
import { MONTHS, WEEKDAYS } from "../text/lexicon";
import { foldText, termOf, words } from "../text/tokens";
import { answerTypeOf, type QuestionReading } from "./reading";

export type { ShortAnswer } from "../contract";
export type ShortType = AnswerType;

const capitalised = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
/** The lexicon's full month names and weekdays as written in prose (the first twelve MONTHS are the full names). */
const MONTH_NAMES = MONTHS.slice(0, 12).map(capitalised);
const WEEKDAY_NAMES = WEEKDAYS.map(capitalised);
const MONTH = `(?:${MONTH_NAMES.join("|")}|Jan\\.|Feb\\.|Mar\\.|Apr\\.|Jun\\.|Jul\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)`;
const WEEKDAY = `(?:${WEEKDAY_NAMES.join("|")})`;
const NUMBER_WORD = "(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|a dozen|dozens|hundreds|thousands|several|half an?)";
const AMOUNT = `(?:\\d[\\d,]*(?:\\.\\d+)?|${NUMBER_WORD})(?:\\s(?:million|billion|trillion|thousand|hundred))?`;
const QUALIFIER = "(?:(?:at least|about|nearly|almost|roughly|around|more than|less than|fewer than|over|under|up to|some|just over|just under)\\s)?";
const UNIT = "(?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|century)";
/** A capitalised word, a title before a name ("Dr."), or "of"/"the"/"de" between two capitalised words. */
const CAP = "\\p{Lu}[\\p{L}\\p{N}'’.-]*";
const NAME = `(?:(?:Dr|Mr|Mrs|Ms|St|Sen|Rep|Gov|Gen|Capt|Lt|Sgt|Prof)\\.\\s)?${CAP}(?:(?:\\s(?:of|de|del|la|von|van|and)\\s|\\s|-)${CAP})*`;

const PATTERNS: Record<ShortType, RegExp> = {
  time: /\b\d{1,2}(?::\d{2})?\s?(?:a\.m\.|p\.m\.|am\b|pm\b)|\b\d{1,2}:\d{2}\b|\bnoon\b|\bmidnight\b/gu,
  date: new RegExp(`(?:${WEEKDAY},?\\s)?${MONTH}(?:\\s\\d{1,2}(?:st|nd|rd|th)?)?(?:,?\\s\\d{4})?|\\b\\d{1,2}\\s${MONTH}(?:\\s\\d{4})?|(?:(?:early|mid|late)[- ])?\\b(?:1\\d|20)\\d{2}s?\\b|\\b${WEEKDAY}\\b`, "gu"),
  duration: new RegExp(`\\b${QUALIFIER}${AMOUNT}(?:[\\s-](?:full|more|straight|consecutive))?[\\s-]${UNIT}\\b|\\b(?:a|an)\\s${UNIT}\\b|\\bindefinitely\\b`, "giu"),
  money: new RegExp(`${QUALIFIER}[$€£]\\s?\\d[\\d,]*(?:\\.\\d+)?(?:\\s(?:million|billion|trillion))?|\\b${AMOUNT}\\s(?:dollars|euros|pounds)\\b`, "giu"),
  number: new RegExp(`\\b${QUALIFIER}${AMOUNT}(?:\\s?(?:%|percent\\b))?`, "giu"),
  person: new RegExp(NAME, "gu"),
  place: new RegExp(NAME, "gu"),
};

/** Capitalised words that open sentences or name times, not people or places. */
const NOT_A_NAME = new RegExp(`^(?:The|A|An|It|Its|This|That|These|Those|They|He|She|His|Her|Their|We|I|In|On|At|As|And|But|For|If|When|After|Before|While|By|With|From|Since|During|However|According|${[...WEEKDAY_NAMES, ...MONTH_NAMES].join("|")})$`, "u");

interface Candidate { start: number; end: number }

/** Spans of `type` in `text` (offsets into it), trimmed of trailing punctuation. */
export function typedSpans(type: ShortType, text: string): Candidate[] {
  const out: Candidate[] = [];
  for (const m of text.matchAll(PATTERNS[type])) {
    let start = m.index;
    let value = m[0];
    if (type === "person" || type === "place") {
      // A leading sentence word ("The", "After") is not part of the name; what follows it may be.
      const parts = value.split(/\s+/);
      while (parts.length > 0 && NOT_A_NAME.test(parts[0]!)) {
        const drop = parts.shift()!;
        start += drop.length + (value.slice(drop.length).match(/^\s+/)?.[0].length ?? 0);
        value = parts.join(" ");
      }
      if (parts.length === 0) continue;
      // The sentence's first word alone is not a name ("Together", "Officials").
      if (m.index === 0 && start === 0 && parts.length === 1) continue;
      value = text.slice(start, m.index + m[0].length);
    }
    value = value.replace(/[\s,;:'’-]+$/u, "");
    // A sentence's full stop is not part of the span; the dot of "a.m." or "Jan." is.
    if (value.endsWith(".") && !/(?:a\.m|p\.m|\b(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Dr|Mr|Mrs|Ms|St|Jr|Sr|Inc|Co|Corp|Ltd|\p{Lu}))\.$/u.test(value)) value = value.slice(0, -1);
    if (type === "number" && /^(?:1[5-9]|20)\d{2}$/.test(value)) continue; // a year is not a count
    if (type === "number" && /\p{L}-$/u.test(text.slice(0, start))) continue; // "MS-13", "COVID-19": part of a name
    if (value.length > 0) out.push({ start, end: start + value.length });
  }
  return out;
}

/** How far `candidate` stands from the nearest word of the question in `text` (characters; large when none). */
function distanceToQuestion(text: string, candidate: Candidate, questionTerms: Set<string>): number {
  let best = 10_000;
  for (const m of text.matchAll(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu)) {
    const t = termOf(m[0]);
    if (t === null || !questionTerms.has(t)) continue;
    const end = m.index + m[0].length;
    if (m.index >= candidate.start && end <= candidate.end) continue;
    best = Math.min(best, end <= candidate.start ? candidate.start - end : Math.max(0, m.index - candidate.end));
  }
  return best;
}

/** Words that end an organisation's or a place's name: a weak "who" answer, a good "where" one. */
const INSTITUTION = /\b(?:Council|Board|Commission|Committee|Center|Centre|Street|Road|Avenue|County|City|Association|Department|Inc|Corp|Hospital|School|University|Company|Office|Agency|Court|Park|Station|Rail|Health|Police|Service)s?\b/u;
const ALL_CAPS = /^[\p{Lu}\s'’.-]+$/u;

/**
 * Which spans answer the question: the asked type, sharpened by its wording. "What percentage" wants a
 * percentage; "how much" may be a sum, a share, a count or a time ("How much base pay …? 16 weeks").
 */
function candidatesFor(type: ShortType, question: string, sentence: string): Candidate[] {
  const q = foldText(question);
  if (/\bper ?cent(?:age)?\b/.test(q)) return typedSpans("number", sentence).filter((c) => /(?:%|percent)$/.test(sentence.slice(c.start, c.end)));
  // "When was the fire under control?" in a sentence that gives no day but a clock time: the time.
  const whenByClock = type === "date" && typedSpans("date", sentence).length === 0;
  const types: ShortType[] = /\bhow much\b/.test(q) && (type === "number" || type === "money") ? ["money", "number", "duration"] : whenByClock ? ["time"] : [type];
  const spans = types.flatMap((t) => typedSpans(t, sentence).map((c) => ({ ...c, type: t })));
  // The digits of a time, a date or a sum are not a count of their own ("12" of "12:01 a.m.").
  const others = type === "number" || type === "duration" ? (["time", "date", "money"] as ShortType[]).filter((t) => !types.includes(t)).flatMap((t) => typedSpans(t, sentence)) : [];
  const inside = (c: Candidate, o: Candidate) => o !== c && o.start <= c.start && o.end >= c.end && (o.end - o.start > c.end - c.start);
  return spans.filter((c) => !others.some((o) => o.start < c.end && o.end > c.start) && !spans.some((o) => inside(c, o)));
}

/** Characters added to a candidate's distance when it is the wrong sort of thing for the question. */
function penalty(type: ShortType, question: string, text: string, sorts: NameSorts | undefined): number {
  const q = foldText(question);
  // "Who will Noem meet in Colombia?" is not answered by "El Salvador": a name the dictionary files as a place is no person.
  if (type === "person" && sorts?.isPlace(text) === true) return 200;
  // "Where will Noem go?" is not answered by "Noem and Villatoro": people the text shows to be people are no place.
  if (type === "place" && sorts?.isPerson(text) === true) return 200;
  if ((type === "person" || type === "place") && ALL_CAPS.test(text) && text.length > 3) return 1000; // a dateline
  if (type === "person" && INSTITUTION.test(text) && !/\b(?:which|what) (?:group|organi[sz]ation|company|order|agency|body|team|firm)\b/.test(q)) return 200;
  // "Mayor Lorraine Okafor" over "Calloway": a person is more often named in full.
  if (type === "person" && !/\s/.test(text)) return 30;
  if (type === "date" && /\bwhat year\b|\bwhich year\b|\bin what year\b/.test(q) && !/\b\d{4}\b/.test(text)) return 200;
  if (type === "date" && /\b(?:what|which) month\b/.test(q) && /^\d/.test(text)) return 200;
  return 0;
}

/**
 * When no short answer is offered though the sentence holds a span of the asked type. Measured on the
 * training sets only (news training articles, SQuAD train; `tsx scripts/train/shortRun.ts`): when the
 * sentence holds several spans of the type and the nearest stands more than 30 characters from every word
 * it shares with the question, the pick was right 2 of 6 times (news) and 16 of 76 (SQuAD), against 79% and
 * 51% overall; a lone span that far was right as often as the rest (5 of 9, 51 of 88), so it stays
 * ("When does Noem visit El Salvador?" → the one date, 75 characters on). Penalised spans (a dateline, an
 * institution for "who") were right 4 of 20.
 */
export const SHORT_ANSWER_LIMITS = {
  /** Characters between the span and the nearest word the question and sentence share, when it must choose. */
  maxDistanceAmongSeveral: 30,
  /** A penalty this large marks the wrong sort of thing for the question (see `penalty`). */
  wrongSort: 200,
} as const;

/**
 * The short answer in the sentence at `[start, end)` of `documentText`, or null when the question asks
 * for no typed answer, the sentence holds none it does not already say, or the pick is too uncertain to be
 * shown in bold (`SHORT_ANSWER_LIMITS`).
 */
export function shortAnswer(input: { type: ShortType | null; question: string; docId: string; documentText: string; start: number; end: number; sorts?: NameSorts; office?: string }): ShortAnswer | null {
  const { type, question, docId, documentText, start, end, sorts, office } = input;
  if (type === null) return null;
  const sentence = documentText.slice(start, end);
  const held = new Set(foldText(question).split(/[^\p{L}\p{N}]+/u).filter(Boolean));
  const questionTerms = new Set(words(question).map(termOf).filter((t): t is string => t !== null));
  const fresh = candidatesFor(type, question, sentence).filter((c) => {
    const own = foldText(sentence.slice(c.start, c.end)).split(/[^\p{L}\p{N}]+/u).filter((w) => w && !/^(?:the|a|an|of|and|at|least|about|more|than)$/.test(w));
    return own.some((w) => !held.has(w));
  });
  // "Who is the president of Colombia?": a name that the office asked about opens ("President Gustavo Petro") is it.
  const heldByOffice = (c: Candidate): boolean => type === "person" && office !== undefined && foldText(sentence.slice(c.start, c.end)).startsWith(`${office} `);
  let best: { at: Candidate; distance: number; penalty: number } | undefined;
  for (const c of fresh) {
    const scored = { at: c, distance: heldByOffice(c) ? 0 : distanceToQuestion(sentence, c, questionTerms), penalty: penalty(type, question, sentence.slice(c.start, c.end), sorts) };
    if (!best || scored.distance + scored.penalty < best.distance + best.penalty) best = scored;
  }
  if (!best || best.penalty >= SHORT_ANSWER_LIMITS.wrongSort) return null;
  if (fresh.length > 1 && best.distance > SHORT_ANSWER_LIMITS.maxDistanceAmongSeveral) return null;
  const text = sentence.slice(best.at.start, best.at.end);
  const short = { text, docId, start: start + best.at.start, end: start + best.at.end };
  // The product's promise: the article's own words, checked, never rebuilt.
  return documentText.slice(short.start, short.end) === short.text ? short : null;
}

/** What a short answer is picked for: the question's words, and the type of answer it asks for. */
export interface ShortQuestion {
  question: string;
  type: ShortType | null;
  sorts?: NameSorts;
  /** "Who is the president of Colombia?": the office asked about (`reading.roleOf`), folded: "president". */
  office?: string;
}

/** What is known of a name's sort, to keep the wrong sort out of an answer. */
export interface NameSorts {
  /** WordNet files it under "location": such a span does not answer "who". */
  isPlace(name: string): boolean;
  /** The corpus writes it with a title (`SpeechIndex.namesPerson`): such a span does not answer "where". */
  isPerson(name: string): boolean;
}

/**
 * The type is read from the whole input as asked, not from the reading's question sentence: that sentence
 * split still breaks after "St." and "Dr." ("In what year was St. Brennan’s founded?" would read as
 * "Brennan’s founded?", no type). A follow-up's words are the completed question, so that what the earlier
 * question already said is not offered as the answer; its type is what was asked now, without its opener
 * ("and when?" asks for a date, not for the earlier question's person).
 */
export function shortQuestionOf(reading: QuestionReading, sorts?: NameSorts): ShortQuestion {
  const asked = reading.input.trim();
  const opener = reading.followUp?.opener;
  const now = opener && asked.toLowerCase().startsWith(opener.toLowerCase()) ? asked.slice(opener.length) : asked;
  const office = reading.roleOf?.role.at(-1);
  return { question: reading.followUp ? reading.text : reading.input, type: answerTypeOf(now), ...(sorts ? { sorts } : {}), ...(office ? { office } : {}) };
}

/** The index in the NFC text of a stored offset that starts (or ends) a character: the first unit at or after it. */
function nfcOffset(stored: StoredText, offset: number): number {
  let lo = 0;
  let hi = stored.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((stored.starts[mid] ?? Infinity) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The short answer inside `citation` (the answer's first, the cited sentence), or null. It is picked on the
 * text the engine matches (NFC) and mapped back to the document as stored, like a citation, so `start`/`end`
 * index the same text as the citation's (`Engine.documentText`). Checked here, the one place a short answer is
 * made: the text is the document's at the offsets and lies inside the citation, or there is no short answer.
 */
export function citedShortAnswer(doc: CorpusDocument, citation: Citation | undefined, asked: ShortQuestion): ShortAnswer | null {
  if (citation === undefined || asked.type === null || citation.docId !== doc.id) return null;
  const stored = doc.stored;
  const start = stored ? nfcOffset(stored, citation.start) : citation.start;
  const end = stored ? nfcOffset(stored, citation.end) : citation.end;
  if (!(start >= 0 && end > start && end <= doc.text.length)) return null;
  const picked = shortAnswer({ type: asked.type, question: asked.question, docId: doc.id, documentText: doc.text, start, end, ...(asked.sorts ? { sorts: asked.sorts } : {}), ...(asked.office ? { office: asked.office } : {}) });
  if (picked === null) return null;
  const at = stored ? storedSpan(stored, picked.start, picked.end) : picked;
  const storedText = stored?.text ?? doc.text;
  const short: ShortAnswer = { text: storedText.slice(at.start, at.end), docId: doc.id, start: at.start, end: at.end };
  return isShortAnswerOf(storedText, short) && short.start >= citation.start && short.end <= citation.end ? short : null;
}

/** The product's promise for a short answer, as for a quote: the document's own text at its offsets. */
export function isShortAnswerOf(documentText: string, short: ShortAnswer): boolean {
  return Number.isInteger(short.start) && Number.isInteger(short.end) && short.start >= 0 && short.end > short.start && documentText.slice(short.start, short.end) === short.text && short.text.trim() !== "";
}

/** SQuAD's answer normalisation: lower case, no punctuation, no articles, single spaces. */
export function normaliseAnswer(s: string): string {
  return foldText(s)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\b(?:a|an|the)\b/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}
