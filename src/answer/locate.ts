/**
 * Finds a model-written (or user-typed) quote in an article and returns offsets into the ORIGINAL
 * text, so the citation shown is always the article's own wording.
 *
 * Matching happens on a normalized copy of both strings. The copy keeps, for every normalized code
 * unit, the original offsets it came from, so a match maps back exactly even when normalization
 * changes lengths (NFD folding, "…" → "...", dropped quote marks, collapsed whitespace).
 */

export interface NormalizeOptions {
  /** Fold accents (é → e, "Héctor" matches "Hector"). Off by default. */
  foldAccents?: boolean;
}

export interface Normalized {
  normalized: string;
  /**
   * `map[i]` is the offset in the original string where the character that produced `normalized[i]`
   * starts. One extra entry, `map[normalized.length]`, holds the original length.
   */
  map: number[];
  /** `ends[i]` is where that original character (with its combining marks) ends. */
  ends: number[];
}

export interface QuoteLocation {
  start: number;
  end: number;
}

/** Quotes shorter than this (in normalized characters or words) match too much to prove anything. */
const MIN_QUOTE_CHARS = 12;
const MIN_QUOTE_WORDS = 3;

// Quote marks and apostrophes of every style are dropped rather than unified: models swap double
// quotes for single ones inside JSON strings, and add or drop them around quoted speech.
const QUOTE_MARKS = new Set([..."\"'`´“”„‟«»‹›‘’‚‛′″"]);
const DASHES = new Set([..."-‐‑‒–—―−"]);
// Invisible characters that may sit inside words (soft hyphen, zero-width space/joiners, BOM).
const INVISIBLE = new Set([..."\u00AD\u200B\u200C\u200D\u2060\uFEFF"]);

/** A base character with its combining marks, or a run of orphan marks. */
const SEGMENT = /\P{M}\p{M}*|\p{M}+/gu;
const COMBINING = /\p{M}/gu;
const WHITESPACE = /^\s$/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;

function foldSegment(segment: string, foldAccents: boolean): string {
  if (segment === "…") return "...";
  if (QUOTE_MARKS.has(segment) || INVISIBLE.has(segment)) return "";
  if (DASHES.has(segment)) return "-";
  if (WHITESPACE.test(segment)) return " ";
  const lower = segment.toLowerCase();
  // NFC without folding so that a decomposed "é" (e + U+0301) in the article equals a precomposed
  // one from the model; with folding, strip the marks (lowercasing "İ" can add one, so fold after).
  return foldAccents ? lower.normalize("NFD").replace(COMBINING, "") : lower.normalize("NFC");
}

/**
 * Normalizes for matching: lowercase; whitespace runs → one space; quote marks and apostrophes
 * removed; every dash → "-" with no spaces around it and runs of dashes collapsed ("--", " — ");
 * "…" → "..."; invisible characters removed; NFC (or accents folded with `foldAccents`).
 */
export function normalizeForMatch(s: string, options: NormalizeOptions = {}): Normalized {
  const foldAccents = options.foldAccents ?? false;
  const out: string[] = [];
  const map: number[] = [];
  const ends: number[] = [];
  const last = (): string | undefined => out[out.length - 1];
  const pop = (): void => {
    out.pop();
    map.pop();
    ends.pop();
  };

  for (const match of s.matchAll(SEGMENT)) {
    const segment = match[0];
    const start = match.index;
    const end = start + segment.length;
    const folded = foldSegment(segment, foldAccents);
    if (folded === " ") {
      // Collapse runs, and drop spaces next to a dash so "a — b", "a—b" and "a - b" agree.
      if (last() === " " || last() === "-") continue;
    } else if (folded === "-") {
      if (last() === " ") pop();
      if (last() === "-") {
        // A run of dashes ("--", "——") is one dash; stretch the kept one over the whole run.
        ends[ends.length - 1] = end;
        continue;
      }
    }
    // One entry per UTF-16 unit (JS string offsets); every unit of a segment maps to its origin,
    // e.g. "…" → "..." or "İ" → "i̇".
    for (const unit of folded.split("")) {
      out.push(unit);
      map.push(start);
      ends.push(end);
    }
  }
  map.push(s.length);
  return { normalized: out.join(""), map, ends };
}

// What a model may add or drop at the edges of a quote: spaces, quote marks (already removed by
// normalization), ellipses, and punctuation.
const EDGE_JUNK = /^[\s.,;:!?()[\]-]+|[\s.,;:!?()[\]-]+$/g;
// Sentence-ending punctuation that is kept when the quote carried it too ("…lock you up.").
const CLOSING = new Set([".", "!", "?"]);

function isWordChar(ch: string | undefined): boolean {
  return ch !== undefined && WORD_CHAR.test(ch);
}

/**
 * Where `quote` occurs in `text`, tolerating whitespace, quote-mark, apostrophe, dash, case and
 * edge-punctuation differences (and accents with `foldAccents`). Returns offsets into `text`, so
 * `text.slice(start, end)` is the article's own wording. Null when absent or too short to mean
 * anything. The match must start and end on word boundaries; the first occurrence wins.
 */
export function locateQuote(text: string, quote: string, options: NormalizeOptions = {}): QuoteLocation | null {
  const q = normalizeForMatch(quote, options).normalized;
  const core = q.replace(EDGE_JUNK, "");
  if (core.length < MIN_QUOTE_CHARS) return null;
  if ((core.match(/[\p{L}\p{N}]+/gu) ?? []).length < MIN_QUOTE_WORDS) return null;
  // An ellipsis at the end means "the sentence goes on", not a full stop.
  const trailing = q.slice(q.lastIndexOf(core) + core.length).replace(/\.\.\./g, "");

  const t = normalizeForMatch(text, options);
  const hay = t.normalized;
  for (let from = 0; ; ) {
    const at = hay.indexOf(core, from);
    if (at < 0) return null;
    let last = at + core.length - 1;
    const startsWord = !(isWordChar(hay[at - 1]) && isWordChar(hay[at]));
    const endsWord = !(isWordChar(hay[last]) && isWordChar(hay[last + 1]));
    if (startsWord && endsWord) {
      // Keep the article's closing punctuation when the quote ended with the same mark.
      const next = hay[last + 1];
      if (next !== undefined && CLOSING.has(next) && trailing.includes(next)) last += 1;
      const start = t.map[at];
      const end = t.ends[last];
      if (start === undefined || end === undefined) return null; // unreachable: indexes are in range
      return { start, end };
    }
    from = at + 1;
  }
}
