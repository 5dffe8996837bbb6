/**
 * The model is never trusted for quotes: every quote it returns is located in the article, and the
 * citation carries the article's own text at the found offsets. Quotes that cannot be found are dropped.
 */
import type { Logger } from "../../log";
import type { Citation } from "../../contract";
import { overlapsAny } from "../citations";
import { locateQuote } from "../locate";
import type { DocumentLookup, Passage } from "./types";

// Accent folding is safe here: the citation is the article's text, so "Hector" from the model still
// shows "Héctor".
const MATCH = { foldAccents: true } as const;

/** Locates one model quote: inside the passages first (in order), then anywhere in their documents. */
export function verifyQuote(modelQuote: string, passages: Passage[], docs: DocumentLookup): Citation | null {
  // Models sometimes copy the passage label along with the text: "[2] (Title, ¶4) The …".
  const quote = modelQuote.replace(/^\s*\[\d+\]\s*(\([^)]*¶\s*\d+\)\s*)?/, "");
  for (const p of passages) {
    const text = docs.text(p.docId);
    if (text === undefined) continue;
    const at = locateQuote(text.slice(p.start, p.end), quote, MATCH);
    if (at) return cite(docs, p.docId, text, p.start + at.start, p.start + at.end);
  }
  // A quote may straddle two passages, or come from a neighbouring paragraph of the same document.
  for (const docId of new Set(passages.map((p) => p.docId))) {
    const text = docs.text(docId);
    if (text === undefined) continue;
    const at = locateQuote(text, quote, MATCH);
    if (at) return cite(docs, docId, text, at.start, at.end);
  }
  return null;
}

function cite(docs: DocumentLookup, docId: string, text: string, start: number, end: number): Citation | null {
  if (end <= start || text.slice(start, end).trim() === "") return null;
  return docs.citation(docId, start, end);
}

export interface VerifyOptions {
  /** Most citations kept. */
  limit: number;
  /** Stop after this many quotes not found: a model that misquotes that often is not worth more work. */
  maxFailures?: number;
  /** Epoch ms after which no further quote is located (the request's overall time limit). */
  deadline?: number;
}

export const MAX_QUOTE_FAILURES = 3;

/**
 * Verifies model quotes in order, keeping at most `limit`, skipping any that overlaps one already kept.
 * Each quote is located synchronously, so the event loop is given a turn between quotes. Dropped quotes
 * are logged without their text at info level (they may echo the question).
 */
export async function verifyQuotes(quotes: string[], passages: Passage[], docs: DocumentLookup, logger: Logger, options: VerifyOptions): Promise<Citation[]> {
  const kept: Citation[] = [];
  const maxFailures = options.maxFailures ?? MAX_QUOTE_FAILURES;
  let failures = 0;
  for (const [index, quote] of quotes.entries()) {
    if (kept.length >= options.limit || failures >= maxFailures) break;
    if (options.deadline !== undefined && Date.now() > options.deadline) {
      logger.warn({ quoteIndex: index }, "time limit reached while verifying model quotes; the rest are dropped");
      break;
    }
    if (index > 0) await new Promise((resolve) => setImmediate(resolve));
    const citation = verifyQuote(quote, passages, docs);
    if (citation === null) {
      failures += 1;
      logger.warn({ quoteIndex: index, quoteChars: quote.length }, "model quote not found in the article; dropped");
      logger.debug({ quoteIndex: index, quote }, "dropped model quote");
      continue;
    }
    if (!overlapsAny(kept, citation)) kept.push(citation);
  }
  return kept;
}

/** Model prose is shown as plain text; cap it so one runaway reply cannot flood a Slack message. */
export function cleanModelText(text: string, maxChars: number): string {
  const trimmed = text.trim();
  if (trimmed.length <= maxChars) return trimmed;
  const cut = trimmed.slice(0, maxChars);
  const space = cut.lastIndexOf(" ");
  return `${(space > maxChars * 0.8 ? cut.slice(0, space) : cut).trimEnd()}…`;
}
