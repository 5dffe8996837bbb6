/**
 * Word-level text processing shared by the lexical index and sentence scoring: one definition of
 * "the same word" for the whole engine (case, accents, apostrophes and inflections folded).
 */
import stem from "wink-porter2-stemmer";
import { HONORIFICS, irregularForms, STOPWORDS } from "./lexicon";

/** Lowercase, strip diacritics (Héctor → hector) and unify apostrophes and dashes. */
export function foldText(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[\u2018\u2019\u201b\u02bc`]/g, "'")
    .replace(/[\u2010-\u2015]/g, "-");
}

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*/gu;

/** Surface words of a text, folded but neither stemmed nor filtered. */
export function words(text: string): string[] {
  return foldText(text).match(WORD) ?? [];
}

/**
 * Terms already computed, by word. The rules look at the same sentences' words again and again: a warm
 * `ask` spent ~1.3 ms stemming of the ~5 ms its main thread worked (CPU profile over 441 questions).
 * With this, the main thread works 2.7–3.1 ms per `ask` instead of 4.0–4.5 (event-loop utilisation,
 * three interleaved runs each, embedding on the worker). A corpus and its questions use some thousands
 * of distinct words; cleared when full, so it never grows without bound in a long-running `serve`.
 */
const termCache = new Map<string, string | null>();
const TERM_CACHE_MAX = 100_000;

/** Turn one folded word into its index term, or null for a stopword. */
export function termOf(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
  const term = computeTerm(word);
  termCache.set(word, term);
  return term;
}

function computeTerm(word: string): string | null {
  // "Noem's" → "noem"; "don't" stays one term.
  const base = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (base.length === 0 || STOPWORDS.has(base)) return null;
  if (/^\d/.test(base)) return base; // numbers and dates are matched exactly: 261 ≠ 26
  return stem(base);
}

/** Content terms of a text: folded, stopwords removed, stemmed. Hyphenated words also give their parts. */
export function terms(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    const term = termOf(word);
    if (term !== null) out.push(term);
    if (word.includes("-")) {
      for (const part of word.split("-")) {
        const partTerm = termOf(part);
        if (partTerm !== null && partTerm !== term) out.push(partTerm);
      }
    }
  }
  return out;
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(foldText(word));
}

/**
 * Capitalised words inside a text, not opening it: the names a question holds ("When did Villatoro …"
 * → "Villatoro"). A possessive 's stays on; callers fold or strip it.
 */
export function capitalisedInside(text: string): string[] {
  // After a title's period ("Dr. Alvarez", "St. Mary's") a capital is inside the text, not opening a sentence;
  // the title itself is no name.
  return [...text.matchAll(INSIDE_CAPITAL)].map((m) => m[0]).filter((w) => !TITLE_WORD.test(w));
}

/** Titles before a name, and the place-name abbreviations that are written like them. */
const TITLES = [...HONORIFICS, "st", "mt", "ft"].map((t) => t.charAt(0).toUpperCase() + t.slice(1));
const TITLE_WORD = new RegExp(`^(?:${TITLES.join("|")})$`, "u");
const INSIDE_CAPITAL = new RegExp(`(?<=(?:[\\p{L}\\p{N},;:'’”")]|\\b(?:${TITLES.join("|")})\\.)\\s+)\\p{Lu}[\\p{L}\\p{N}'’-]*`, "gu");

/** Index terms of a word's inflections the stemmer does not fold together: irregular pasts, -er, -est. */
export function inflectedTerms(word: string): string[] {
  const forms = [word, ...irregularForms(word)];
  if (/^[a-z]+$/.test(word) && word.length > 2) {
    const stemmed = word.endsWith("y") ? `${word.slice(0, -1)}i` : /[^aeiou][aeiou][bdgmnpt]$/.test(word) ? word + word.slice(-1) : word;
    const e = stemmed.endsWith("e") ? "" : "e";
    forms.push(`${stemmed}${e}r`, `${stemmed}${e}st`);
  }
  return forms.map(termOf).filter((t): t is string => t !== null);
}
