/**
 * The engine: corpus → index → answers. Created once per process (CLI run or server) and shared.
 * It knows nothing of Slack or terminals; front ends call `ask`, `summarize` and `findQuotes`, tools
 * call `explain` to see why an answer is what it is.
 */
import type { Config, LlmConfig } from "./config";
import { loadCorpus } from "./corpus/load";
import { SpeechIndex } from "./corpus/speech";
import { codeCacheDir } from "./index/codeCache";
import { closeEmbeddingProvider, createEmbeddingProvider, warmUp } from "./index/embeddings";
import type { EmbedWorkerPool } from "./index/workerPool";
import { formatProgress, throttledProgress } from "./index/progress";
import { type OpenIndexOptions, openIndex, type ArticleIndex } from "./index/store";
import { type Judgement, QuestionAnswerer } from "./answer/answerer";
import { CorpusTerms } from "./answer/corpusTerms";
import { AnswerJudge } from "./answer/judge";
import { elapsedMs } from "./answer/elapsed";
import { documentLookup, leadingChunks, LLM_PASSAGES, toPassages } from "./answer/passages";
import { type AnswerPolicy, DEFAULT_ANSWER_POLICY } from "./answer/policy";
import { QuoteFinder } from "./answer/quotes";
import { asksForGist, type QuestionReading } from "./answer/reading";
import { DEFAULT_RETRIEVAL_PARAMS, Retriever, type RetrievalParams } from "./answer/retrieve";
import { citedShortAnswer } from "./answer/short";
import { Summarizer } from "./answer/summarize";
import type { ChatClient, DocumentLookup } from "./answer/llm/types";
import type * as LlmMode from "./answer/llm";
import { sharedWordNet, type WordNet } from "./text/wordnet";
import { silentLogger, type Logger } from "./log";
import type { AskOptions, AskProgress, AskResult, Citation, DocumentInfo, Engine, EngineStatus, QuoteOptions, QuotesResult, ShortAnswer, SummaryOptions, SummaryResult } from "./contract";

/** What building an engine reads of the configuration: where things are, and the models. */
export type EngineConfig = Pick<Config, "corpusDir" | "indexDir" | "maxCorpusBytes" | "embeddings" | "llm" | "judge">;

export interface ArticleEngineOptions {
  /** The chat model; answers are extractive (offline) without one. */
  llm?: LlmConfig;
  logger?: Logger;
  retrieval?: RetrievalParams;
  policy?: AnswerPolicy;
  /** The WordNet reader (default: the process's shared one). */
  wordNet?: WordNet;
  /** Use the learned answer judge after the rules (see src/answer/judge/; ANSWER_JUDGE=on). */
  judge?: boolean;
}

export interface EngineOptions extends Pick<OpenIndexOptions, "notify" | "onProgress" | "forceRebuild" | "vectorCache">, Omit<ArticleEngineOptions, "llm" | "judge"> {
  /** Embedding worker threads (0: this thread); default `config.embeddings.workers`, else 0. */
  embedWorkers?: number;
  /** Load the model while the index opens (default: yes with workers, where it costs this thread nothing). */
  warmUp?: boolean;
  /** Embedding workers started by the caller (its size wins over `embedWorkers`); closed with the engine. */
  embedPool?: EmbedWorkerPool;
}

/** Why an answer is what it is: the question as read, what was found and judged, and the result. */
export interface Explanation {
  reading: QuestionReading;
  /** Retrieval, ranked evidence and every rule's verdict; null for a question about the whole article (answered by its summary). */
  judgement: Judgement | null;
  result: AskResult;
  /** Milliseconds to read the question and to assemble the extractive answer (retrieval and rules: `judgement.timings`). */
  timings: { readMs: number; answerMs: number };
}

export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineInputError";
  }
}

/** Longest question or query accepted; longer input is almost always a paste by mistake. */
export const MAX_QUESTION_CHARS = 2000;

function cleanInput(text: string, what: string): string {
  // Control characters (other than tab and newline) are never part of a question; they would only upset terminals.
  // NFC: "Bra\u0301zil" typed with a combining accent is the same word as "Brázil" (documents are matched as NFC too).
  // eslint-disable-next-line no-control-regex
  const cleaned = text.normalize("NFC").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, " ").trim();
  if (cleaned.length === 0) throw new EngineInputError(`the ${what} is empty`);
  if (cleaned.length > MAX_QUESTION_CHARS) throw new EngineInputError(`the ${what} is longer than ${MAX_QUESTION_CHARS} characters`);
  return cleaned;
}

export class ArticleEngine implements Engine {
  readonly policy: AnswerPolicy;
  private readonly retriever: Retriever;
  private readonly answerer: QuestionAnswerer;
  private readonly quoteFinder: QuoteFinder;
  private readonly summarizer: Summarizer;
  private readonly documentInfo: DocumentInfo[];
  private readonly llmConfig: LlmConfig | undefined;
  private readonly logger: Logger;
  private readonly docs: DocumentLookup;
  /** The chat model client, created on first use; undefined when answers are extractive. */
  private chat: Promise<{ client: ChatClient; llm: typeof LlmMode }> | undefined;

  constructor(
    readonly index: ArticleIndex,
    options: ArticleEngineOptions = {},
  ) {
    this.llmConfig = options.llm;
    this.logger = options.logger ?? silentLogger;
    this.policy = options.policy ?? DEFAULT_ANSWER_POLICY;
    const wordNet = options.wordNet ?? sharedWordNet();
    const documents = index.corpus.documents;
    const corpus = new CorpusTerms(documents, wordNet);
    const search = { ...index, embeddings: index.embedding.embeddings };
    this.retriever = new Retriever(search, corpus, options.retrieval ?? DEFAULT_RETRIEVAL_PARAMS);
    const speech = new SpeechIndex(documents);
    // The learned judge (src/answer/judge/) runs after the rules only when turned on (ANSWER_JUDGE=on).
    const judge = options.judge === true ? AnswerJudge.load() : undefined;
    this.answerer = new QuestionAnswerer({ corpus, retriever: this.retriever, speech, wordNet, policy: this.policy, sentenceVectors: index.sentenceVectors, judge });
    this.quoteFinder = new QuoteFinder(documents, this.retriever, speech);
    this.summarizer = new Summarizer({ documents, sentenceVectors: index.sentenceVectors }, this.answerer);
    this.docs = documentLookup(index.documents);
    this.documentInfo = documents.map((d) => ({
      id: d.id,
      title: d.title,
      ...(d.source ? { source: d.source } : {}),
      ...(d.date ? { date: d.date } : {}),
      paragraphs: d.paragraphs.length,
      sentences: d.sentences.length,
    }));
  }

  /** LLM mode is loaded lazily: offline runs never import the OpenAI client. */
  private chatModel(): Promise<{ client: ChatClient; llm: typeof LlmMode }> | undefined {
    const llmConfig = this.llmConfig;
    if (!llmConfig) return undefined;
    this.chat ??= import("./answer/llm").then((llm) => ({ client: llm.createChatClient(llmConfig, this.logger), llm }));
    return this.chat;
  }

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const { result } = await this.answer(question, options, false);
    this.logger.info({ op: "ask", mode: result.mode, answerable: result.answerable, citations: result.citations.length, ms: result.ms, chars: result.question.length }, "answered");
    return result;
  }

  /** `ask`, with everything behind the answer: the reading, the ranked evidence, each rule's verdict. */
  explain(question: string, options: AskOptions = {}): Promise<Explanation> {
    return this.answer(question, options, true);
  }

  private async answer(question: string, options: AskOptions, explain: boolean): Promise<Explanation> {
    const startedAt = performance.now();
    const report = progressReporter(options.onProgress);
    const input = cleanInput(question, "question");
    const searched = this.answerer.searchedText(input, { history: options.history });
    const chat = this.chatModel();
    // The question's vector first: in an embedding worker it is computed while this thread reads the rest
    // of the question and searches its words (a gist is summarised without one unless a chat model answers).
    const queryVector = asksForGist(searched.text) && !chat ? undefined : this.retriever.embedQuestion(searched.searched);
    queryVector?.catch(() => undefined); // awaited in retrieve; this only stops a failure from being "unhandled" if reading throws first
    const reading = this.answerer.read(input, { history: options.history }, searched);
    const readMs = performance.now() - startedAt;
    if (reading.gist && !chat) return { reading, judgement: null, result: await this.gist(reading.input, startedAt), timings: { readMs, answerMs: 0 } };
    report({ step: "searching" });
    const judgement = await this.answerer.judge(reading, { allVerdicts: explain, ...(queryVector ? { queryVector } : {}) });
    const answerStarted = performance.now();
    const extractive = this.answerer.answer(judgement, startedAt);
    const answerMs = performance.now() - answerStarted;
    let result = extractive;
    if (chat) {
      const { client, llm } = await chat;
      const passages = toPassages(judgement.retrieval.chunks.slice(0, LLM_PASSAGES).map((c) => c.chunk), this.index.documents);
      report({ step: "writing", model: client.model, writes: "answer" });
      result = await llm.answerWithLlm(
        { client, docs: this.docs, logger: this.logger },
        { question: reading.input, history: options.history, passages, fallback: () => Promise.resolve(extractive), onProgress: report, shortAnswer: this.shortAnswerIn(reading) },
      );
      result.ms = elapsedMs(startedAt);
    }
    if (reading.text !== reading.input) result.resolvedQuestion = reading.text;
    return { reading, judgement, result, timings: { readMs, answerMs } };
  }

  /** LLM mode's short answer: the same picker as the extractive path, over the model's first verified quote. */
  private shortAnswerIn(reading: QuestionReading): (citation: Citation) => ShortAnswer | null {
    const asked = this.answerer.shortQuestion(reading);
    return (citation) => {
      const doc = this.index.documents.get(citation.docId);
      return doc ? citedShortAnswer(doc, citation, asked) : null;
    };
  }

  /** "What is this article about?": the short summary's bullets, as an answer with their citations. */
  private async gist(question: string, startedAt: number): Promise<AskResult> {
    const summary = await this.summarizer.summarize({ length: "short" });
    const citations = summary.bullets.flatMap((b) => b.citations.slice(0, 1)).slice(0, this.policy.maxCitations);
    const answer = summary.bullets.map((b) => b.text).join(" ");
    // A gist has no one thing asked for: no short answer.
    return { question, answerable: citations.length > 0, answer: answer || "The article doesn't say.", citations, short: null, mode: "extractive", ms: elapsedMs(startedAt) };
  }

  async summarize(options: SummaryOptions = {}): Promise<SummaryResult> {
    const topic = options.topic === undefined || options.topic.trim() === "" ? undefined : cleanInput(options.topic, "topic");
    const length = options.length ?? "medium";
    const startedAt = performance.now();
    const extractive = await this.summarizer.summarize({ topic, length });
    let result = extractive;
    const chat = this.chatModel();
    if (chat && extractive.found) {
      const report = progressReporter(options.onProgress);
      const { client, llm } = await chat;
      report({ step: "searching" });
      const chunks =
        topic !== undefined ? (await this.retriever.retrieve(this.answerer.read(topic, { whole: true }))).chunks.slice(0, LLM_PASSAGES).map((c) => c.chunk) : leadingChunks(this.index.chunks);
      report({ step: "writing", model: client.model, writes: "summary" });
      result = await llm.summarizeWithLlm(
        { client, docs: this.docs, logger: this.logger },
        { topic: topic ?? null, length, passages: toPassages(chunks, this.index.documents), documents: this.documentInfo, fallback: () => Promise.resolve(extractive), onProgress: report },
      );
      result.ms = elapsedMs(startedAt);
    }
    this.logger.info({ op: "summary", mode: result.mode, bullets: result.bullets.length, topic: topic !== undefined, ms: result.ms }, "summarized");
    return result;
  }

  async findQuotes(query: string, options: QuoteOptions = {}): Promise<QuotesResult> {
    const result = await this.quoteFinder.find(cleanInput(query, "query"), options);
    this.logger.info({ op: "quotes", matches: result.matches.length, ms: result.ms }, "quotes found");
    return result;
  }

  documents(): DocumentInfo[] {
    return this.documentInfo;
  }

  /** The document as stored: what citations' offsets index. */
  documentText(docId: string): string | undefined {
    const doc = this.index.documents.get(docId);
    return doc?.stored?.text ?? doc?.text;
  }

  /** Stops the embedding worker threads (tests, server shutdown); idle workers never hold the process open anyway. */
  close(): Promise<void> {
    return closeEmbeddingProvider(this.index.embedding);
  }

  status(): EngineStatus {
    return {
      documents: this.index.corpus.documents.length,
      chunks: this.index.chunks.length,
      embeddings: { ...this.index.manifest.embeddings },
      llm: this.llmConfig ? { enabled: true, model: this.llmConfig.model } : { enabled: false },
    };
  }
}

export async function createEngine(config: EngineConfig, options: EngineOptions = {}): Promise<ArticleEngine> {
  const logger = options.logger ?? silentLogger;
  const workers = options.embedPool?.size ?? options.embedWorkers ?? config.embeddings.workers ?? 0;
  const embedding = await createEmbeddingProvider(config.embeddings, { workers, maxPending: config.embeddings.queueMax, codeCacheDir: codeCacheDir(config.indexDir), ...(options.embedPool ? { pool: options.embedPool } : {}) });
  // With workers, the model loads on other threads while this one reads the corpus and the index.
  if (options.warmUp ?? workers > 0) {
    warmUp(embedding).catch((err: unknown) => logger.warn({ err: (err as Error).message }, "embedding model warm-up failed"));
  }
  // A build started by `serve` (no index yet, or a stale one) reports its progress in the log.
  const onProgress = options.onProgress ?? throttledProgress((p) => logger.info({ op: "build", done: p.done, total: p.total, rate: p.rate, etaSec: p.etaSec }, formatProgress(p)), 5000);
  let index: ArticleIndex;
  try {
    const corpus = await loadCorpus(config.corpusDir, { maxBytes: config.maxCorpusBytes, notify: options.notify ?? ((message) => logger.warn(message)) });
    index = await openIndex(corpus, embedding, config.indexDir, { ...options, onProgress });
  } catch (err) {
    await closeEmbeddingProvider(embedding);
    throw err;
  }
  logger.info({ documents: index.corpus.documents.length, chunks: index.chunks.length, embeddings: index.manifest.embeddings.model }, "index ready");
  return new ArticleEngine(index, { llm: config.llm, judge: config.judge, logger, retrieval: options.retrieval, policy: options.policy, wordNet: options.wordNet });
}

/** A front end's progress listener must never break an answer: its errors are swallowed. */
function progressReporter(listener: AskOptions["onProgress"]): (step: AskProgress) => void {
  return (step) => {
    try {
      listener?.(step);
    } catch {
      // Progress is decoration; the answer goes on.
    }
  };
}
