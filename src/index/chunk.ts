/**
 * Sentence-aligned chunks: windows of a few consecutive sentences inside one paragraph, overlapping by
 * one sentence, so a chunk never cuts a sentence and always has one paragraph number.
 */
import type { CorpusDocument } from "../corpus/types";

export interface Chunk {
  /** Stable id: `${docId}#${ordinal}`. */
  id: string;
  docId: string;
  paragraph: number;
  start: number;
  end: number;
  /** Index range of the sentences it holds, inclusive, in `document.sentences`. */
  firstSentence: number;
  lastSentence: number;
  text: string;
}

export interface ChunkOptions {
  /** Most sentences in one chunk. */
  maxSentences: number;
  /** Longest chunk in characters; a single longer sentence still makes its own chunk. */
  maxChars: number;
  /** Sentences shared by neighbouring chunks. */
  overlap: number;
}

export const DEFAULT_CHUNK_OPTIONS: ChunkOptions = { maxSentences: 3, maxChars: 700, overlap: 1 };

export function chunkDocument(doc: CorpusDocument, options: ChunkOptions = DEFAULT_CHUNK_OPTIONS): Chunk[] {
  const chunks: Chunk[] = [];
  for (const paragraph of doc.paragraphs) {
    const sentences = doc.sentences.filter((s) => s.paragraph === paragraph.number);
    let first = 0;
    while (first < sentences.length) {
      let last = first;
      while (
        last + 1 < sentences.length &&
        last + 1 - first < options.maxSentences &&
        (sentences[last + 1]?.end ?? 0) - (sentences[first]?.start ?? 0) <= options.maxChars
      ) {
        last++;
      }
      const head = sentences[first];
      const tail = sentences[last];
      if (!head || !tail) break;
      chunks.push({
        id: `${doc.id}#${chunks.length}`,
        docId: doc.id,
        paragraph: paragraph.number,
        start: head.start,
        end: tail.end,
        firstSentence: head.index,
        lastSentence: tail.index,
        text: doc.text.slice(head.start, tail.end),
      });
      if (last === sentences.length - 1) break;
      first = Math.max(first + 1, last + 1 - options.overlap);
    }
  }
  return chunks;
}
