/**
 * The engine's public contract: what `ask`, `summary` and `quotes` return to every front end
 * (command line, Slack, evaluation). Front ends render these; they never compute them.
 */

/** A quote copied word for word from a document: `documentText.slice(start, end) === quote`. */
export interface Citation {
  quote: string;
  docId: string;
  /** 1-based paragraph number within the document. */
  paragraph: number;
  /** Character offsets into the document's original text (UTF-16 code units, as JS strings index). */
  start: number;
  end: number;
}

/**
 * The thing a typed question asks for (a name, number, date, time, place, duration or sum), as the
 * article writes it inside the answer's first citation: `documentText.slice(start, end) === text`.
 */
export interface ShortAnswer {
  text: string;
  docId: string;
  /** Offsets into the document's original text, like a citation's. */
  start: number;
  end: number;
}

export type AnswerMode = "extractive" | "llm";

export interface AskOptions {
  /** Earlier questions of the same conversation (oldest first), used to complete follow-ups. */
  history?: string[];
  /** Told each step as it starts, for front ends that show progress. A throwing listener is ignored. */
  onProgress?: (step: AskProgress) => void;
}

/**
 * The steps of an answer (or a summary) being made. They carry counts and names only, never the model's
 * text: nothing the model wrote may reach a person before its quotes are verified.
 */
export type AskProgress =
  | { step: "searching" }
  | { step: "writing"; model: string; writes: "answer" | "summary" }
  | { step: "checking"; quotes: number }
  | { step: "checked"; quotes: number; verified: number };

export interface AskResult {
  question: string;
  answerable: boolean;
  answer: string;
  /** 0–3 citations, best first. Empty when the article does not answer. */
  citations: Citation[];
  /**
   * The span of the first citation that answers a typed question ("How many …?" → "4,300"), shown first;
   * null for open questions, refusals, and when the cited sentence holds no span of the asked type.
   */
  short: ShortAnswer | null;
  mode: AnswerMode;
  /** Milliseconds spent on this question. */
  ms: number;
  /** The chat model that wrote the answer (LLM mode only). */
  model?: string;
  /** A short notice for the user, e.g. that the model failed and the offline answer is shown. */
  notice?: string;
  /** The question actually answered when a follow-up was completed from history. */
  resolvedQuestion?: string;
}

export const SUMMARY_LENGTHS = ["short", "medium", "long"] as const;
export type SummaryLength = (typeof SUMMARY_LENGTHS)[number];

/** Bullets per summary length (a model may write fewer; never more are kept). */
export const SUMMARY_BULLETS: Readonly<Record<SummaryLength, number>> = { short: 3, medium: 5, long: 8 };

export interface SummaryBullet {
  text: string;
  citations: Citation[];
}

export interface SummaryOptions {
  topic?: string;
  length?: SummaryLength;
  /** Told each step as it starts (LLM mode only: the offline summary has none worth showing). A throwing listener is ignored. */
  onProgress?: (step: AskProgress) => void;
}

export interface SummaryResult {
  topic: string | null;
  length: SummaryLength;
  bullets: SummaryBullet[];
  /** The documents the bullets come from. */
  documents: DocumentInfo[];
  mode: AnswerMode;
  ms: number;
  model?: string;
  notice?: string;
  /** False when a topic was asked for and the corpus has nothing on it (bullets is then empty). */
  found: boolean;
}

export interface QuoteMatch extends Citation {
  /** Who said it, when the passage is direct speech with a named speaker. */
  speaker: string | null;
  score: number;
}

export interface QuoteOptions {
  limit?: number;
  speaker?: string;
}

export interface QuotesResult {
  query: string;
  matches: QuoteMatch[];
  ms: number;
}

export interface DocumentInfo {
  id: string;
  title: string;
  source?: string;
  date?: string;
  paragraphs: number;
  sentences: number;
}

export interface EngineStatus {
  documents: number;
  chunks: number;
  embeddings: { provider: string; model: string; dimensions: number };
  llm: { enabled: boolean; model?: string };
}

/** What every front end calls. The engine knows nothing of Slack or terminals. */
export interface Engine {
  ask(question: string, options?: AskOptions): Promise<AskResult>;
  summarize(options?: SummaryOptions): Promise<SummaryResult>;
  findQuotes(query: string, options?: QuoteOptions): Promise<QuotesResult>;
  documents(): DocumentInfo[];
  /** Document text by id, for callers that want to re-check a citation. */
  documentText(docId: string): string | undefined;
  status(): EngineStatus;
}

/**
 * The engine has more work queued than it can start soon (the embedding queue is full): nothing was
 * answered, and asking again in a moment will work. Front ends say "busy, try again" instead of an
 * apology; recognise it with `isEngineBusy`, which also works across module copies.
 */
export class EngineBusyError extends Error {
  readonly code = "ENGINE_BUSY";
  constructor(
    message = "the engine is busy: too many questions at once",
    /** A hint for the person: when trying again is likely to work. */
    readonly retryAfterMs = 2000,
  ) {
    super(message);
    this.name = "EngineBusyError";
  }
}

export function isEngineBusy(err: unknown): err is EngineBusyError {
  return typeof err === "object" && err !== null && (err as { code?: unknown }).code === "ENGINE_BUSY";
}
