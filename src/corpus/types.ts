/** A document as the engine sees it: the original text and exact offsets of its parts. */
import type { StoredText } from "./normalize";

export interface Paragraph {
  /** 1-based number within the document. */
  number: number;
  start: number;
  end: number;
}

export interface Sentence {
  /** 0-based position in the document's sentence list. */
  index: number;
  /** 1-based paragraph number. */
  paragraph: number;
  start: number;
  end: number;
  /** `document.text.slice(start, end)`, kept for convenience. */
  text: string;
}

export interface CorpusDocument {
  /** File name without extension. */
  id: string;
  title: string;
  source?: string;
  date?: string;
  /**
   * The file's full text (front matter included), NFC-normalised: every offset inside the engine points
   * into this string. It is the file's text exactly unless the file is not NFC; then `stored` holds the
   * text as stored, and citations map their offsets back to it (`citationAt`).
   */
  text: string;
  stored?: StoredText;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

export interface Corpus {
  dir: string;
  documents: CorpusDocument[];
  /** SHA-256 over file names and contents: the index is rebuilt when this changes. */
  hash: string;
}

/** The key of one sentence across the corpus, for maps of per-sentence data (terms, vectors, speakers). */
export const sentenceKey = (docId: string, sentenceIndex: number): string => `${docId}:${sentenceIndex}`;
