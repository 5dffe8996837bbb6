/** A document as the engine sees it: the original text and exact offsets of its parts. */

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
  /** The file's full original text (front matter included): every offset points into this string. */
  text: string;
  paragraphs: Paragraph[];
  sentences: Sentence[];
}

export interface Corpus {
  dir: string;
  documents: CorpusDocument[];
  /** SHA-256 over file names and contents: the index is rebuilt when this changes. */
  hash: string;
}
