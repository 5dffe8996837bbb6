/**
 * Synthetic unanswerable questions, made by a script the way SQuAD 2.0's writers made theirs (Rajpurkar et
 * al. 2018, table 2): from an answerable question, swap a name for another name of the same article, a
 * word for its WordNet antonym, or add a negation. Trained on, never measured on: the held-out figures
 * count only human-written unanswerable questions.
 */
import { capitalisedInside, foldText } from "../../src/text/tokens";
import { sharedWordNet } from "../../src/text/wordnet";

export { seededRandom } from "../seededRandom";

export type SyntheticKind = "swap" | "antonym" | "negation";

const pick = <T>(items: T[], random: () => number): T | undefined => items[Math.floor(random() * items.length)];

const NOT_NAMES = /^(?:January|February|March|April|May|June|July|August|September|October|November|December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|It|The|This|That|These|They|He|She|His|Her|In|On|At|As|An|And|But|For|Year|Best)$/u;

/** Capitalised names of an article (runs of capitalised words inside sentences), most frequent first. */
export function articleNames(text: string): string[] {
  const counts = new Map<string, number>();
  for (const m of text.matchAll(/(?<=[a-z,;:]\s)\p{Lu}[\p{L}'’-]+(?:\s\p{Lu}[\p{L}'’-]+)*/gu)) counts.set(m[0], (counts.get(m[0]) ?? 0) + 1);
  return [...counts.entries()].filter(([name, n]) => n >= 2 && name.length > 2 && !NOT_NAMES.test(name) && !/['’]s$/u.test(name)).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([name]) => name);
}

/** An entity swap: a name of the question replaced by another of the article that the answer's paragraph does not hold. */
function swap(question: string, names: string[], paragraph: string, random: () => number): string | null {
  const inQuestion = capitalisedInside(question).map((w) => w.replace(/['’]s$/u, ""));
  const target = pick(inQuestion.filter((w) => w.length > 2), random);
  if (!target) return null;
  const folded = foldText(paragraph);
  const others = names.filter((n) => !foldText(n).includes(foldText(target)) && !folded.includes(foldText(n)) && !question.includes(n));
  const replacement = pick(others.slice(0, 40), random);
  return replacement ? question.replace(target, replacement) : null;
}

function antonym(question: string, random: () => number): string | null {
  const lexicon = sharedWordNet();
  const options: Array<[string, string]> = [];
  for (const m of question.matchAll(/\b[a-z]{3,}\b/g)) {
    const opposite = lexicon.antonyms(m[0]).filter((a) => a !== m[0]);
    const first = opposite[0];
    if (first) options.push([m[0], first]);
  }
  const chosen = pick(options, random);
  return chosen ? question.replace(new RegExp(`\\b${chosen[0]}\\b`), chosen[1]) : null;
}

const BE_HAVE = /\b(is|was|are|were|has|have|had)\b(?=\s)/i;
const DO_MODAL = /\b(did|does|do|can|could|will|would)\s/i;
const FUNCTION_WORDS = new Set(["the", "a", "an", "her", "his", "their", "its", "of", "in", "for", "on", "at", "to", "and", "by", "with", "from", "first", "most"]);

/** "What was the name …" → "What was not the name …"; "When did Beyoncé leave …" → "When did Beyoncé not leave …". */
function negation(question: string): string | null {
  if (/\bnot\b|n't\b|\bnever\b/i.test(question)) return null;
  const doModal = DO_MODAL.exec(question);
  if (doModal) {
    const after = doModal.index + doModal[0].length;
    for (const m of question.slice(after).matchAll(/\S+/g)) {
      const word = m[0];
      if (/^\p{Ll}/u.test(word) && !FUNCTION_WORDS.has(word)) return `${question.slice(0, after + m.index)}not ${question.slice(after + m.index)}`;
    }
    return null;
  }
  const be = BE_HAVE.exec(question);
  return be ? `${question.slice(0, be.index + be[0].length)} not${question.slice(be.index + be[0].length)}` : null;
}

/** One synthetic unanswerable version of `question`, or null when none of the edits applies. */
export function makeUnanswerable(question: string, names: string[], paragraph: string, random: () => number): { q: string; kind: SyntheticKind } | null {
  const kinds: SyntheticKind[] = ["swap", "swap", "antonym", "negation"];
  const start = Math.floor(random() * kinds.length);
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[(start + i) % kinds.length]!;
    const q = kind === "swap" ? swap(question, names, paragraph, random) : kind === "antonym" ? antonym(question, random) : negation(question);
    if (q && q !== question) return { q, kind };
  }
  return null;
}
