/** The real article, split into paragraphs by hand, and the pieces LLM mode needs around it. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { Writable } from "node:stream";
import pino from "pino";
import type { DocumentLookup, Passage } from "../../src/answer/llm/types";
import type { LlmConfig } from "../../src/config";
import type { Logger } from "../../src/log";
import type { AskResult, Citation, SummaryResult } from "../../src/contract";

export const DOC_ID = "noem-el-salvador-visit";
export const TITLE = "Noem visits El Salvador";
export const ARTICLE = readFileSync(path.resolve(__dirname, "../../corpus/noem-el-salvador-visit.txt"), "utf8");

interface Paragraph {
  start: number;
  end: number;
  text: string;
}

/** Paragraphs are the article's lines. */
export const PARAGRAPHS: Paragraph[] = (() => {
  const out: Paragraph[] = [];
  let start = 0;
  for (const line of ARTICLE.split("\n")) {
    if (line.trim() !== "") out.push({ start, end: start + line.length, text: line });
    start += line.length + 1;
  }
  return out;
})();

const paragraphAt = (offset: number): number => {
  const index = PARAGRAPHS.findIndex((p) => offset < p.end + 1);
  return index < 0 ? PARAGRAPHS.length : index + 1;
};

export const docs: DocumentLookup = {
  text: (docId) => (docId === DOC_ID ? ARTICLE : undefined),
  citation: (docId, start, end) =>
    docId === DOC_ID && end > start && end <= ARTICLE.length ? { quote: ARTICLE.slice(start, end), docId, paragraph: paragraphAt(start), start, end } : null,
};

/** Passages for the given 1-based paragraph numbers, numbered in that order. */
export function passages(...paragraphs: number[]): Passage[] {
  return paragraphs.map((paragraph, i) => {
    const p = PARAGRAPHS[paragraph - 1];
    if (!p) throw new Error(`no paragraph ${paragraph}`);
    return { n: i + 1, docId: DOC_ID, title: TITLE, paragraph, start: p.start, end: p.end, text: p.text };
  });
}

/** A citation of `quote` exactly as it appears in the article. */
export function citationOf(quote: string): Citation {
  const start = ARTICLE.indexOf(quote);
  if (start < 0) throw new Error(`not in the article: ${quote}`);
  return { quote, docId: DOC_ID, paragraph: paragraphAt(start), start, end: start + quote.length };
}

export const MCLAUGHLIN = "If you come to our country and break our laws, we will hunt you down, and lock you up.";
export const DEPORTED = "261 illegal aliens were deported to El Salvador on March 15, 2025";

export function extractiveAnswer(question: string, citations: Citation[] = [citationOf(MCLAUGHLIN)]): AskResult {
  return citations.length === 0
    ? { question, answerable: false, answer: "The article doesn't say.", citations: [], short: null, mode: "extractive", ms: 3 }
    : { question, answerable: true, answer: citations[0]?.quote ?? "", citations, short: null, mode: "extractive", ms: 3 };
}

export function extractiveSummary(topic: string | null = null): SummaryResult {
  return {
    topic,
    length: "short",
    bullets: [{ text: "Offline bullet.", citations: [citationOf(DEPORTED)] }],
    documents: [{ id: DOC_ID, title: TITLE, paragraphs: PARAGRAPHS.length, sentences: 30 }],
    mode: "extractive",
    ms: 4,
    found: true,
  };
}

export function llmConfig(baseURL: string, overrides: Partial<LlmConfig> = {}): LlmConfig {
  return {
    apiKey: "test-key",
    baseURL,
    model: "test-model",
    timeoutMs: 3000,
    maxTokens: 512,
    structuredOutput: "jsonSchema",
    temperature: 0,
    ...overrides,
  };
}

export interface LogLine {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A pino logger that keeps every line (debug and up) in memory, to assert on what gets logged. */
export function captureLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() !== "") lines.push(JSON.parse(line) as LogLine);
      }
      callback();
    },
  });
  return { logger: pino({ level: "debug" }, stream), lines };
}

export const INFO = 30;
