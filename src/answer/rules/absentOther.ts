/**
 * "Which other airline took over Corvair's routes?" when the best passages name no airline but Corvair:
 * "which/what other X" presupposes a second X, and is answered by a name the question does not hold,
 * standing beside X in one of the best passages ("… composers, among them Franz Liszt"), or a name that
 * WordNet files under X ("Spanish" is a language); for a kind of person, any person the question does
 * not name. With neither, the article names no other X. Kinds whose members are common nouns ("what
 * other function", "what other method") are let through: their answers are not names.
 *
 * Chosen on the training articles (rules alone, 2026-12-04): news, 6 more of 500 unanswerable questions
 * refused (exclusions 11 → 17 of 60), no answerable one; SQuAD train, one more of 3,620 answerable
 * questions refused ("Which other Apple product does the iPod Touch share an interface and OS with?":
 * the best passages say "iPhone" without "Apple" or "product" near it). A first version that read X
 * as every word up to the verb ("companies bid") and accepted only names near X's head refused 13
 * answerable SQuAD questions.
 */
import { AUXILIARIES } from "../../text/lexicon";
import { foldText, isStopword, termOf, words } from "../../text/tokens";
import type { WordNet } from "../../text/wordnet";
import { namesNewAnswer } from "../answerKind";
import { judgedBySpeaker, type Refusal, type Rule } from "./types";

const id = "absent-other";
/** How close (in characters) a new name must stand to X: about ten words, as for a person's name. */
const NAME_REACH = 60;
/** How many of the best passages may give the other X. */
const WINDOW = 3;
/** WordNet senses whose synonyms stand for X ("carrier" for "airline"), and that may make X a person. */
const KIND_SENSES = 2;
/** Hypernym steps from a name to X ("Spanish" → … → "language"), and from X to the kinds below. */
const KIND_DEPTH = 12;
/** Words that end X by setting something aside: "which other city besides Sorrento Springs". */
const SETTING_ASIDE = ["besides", "except", "apart", "aside", "instead", "beyond", "outside", "including"];
/** What X must be, in its main sense, for its members to be named: airlines, hospitals, cities, boats. */
const NAMED_KINDS = ["organization", "location", "artifact"];

/**
 * X of "which other X …": its words up to the verb, the last one its head; null when the question has no
 * such phrase. The phrase ends at a stopword, an auxiliary or a past tense, after a plural ("which other
 * companies bid …": "bid" is the verb) or a possessive ("which other city's board" asks for a city).
 */
export function otherKind(question: string, wordNet: WordNet): { written: string; head: string; modifiers: string[] } | null {
  const m = /\b(?:which|what) other\s+(.+)$/iu.exec(question);
  if (!m) return null;
  const kind: string[] = [];
  for (const word of words(m[1] ?? "")) {
    const bare = word.replace(/'s$/u, "");
    if (kind.length > 0 && (isStopword(bare) || SETTING_ASIDE.includes(bare) || AUXILIARIES.includes(bare) || /ed$/u.test(bare))) break;
    kind.push(bare);
    const plural = (wordNet.nounBase(bare) ?? bare) !== bare;
    if (bare !== word || plural || kind.length === 3) break;
  }
  const head = kind.at(-1);
  return head === undefined ? null : { written: kind.join(" "), head, modifiers: kind.slice(0, -1) };
}

export const absentOther: Rule = {
  id,
  check(ctx) {
    const { reading, evidence, wordNet } = ctx;
    if (judgedBySpeaker(ctx)) return null;
    const kind = otherKind(reading.text, wordNet);
    if (kind === null) return null;
    const base = wordNet.nounBase(kind.head) ?? kind.head;
    const best = evidence.ranked.slice(0, WINDOW);
    // X's words mark where its members are named: "a shipyard in Maine", "Apple unveiled … the iPod Nano".
    const kindTerms = new Set([kind.head, base, ...wordNet.synonyms(base, { senses: KIND_SENSES }), ...kind.modifiers].map(termOf).filter((t): t is string => t !== null));
    const namesOther = (text: string): boolean => {
      const kindAt = [...foldText(text).matchAll(WORD)].filter((m) => kindTerms.has(termOf(m[0]) ?? "")).map((m) => m.index);
      for (const run of nameRuns(text)) {
        const name = run.words.map(foldText);
        if (name.every((w) => reading.heldWords.has(w) || isStopword(w))) continue;
        // A capitalised sentence opener alone ("Hundreds", "Under") is not a name.
        if (run.start === 0 && name.length === 1) continue;
        const near = kindAt.some((at) => (at < run.start && run.start - at <= NAME_REACH) || (at >= run.end && at - run.end <= NAME_REACH));
        if (near || wordNet.isKindOf(name.join(" "), base, KIND_DEPTH)) return true;
      }
      return false;
    };
    // "Which other singer": any person the question does not name will do (people are rarely called by
    // their kind beside their name), as well as a name WordNet knows ("Liszt" is a composer).
    const person = wordNet.isKindOf(base, "person", KIND_DEPTH, KIND_SENSES);
    // "What other function", "what other method": the answer is a common noun, which this rule cannot see.
    if (!person && !NAMED_KINDS.some((c) => wordNet.isKindOf(base, c, KIND_DEPTH, 1)) && wordNet.nounBase(kind.head) !== null) return null;
    if (best.some((s) => namesOther(s.sentence.text) || (person && namesNewAnswer("person", s.sentence.text, reading, wordNet)))) return null;
    return refusal(kind.written);
  },
};

function refusal(kind: string): Refusal {
  return { rule: id, message: `The article doesn't say: it names no other ${kind}.` };
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;
/** Runs of words holding a capital letter: "Franz Liszt", and "iPod Nano", which `capitalisedRuns` misses. */
const NAME_RUN = /[\p{Ll}\p{N}]*\p{Lu}[\p{L}\p{N}'’-]*(?:\s+[\p{Ll}\p{N}]*\p{Lu}[\p{L}\p{N}'’-]*)*/gu;

function nameRuns(text: string): Array<{ words: string[]; start: number; end: number }> {
  return [...text.matchAll(NAME_RUN)].map((m) => ({ words: m[0].split(/\s+/).map((w) => w.replace(/['’]s$/u, "")), start: m.index, end: m.index + m[0].length }));
}
