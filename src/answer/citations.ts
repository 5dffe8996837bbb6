/**
 * The one place a citation is made. Every quote that leaves the engine passes `citationAt`, which
 * takes the text from the document at the given offsets and checks it: a quote is never typed in,
 * paraphrased or taken from a model.
 */
import { storedSpan } from "../corpus/normalize";
import type { CorpusDocument } from "../corpus/types";
import type { Citation } from "../contract";

export class CitationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CitationError";
  }
}

/** The paragraph that contains an offset (1-based); the nearest preceding one for offsets between paragraphs. */
export function paragraphAt(doc: CorpusDocument, offset: number): number {
  let found = doc.paragraphs[0]?.number ?? 1;
  for (const p of doc.paragraphs) {
    if (p.start > offset) break;
    found = p.number;
  }
  return found;
}

export function citationAt(doc: CorpusDocument, start: number, end: number): Citation {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > doc.text.length || end <= start) {
    throw new CitationError(`offsets ${start}–${end} are outside ${doc.id}`);
  }
  const paragraph = paragraphAt(doc, start);
  // A document that is not NFC is matched as NFC; the citation points into the file as stored.
  const at = doc.stored ? storedSpan(doc.stored, start, end) : { start, end };
  const stored = doc.stored?.text ?? doc.text;
  const citation: Citation = { quote: stored.slice(at.start, at.end), docId: doc.id, paragraph, start: at.start, end: at.end };
  assertCitation(stored, citation);
  return citation;
}

/** Throws unless the quote is exactly the document's text at its offsets. */
export function assertCitation(documentText: string, citation: Citation): void {
  if (documentText.slice(citation.start, citation.end) !== citation.quote || citation.quote.trim().length === 0) {
    throw new CitationError(`citation in ${citation.docId} at ${citation.start}–${citation.end} is not the document's text`);
  }
}

/** True when `c` shares text with one of `kept` (same document, overlapping offsets). */
export function overlapsAny(kept: readonly Citation[], c: Citation): boolean {
  return kept.some((k) => k.docId === c.docId && c.start < k.end && k.start < c.end);
}

/** Drop citations that overlap an earlier (better) one. */
export function dedupeCitations<T extends Citation>(citations: T[]): T[] {
  const kept: T[] = [];
  for (const c of citations) if (!overlapsAny(kept, c)) kept.push(c);
  return kept;
}
