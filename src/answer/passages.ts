/**
 * What the engine hands a chat model: numbered passages of the article (the best fused chunks for a
 * question, or the article's opening for a whole-corpus summary) and read access to the documents.
 */
import type { CorpusDocument } from "../corpus/types";
import type { Chunk } from "../index/chunk";
import { citationAt } from "./citations";
import type { DocumentLookup, Passage } from "./llm/types";

/** Passages handed to a chat model: the best fused chunks for a question. */
export const LLM_PASSAGES = 6;
/** Upper bound of article text sent for a whole-corpus summary. */
export const LLM_SUMMARY_CHARS = 12000;

export function documentLookup(documents: ReadonlyMap<string, CorpusDocument>): DocumentLookup {
  return {
    text: (docId) => documents.get(docId)?.text,
    citation: (docId, start, end) => {
      const doc = documents.get(docId);
      if (!doc) return null;
      try {
        return citationAt(doc, start, end);
      } catch {
        return null;
      }
    },
  };
}

export function toPassages(chunks: Chunk[], documents: ReadonlyMap<string, CorpusDocument>): Passage[] {
  return chunks.map((c, i) => ({
    n: i + 1,
    docId: c.docId,
    title: documents.get(c.docId)?.title ?? c.docId,
    paragraph: c.paragraph,
    start: c.start,
    end: c.end,
    text: c.text,
  }));
}

/** Non-overlapping chunks in corpus order, up to the summary budget. */
export function leadingChunks(chunks: Chunk[], maxChars = LLM_SUMMARY_CHARS): Chunk[] {
  const out: Chunk[] = [];
  let chars = 0;
  const lastEnd = new Map<string, number>();
  for (const c of chunks) {
    if ((lastEnd.get(c.docId) ?? -1) > c.start) continue;
    if (chars + c.text.length > maxChars) break;
    out.push(c);
    chars += c.text.length;
    lastEnd.set(c.docId, c.end);
  }
  return out;
}
