/**
 * A test double of the Engine: deterministic canned results over a two-paragraph document whose
 * citations really are slices of its text. Tests can slow it down, make it fail, or replace the
 * next result, and read back what it was asked (including the history it got).
 */
import type {
  AskOptions,
  AskResult,
  Citation,
  DocumentInfo,
  Engine,
  EngineStatus,
  QuoteMatch,
  QuoteOptions,
  QuotesResult,
  SummaryOptions,
  SummaryResult,
} from "../../src/contract";

export const FAKE_DOC_ID = "noem-el-salvador-visit";
export const FAKE_DOC_TITLE = "Noem visits El Salvador's Terrorism Confinement Center";

export const FAKE_TEXT =
  "Secretary of Homeland Security Kristi Noem is set to visit El Salvador's Terrorism Confinement Center on March 26, 2025.\n" +
  'Tricia McLaughlin said, "If you come to our country and break our laws, we will hunt you down, and lock you up."';

export function citationOf(quote: string): Citation {
  const start = FAKE_TEXT.indexOf(quote);
  if (start < 0) throw new Error(`not in the fake document: ${quote}`);
  const paragraph = FAKE_TEXT.slice(0, start).split("\n").length;
  return { quote, docId: FAKE_DOC_ID, paragraph, start, end: start + quote.length };
}

export const VISIT_QUOTE = "Kristi Noem is set to visit El Salvador's Terrorism Confinement Center on March 26, 2025.";
export const HUNT_QUOTE = "If you come to our country and break our laws, we will hunt you down, and lock you up.";

export type EngineCall =
  | { op: "ask"; question: string; history: string[] }
  | { op: "summarize"; options: SummaryOptions }
  | { op: "findQuotes"; query: string; options: QuoteOptions };

export class FakeEngine implements Engine {
  readonly calls: EngineCall[] = [];
  /** Each call waits this long first (to exercise the progress indicator). */
  delayMs = 0;
  /** The next call rejects with this error. */
  failNext: Error | undefined;
  /** Replaces (parts of) the next ask result. */
  nextAsk: Partial<AskResult> | undefined;
  nextSummary: Partial<SummaryResult> | undefined;
  nextQuotes: Partial<QuotesResult> | undefined;
  llmModel: string | undefined;
  /** The document's front-matter `source:` (a name, or a URL that titles then link to). */
  source = "DHS";

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    this.calls.push({ op: "ask", question, history: [...(options.history ?? [])] });
    await this.work();
    const followUp = /^(and )?(when|who|why|where)\b.{0,12}\?$/i.test(question) && (options.history?.length ?? 0) > 0;
    const resolved = followUp ? `${question.replace(/\?$/, "")} (about: ${options.history?.at(-1) ?? ""})` : undefined;
    const base: AskResult = {
      question,
      answerable: true,
      answer: "Kristi Noem is visiting the Terrorism Confinement Center in El Salvador on March 26, 2025.",
      citations: [citationOf(VISIT_QUOTE)],
      // None by default, so that tests about the rest of the layout see it unchanged; set one with `nextAsk`.
      short: null,
      mode: this.llmModel !== undefined ? "llm" : "extractive",
      ms: 12,
      ...(this.llmModel !== undefined ? { model: this.llmModel } : {}),
      ...(resolved !== undefined ? { resolvedQuestion: resolved } : {}),
    };
    const next = this.nextAsk;
    this.nextAsk = undefined;
    return { ...base, ...next };
  }

  async summarize(options: SummaryOptions = {}): Promise<SummaryResult> {
    this.calls.push({ op: "summarize", options: { ...options } });
    await this.work();
    const topic = options.topic ?? null;
    const found = topic === null || !/unicorn/i.test(topic);
    const base: SummaryResult = {
      topic,
      length: options.length ?? "medium",
      bullets: found
        ? [
            { text: "Noem visits the Terrorism Confinement Center on March 26, 2025.", citations: [citationOf(VISIT_QUOTE)] },
            { text: "DHS promises to find and jail those who break US laws.", citations: [citationOf(HUNT_QUOTE)] },
          ]
        : [],
      documents: this.documents(),
      mode: this.llmModel !== undefined ? "llm" : "extractive",
      ms: 20,
      found,
      ...(this.llmModel !== undefined ? { model: this.llmModel } : {}),
    };
    const next = this.nextSummary;
    this.nextSummary = undefined;
    return { ...base, ...next };
  }

  async findQuotes(query: string, options: QuoteOptions = {}): Promise<QuotesResult> {
    this.calls.push({ op: "findQuotes", query, options: { ...options } });
    await this.work();
    const words = query.toLowerCase().split(/\W+/).filter((w) => w.length > 2);
    const candidates: QuoteMatch[] = [
      { ...citationOf(HUNT_QUOTE), speaker: "Tricia McLaughlin", score: 0.9 },
      { ...citationOf(VISIT_QUOTE), speaker: null, score: 0.5 },
    ];
    const matches = candidates.filter((m) => words.some((w) => m.quote.toLowerCase().includes(w))).slice(0, options.limit ?? 5);
    const base: QuotesResult = { query, matches, ms: 5 };
    const next = this.nextQuotes;
    this.nextQuotes = undefined;
    return { ...base, ...next };
  }

  documents(): DocumentInfo[] {
    return [{ id: FAKE_DOC_ID, title: FAKE_DOC_TITLE, source: this.source, date: "2025-03-26", paragraphs: 2, sentences: 2 }];
  }

  documentText(docId: string): string | undefined {
    return docId === FAKE_DOC_ID ? FAKE_TEXT : undefined;
  }

  status(): EngineStatus {
    return {
      documents: 1,
      chunks: 2,
      embeddings: { provider: "fake", model: "fake", dimensions: 3 },
      llm: this.llmModel !== undefined ? { enabled: true, model: this.llmModel } : { enabled: false },
    };
  }

  asks(): Extract<EngineCall, { op: "ask" }>[] {
    return this.calls.filter((c): c is Extract<EngineCall, { op: "ask" }> => c.op === "ask");
  }

  private async work(): Promise<void> {
    if (this.delayMs > 0) await new Promise((r) => setTimeout(r, this.delayMs));
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure !== undefined) throw failure;
  }
}
