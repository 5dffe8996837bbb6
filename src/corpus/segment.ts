/**
 * Paragraph and sentence boundaries with exact offsets into the original text.
 *
 * Sentences come from `Intl.Segmenter` (ICU's rules, built into Node), followed by a merge pass for the
 * cases ICU gets wrong in news prose: abbreviations ("Mr.", "Sen.", "Jan."), initials ("John F. Kelly"),
 * and a quoted question followed by lowercase ("“Why?” she asked").
 */
import type { Paragraph, Sentence } from "./types";

/** Words that end with a period without ending a sentence (compared lowercase, without the period). */
const ABBREVIATIONS = new Set([
  "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "cmdr", "adm",
  "maj", "pres", "supt", "rev", "hon", "st", "mt", "ft", "jr", "sr", "inc", "ltd", "co", "corp", "bros",
  "vs", "v", "no", "nos", "vol", "fig", "approx", "dept", "est", "jan", "feb", "mar", "apr", "jun", "jul",
  "aug", "sep", "sept", "oct", "nov", "dec", "e.g", "i.e", "u.s", "u.k", "u.n", "d.c", "a.k.a",
]);

/**
 * Paragraphs of the body. Blank lines separate paragraphs when the text has any; otherwise every
 * non-empty line is a paragraph (the convention of plain-text news exports).
 */
export function segmentParagraphs(text: string, bodyStart = 0): Paragraph[] {
  const body = text.slice(bodyStart);
  const separator = /\r?\n[ \t]*\r?\n/.test(body) ? /(?:\r?\n[ \t]*){2,}/g : /\r?\n/g;
  const paragraphs: Paragraph[] = [];
  let cursor = 0;
  const pushSpan = (from: number, to: number) => {
    const span = body.slice(from, to);
    const lead = span.length - span.trimStart().length;
    const trail = span.length - span.trimEnd().length;
    if (span.trim().length === 0) return;
    paragraphs.push({ number: paragraphs.length + 1, start: bodyStart + from + lead, end: bodyStart + to - trail });
  };
  for (const match of body.matchAll(separator)) {
    pushSpan(cursor, match.index);
    cursor = match.index + match[0].length;
  }
  pushSpan(cursor, body.length);
  return paragraphs;
}

const segmenter = new Intl.Segmenter("en", { granularity: "sentence" });

/** Leading Markdown markup that is not part of a sentence: headings, list bullets, block quotes. */
const LEADING_MARKUP = /^(?:#{1,6}\s+|[-*+]\s+|>\s+|\d+[.)]\s+)/;

function endsWithAbbreviation(segment: string): boolean {
  const trimmed = segment.trimEnd();
  if (!trimmed.endsWith(".")) return false;
  const lastWord = /([\p{L}.]+)\.$/u.exec(trimmed)?.[1];
  if (!lastWord) return false;
  if (ABBREVIATIONS.has(lastWord.toLowerCase())) return true;
  // A single capital initial such as the "F." in "John F. Kelly".
  return /^\p{Lu}$/u.test(lastWord);
}

function startsLikeContinuation(segment: string): boolean {
  const firstLetter = /[\p{L}\p{N}]/u.exec(segment)?.[0];
  return firstLetter !== undefined && /[\p{Ll}]/u.test(firstLetter);
}

/** Sentences of one paragraph, trimmed, with offsets into `text`. */
export function segmentSentences(text: string, paragraph: Paragraph, firstIndex = 0): Sentence[] {
  const spans: Array<{ start: number; end: number }> = [];
  for (const piece of segmenter.segment(text.slice(paragraph.start, paragraph.end))) {
    const start = paragraph.start + piece.index;
    const end = start + piece.segment.length;
    const previous = spans[spans.length - 1];
    if (previous && (endsWithAbbreviation(text.slice(previous.start, previous.end)) || startsLikeContinuation(piece.segment))) {
      previous.end = end;
    } else {
      spans.push({ start, end });
    }
  }
  const sentences: Sentence[] = [];
  for (const span of spans) {
    let { start, end } = span;
    const raw = text.slice(start, end);
    start += raw.length - raw.trimStart().length;
    end -= raw.length - raw.trimEnd().length;
    const markup = LEADING_MARKUP.exec(text.slice(start, end));
    if (markup) start += markup[0].length;
    if (end <= start || !/[\p{L}\p{N}]/u.test(text.slice(start, end))) continue;
    sentences.push({ index: firstIndex + sentences.length, paragraph: paragraph.number, start, end, text: text.slice(start, end) });
  }
  return sentences;
}

/** The sentences of a short text (a question), by the same rules as an article's: "St. Mary's" stays one sentence. */
export function sentenceTexts(text: string): string[] {
  return segmentSentences(text, { number: 1, start: 0, end: text.length }).map((s) => s.text);
}

export function segmentDocument(text: string, bodyStart = 0): { paragraphs: Paragraph[]; sentences: Sentence[] } {
  const paragraphs = segmentParagraphs(text, bodyStart);
  const sentences: Sentence[] = [];
  for (const paragraph of paragraphs) sentences.push(...segmentSentences(text, paragraph, sentences.length));
  return { paragraphs, sentences };
}
