/**
 * Does a sentence give the kind of answer a question asks for (a date for "when", a number for "how
 * many", a person for "who"), one the question does not already hold? Read from the sentence's text
 * against the question's reading; used to prefer sentences that can answer, by the answer-type rule to
 * refuse when none of the best can, and to pick further citations.
 */
import type { ScoredSentence } from "./retrieve";
import type { CorpusTerms } from "./corpusTerms";
import type { AnswerType, QuestionReading } from "./reading";
import { ANSWER_PATTERNS, capitalisedRuns, COUNT_WORD, DATE_DIGITS } from "../text/entities";
import { alternation, NUMBER_WORDS } from "../text/lexicon";
import { isCommonWord } from "../text/spelling";
import { foldText, isStopword, termOf, terms, words } from "../text/tokens";
import type { WordNet } from "../text/wordnet";

/** What the question asks for, and two readings of whether a sentence gives it. */
export interface AnswerKindMatch {
  type: AnswerType;
  /** Loose: a date, a number, a capitalised name the question does not hold, or a new name near the question's words. */
  offers(s: ScoredSentence): boolean;
  /** Strict where there is a stricter test (see `namesNewAnswer`), else the same as `offers`. */
  names(s: ScoredSentence): boolean;
}

/** How close (in characters) a name must stand to a word of the question to be its answer: about ten words. */
const NAME_REACH = 60;
/** How many words from the thing counted a number may stand and still count it. */
const COUNT_REACH = 4;
/** A sentence that counts parts of something named before: "Among those deported, 101 were …", "Of the 40, 12 are …". */
const PART_COUNT = new RegExp(`^(?:among|of)\\s+(?:those|the|them|these|whom)\\b[^.;:]{0,80},\\s*(?:\\d[\\d,]*|${alternation(NUMBER_WORDS)})\\s+(?:were|are|was|is|had|have)\\b`, "iu");

/**
 * The matcher for one question, or null for open questions. Besides "a span of the asked type the
 * question does not hold", a sentence must:
 * - for "how many X": count X, the rarest of X's words the corpus uses ("How many Tren de Aragua members"
 *   is not answered by a number of some other thing nearby);
 * - for "when"/"what time"/"how long" asking one thing: be about the rarest name the question holds ("When
 *   did Villatoro become minister?" needs a date in a sentence about Villatoro, not the article's first
 *   date; a duration may also follow the sentence naming them, and one of the article's subject needs no
 *   name; a person's surname stands for the full name). Durations added on 2026-12-03: news training 3
 *   more of 500 unanswerable refused, no answerable one; SQuAD train one more answerable refused;
 * - for "which Mexican president": say Mexican, or Mexico (strict reading only).
 */
export function matchAnswerKind(reading: QuestionReading, corpus: CorpusTerms, wordNet: WordNet): AnswerKindMatch | null {
  const type = reading.answerType;
  if (!type) return null;
  const counted = type === "number" ? corpus.rarestKnown(reading.counted) : null;
  // Not when the question asks two things ("When does Noem get to Colombia, and when does the trip end?").
  const asksOnce = reading.whWords.length <= 1;
  const rarest = asksOnce && (type === "date" || type === "time" || type === "duration") ? corpus.rarestKnown(reading.names.flatMap((n) => n.terms)) : null;
  // A duration of the article's subject is often told of "he" or "the city": no name to look for then.
  const named = rarest !== null && type === "duration" && corpus.isSubject(rarest) ? null : rarest;
  // "How many people got turned away" is answered by "1,200 music fans": people are counted under many names.
  const people = counted !== null && PEOPLE_TERMS.has(counted);
  // "What's the name of the vet …" asks for a person: "the Fenside Veterinary Clinic" is not one, though "who treated the dog?" may be answered by it.
  const notAnswer = type === "person" && asksForPersonKind(reading, wordNet) ? (name: string[]) => namesOrganisationOrPlace(name, wordNet) : undefined;
  const typed = memo((text) => offersAnswerType(type, text, reading, notAnswer) && (counted === null || countsNear(text, counted) || (people && countsPersons(text, wordNet))));
  const newAnswer = memo((text) => namesNewAnswer(type, text, reading, wordNet, { nearQuestionWords: true, notAnswer }) === true);
  // "Gail Pritchard" is "Pritchard" after the first mention: the name's last word stands for it too.
  const phrase = named === null ? undefined : reading.names.find((n) => n.terms.includes(named))?.phrase;
  const lastWord = phrase === undefined ? null : (terms(phrase).at(-1) ?? null);
  const standsFor = [named, lastWord].filter((t): t is string => t !== null);
  const mentions = (doc: string, index: number): boolean => {
    const held = corpus.termsOfSentence(doc, index);
    return standsFor.some((t) => held.has(t));
  };
  const about = (s: ScoredSentence): boolean =>
    named === null ||
    mentions(s.doc.id, s.sentence.index) ||
    // "Jerome Baptiste said … . “It took us ten minutes”": a duration may be told in the next sentence.
    (type === "duration" && s.sentence.index > 0 && mentions(s.doc.id, s.sentence.index - 1));
  const offers = (s: ScoredSentence): boolean => (typed(s) && about(s)) || newAnswer(s);
  const names = memo((text) => namesNewAnswer(type, text, reading, wordNet, { notAnswer }));
  const modifiers = type === "person" ? reading.roleModifiers : [];
  const places = modifiers.length > 0 ? corpus.placesOf(reading.words) : new Map<string, string[][]>();
  const fitsModifiers = (s: ScoredSentence): boolean => {
    const held = corpus.termsOfSentence(s.doc.id, s.sentence.index);
    return modifiers.every((t) => held.has(t) || (places.get(t) ?? []).some((place) => place.every((p) => held.has(p))));
  };
  return { type, offers, names: (s) => (names(s) ?? offers(s)) && fitsModifiers(s) };
}

/** Each reading is asked several times per sentence (ranking, refusal, citations): compute it once. */
function memo<T>(compute: (text: string) => T): (s: ScoredSentence) => T {
  const seen = new Map<string, T>();
  return (s) => {
    let value = seen.get(s.sentence.text);
    if (value === undefined) {
      value = compute(s.sentence.text);
      seen.set(s.sentence.text, value);
    }
    return value;
  };
}

/**
 * Sums of money ("$250", "£2.9 million"): numbers that count nothing ("file a claim for up to $250" is no
 * count of claims). News training one more unanswerable refused, SQuAD train one more right and one more
 * false refusal; shares ("30 percent") too refused 4 more answerable SQuAD questions.
 */
const NOT_COUNTS = new RegExp(`(?:${ANSWER_PATTERNS.money.source})(?:\\s*(?:million|billion|bn|m|k)\\b)?`, "giu");

/** A text's words (a date's digits and sums dropped: they count nothing) and where its numbers stand among them. */
function countingWords(text: string): { tokens: string[]; numbers: number[] } {
  const tokens = words(text.replace(DATE_DIGITS, " ").replace(NOT_COUNTS, " "));
  return { tokens, numbers: tokens.flatMap((w, i) => (COUNT_WORD.test(w) ? [i] : [])) };
}

/**
 * Does `text` give a number within `distance` words of `term`? "261 illegal aliens", "101 were
 * Venezuelans" count the thing; "over 250 migrant criminals, … including the notorious Tren de
 * Aragua" gives no count of Tren de Aragua members.
 */
export function countsNear(text: string, term: string, distance = COUNT_REACH): boolean {
  const { tokens, numbers } = countingWords(text);
  return tokens.some((w, i) => (termOf(w) === term || w.split("-").some((part) => termOf(part) === term)) && numbers.some((n) => Math.abs(n - i) <= distance));
}

/** Index terms of the words that ask for a count of people of any kind. */
const PEOPLE_TERMS: ReadonlySet<string> = new Set(["people", "persons", "individuals"].flatMap((w) => termOf(w) ?? []));

/** Does a number in `text` count some kind of person ("1,200 music fans", "37 residents")? */
function countsPersons(text: string, wordNet: WordNet, distance = COUNT_REACH): boolean {
  const { tokens, numbers } = countingWords(text);
  return numbers.some((n) =>
    tokens.slice(n + 1, n + 1 + distance).some((t) => {
      if (PEOPLE_TERMS.has(termOf(t) ?? "")) return true;
      // The singular first ("gates" is a gate before it is Bill Gates), in its two most frequent senses.
      const singular = [t.replace(/s$/u, ""), wordNet.nounBase(t)].find((f): f is string => f !== null && f !== t && wordNet.has(f)) ?? t;
      return wordNet.isKindOf(singular, "person", 4, 2);
    }),
  );
}

/** Does `text` hold an answer of this type that the question does not already contain (and that `notAnswer`, given its words, does not set aside)? */
export function offersAnswerType(type: AnswerType, text: string, reading: Pick<QuestionReading, "heldWords">, notAnswer?: (name: string[]) => boolean): boolean {
  // "When was the fire brought under control?" is answered by a clock time ("by 3:30 p.m.") as well as a day.
  if (type === "date" && offersAnswerType("time", text, reading)) return true;
  // The digits of a date ("March 26, 2025") are not a count.
  const searched = type === "number" ? text.replace(DATE_DIGITS, " ") : text;
  for (const match of searched.matchAll(ANSWER_PATTERNS[type])) {
    const found = foldText(match[0]).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    // "Noem" in "who will Noem meet" is not an answer; a name not asked about is.
    if (found.some((w) => !reading.heldWords.has(w) && !/^(?:the|a|an)$/.test(w))) {
      // A capitalised sentence opener ("Together", "Following") is not a name.
      if ((type === "place" || type === "person") && match.index === 0 && found.length === 1) continue;
      if (notAnswer?.(match[0].split(/\s+/))) continue;
      return true;
    }
  }
  return false;
}

/**
 * What a name's last word may be a kind of that makes the name an organisation or a place ("Fenside
 * Veterinary Clinic", "Marsh Road", "Lake Merrow"), in WordNet's terms. "unit" and "group" are left out:
 * nearly every noun is filed under them.
 */
const NOT_PERSON_KINDS = ["organization", "social_group", "structure", "facility", "location", "way", "body_of_water"];
/** Company suffixes WordNet does not file under organisation. */
const COMPANY_SUFFIXES: ReadonlySet<string> = new Set(["ltd", "inc", "plc", "llc", "llp", "co", "corp"]);

/** Per dictionary, whether a word (folded) is a person noun and whether it heads an organisation's or a place's name: asked for many sentences, the same few words. */
const kindsSeen = new WeakMap<WordNet, Map<string, { person: boolean; notPerson: boolean }>>();

function kindsOf(word: string, lexicon: WordNet): { person: boolean; notPerson: boolean } {
  let seen = kindsSeen.get(lexicon);
  if (!seen) kindsSeen.set(lexicon, (seen = new Map<string, { person: boolean; notPerson: boolean }>()));
  let kinds = seen.get(word);
  if (!kinds) {
    const base = lexicon.nounBase(word);
    // The two most frequent senses: "Baker" and "Mason" are people first, "clinic" an institution.
    const person = base !== null && lexicon.isKindOf(base, "person", 8, 2);
    const notPerson = COMPANY_SUFFIXES.has(word) || (base !== null && NOT_PERSON_KINDS.some((k) => lexicon.isKindOf(base, k, 8, 2)));
    kinds = { person, notPerson };
    seen.set(word, kinds);
  }
  return kinds;
}

/**
 * Does the question ask for a kind of person by its noun ("the name of the vet", "which official", "who
 * was the driver")? Then an organisation or a place is no answer. "Who …" alone is not: "Who took the
 * samples?" may be answered by an agency.
 */
export function asksForPersonKind(reading: Pick<QuestionReading, "answerType" | "personNounSlot">, lexicon: WordNet): boolean {
  if (reading.answerType !== "person") return false;
  return reading.personNounSlot.some((w) => {
    const kinds = kindsOf(w, lexicon);
    return kinds.person && !kinds.notPerson;
  });
}

/** A run of capitalised words whose last one heads an organisation's or a place's name, not a person's ("Fenside Veterinary Clinic"; "Tom Baker" is a person). */
export function namesOrganisationOrPlace(name: readonly string[], lexicon: WordNet): boolean {
  const last = foldText(name.at(-1) ?? "").replace(/[^\p{L}]+$/u, "");
  if (last === "") return false;
  const kinds = kindsOf(last, lexicon);
  return kinds.notPerson && !kinds.person;
}

/** Character offsets of the words of `text` whose terms the question uses. */
function questionWordsAt(text: string, reading: Pick<QuestionReading, "wordTerms">): number[] {
  return [...foldText(text).matchAll(/[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu)].filter((m) => reading.wordTerms.has(termOf(m[0]) ?? "")).map((m) => m.index);
}

/**
 * A stricter reading of "offers a person" or "offers a place", for ranking: a person is a run of
 * capitalised words the dictionary does not know ("Kristi Noem" in "Secretary of Homeland Security
 * Kristi Noem", "Villatoro" alone), none of them named in the question; a place asked for by kind
 * ("which countries") is a name WordNet files under that kind ("Colombia" is a country). Returns null
 * when there is no stricter reading for the type, so the caller falls back to `offersAnswerType`.
 */
export function namesNewAnswer(
  type: AnswerType,
  text: string,
  reading: QuestionReading,
  lexicon: WordNet,
  options: { nearQuestionWords?: boolean; notAnswer?: ((name: string[]) => boolean) | undefined } = {},
): boolean | null {
  const asked = new Set(reading.words);
  if (type === "person") {
    // With `nearQuestionWords`, the name must also stand near a word of the question that is not part of
    // it ("Noem and Villatoro" for "who will tour … with Noem"): a name in a sentence that merely shares a
    // topic is no evidence that the article answers.
    const anchors = questionWordsAt(text, reading);
    for (const { words: run, start, end } of capitalisedRuns(text)) {
      const near = anchors.some((at) => (at < start && start - at <= NAME_REACH) || (at >= end && at - end <= NAME_REACH));
      if (options.nearQuestionWords && !near) continue;
      if (options.notAnswer?.(run)) continue;
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
  if (type === "number") {
    // "Among those deported, 101 were Venezuelans": a count of a part. It answers "How many Venezuelans …",
    // which names the part, not "How many people were deported?", which asks for the whole.
    if (reading.subset.length > 0 || !PART_COUNT.test(text)) return null;
    const held = new Set(terms(text));
    return reading.counted.some((t) => held.has(t)) ? null : false;
  }
  if (type === "place") {
    // A category noun after "which"/"what" ("which countries" → "country"), if WordNet knows it.
    const kind = reading.categoryWord ? lexicon.nounBase(reading.categoryWord) : null;
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
