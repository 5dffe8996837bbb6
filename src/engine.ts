/**
 * The engine: corpus → index → answers. Created once per process (CLI run or server) and shared.
 * It knows nothing of Slack or terminals; front ends call `ask`, `summarize` and `findQuotes`.
 */
import type { Config } from "./config";
import { loadCorpus } from "./corpus/load";
import { closeEmbeddingProvider, createEmbeddingProvider, warmUp } from "./index/embeddings";
import type { EmbedWorkerPool } from "./index/workerPool";
import { formatProgress, throttledProgress } from "./index/progress";
import { type OpenIndexOptions, openIndex, type ArticleIndex } from "./index/store";
import { DEFAULT_ANSWER_POLICY, extractiveAnswer, weighEvidence, type AnswerPolicy } from "./answer/extractive";
import { focusQuestion, isGistQuestion, resolveFollowUp } from "./answer/questions";
import { DEFAULT_RETRIEVAL_PARAMS, Retriever, type RetrievalParams } from "./answer/retrieve";
import { SpeechIndex } from "./answer/speech";
import { QuoteFinder } from "./answer/quotes";
import { Summarizer } from "./answer/summarize";
import type { ChatClient, DocumentLookup, Passage } from "./answer/llm/types";
import type * as LlmMode from "./answer/llm";
import { citationAt } from "./answer/citations";
import { AnswerJudge, closestAnswer } from "./answer/judge";
import type { Chunk } from "./index/chunk";
import { silentLogger, type Logger } from "./log";
import type { AskOptions, AskProgress, AskResult, DocumentInfo, Engine, EngineStatus, QuoteOptions, QuotesResult, SummaryOptions, SummaryResult } from "./contract";

export interface EngineOptions extends Pick<OpenIndexOptions, "notify" | "onProgress" | "forceRebuild" | "vectorCache"> {
  logger?: Logger;
  /** Embedding worker threads (0: this thread); default `config.embeddings.workers`, else 0. */
  embedWorkers?: number;
  /** Load the model while the index opens (default: yes with workers, where it costs this thread nothing). */
  warmUp?: boolean;
  /** Embedding workers started by the caller (its size wins over `embedWorkers`); closed with the engine. */
  embedPool?: EmbedWorkerPool;
  retrieval?: RetrievalParams;
  policy?: AnswerPolicy;
}

export class EngineInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EngineInputError";
  }
}

/** Passages handed to a chat model: the best fused chunks for a question. */
const LLM_PASSAGES = 6;
/** Upper bound of article text sent for a whole-corpus summary. */
const LLM_SUMMARY_CHARS = 12000;

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
  readonly retriever: Retriever;
  readonly speech: SpeechIndex;
  private readonly quoteFinder: QuoteFinder;
  private readonly summarizer: Summarizer;
  private readonly documentInfo: DocumentInfo[];
  /** The chat model client, created on first use; undefined when answers are extractive. */
  private chat: Promise<{ client: ChatClient; llm: typeof LlmMode }> | undefined;
  /** The learned answer judge (see src/answer/judge/); null unless turned on (ANSWER_JUDGE=on). */
  private readonly judge: AnswerJudge | null;

  constructor(
    readonly index: ArticleIndex,
    readonly config: Config,
    private readonly logger: Logger = silentLogger,
    retrieval: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
    readonly policy: AnswerPolicy = DEFAULT_ANSWER_POLICY,
  ) {
    this.retriever = new Retriever(index, retrieval);
    this.speech = new SpeechIndex(index.corpus.documents);
    this.quoteFinder = new QuoteFinder(index, this.retriever, this.speech);
    this.summarizer = new Summarizer(index, this.retriever, this.speech, policy);
    this.judge = config.judge === true ? AnswerJudge.load() : null;
    this.documentInfo = index.corpus.documents.map((d) => ({
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
    const llmConfig = this.config.llm;
    if (!llmConfig) return undefined;
    this.chat ??= import("./answer/llm").then((llm) => ({ client: llm.createChatClient(llmConfig, this.logger), llm }));
    return this.chat;
  }

  private readonly documentLookup: DocumentLookup = {
    text: (docId) => this.index.documents.get(docId)?.text,
    citation: (docId, start, end) => {
      const doc = this.index.documents.get(docId);
      if (!doc) return null;
      try {
        return citationAt(doc, start, end);
      } catch {
        return null;
      }
    },
  };

  private toPassages(chunks: Chunk[]): Passage[] {
    return chunks.map((c, i) => ({
      n: i + 1,
      docId: c.docId,
      title: this.index.documents.get(c.docId)?.title ?? c.docId,
      paragraph: c.paragraph,
      start: c.start,
      end: c.end,
      text: c.text,
    }));
  }

  async ask(question: string, options: AskOptions = {}): Promise<AskResult> {
    const startedAt = performance.now();
    const report = progressReporter(options.onProgress);
    const asked = cleanInput(question, "question");
    const resolved = resolveFollowUp(focusQuestion(asked), options.history);
    if (isGistQuestion(resolved) && !this.chatModel()) return this.gist(asked, startedAt);
    report({ step: "searching" });
    const retrieval = await this.retriever.retrieve(resolved);
    const weighed = weighEvidence(retrieval, this.retriever, this.speech, this.policy);
    const judged = this.judge?.judge({ retrieval, evidence: weighed, retriever: this.retriever });
    const evidence = judged?.evidence ?? weighed;
    const extractive = judged?.outcome === "closest" ? closestAnswer(asked, evidence, startedAt) : extractiveAnswer(asked, retrieval, evidence, this.retriever, this.policy, startedAt);
    const chat = this.chatModel();
    let result = extractive;
    if (chat) {
      const { client, llm } = await chat;
      const passages = this.toPassages(retrieval.chunks.slice(0, LLM_PASSAGES).map((c) => c.chunk));
      report({ step: "writing", model: client.model });
      result = await llm.answerWithLlm(
        { client, docs: this.documentLookup, logger: this.logger },
        { question: asked, history: options.history, passages, fallback: () => Promise.resolve(extractive), onProgress: report },
      );
      result.ms = Math.round((performance.now() - startedAt) * 10) / 10;
    }
    if (resolved !== asked) result.resolvedQuestion = resolved;
    this.logger.info({ op: "ask", mode: result.mode, answerable: result.answerable, citations: result.citations.length, ms: result.ms, chars: asked.length }, "answered");
    return result;
  }

  /** "What is this article about?": the short summary's bullets, as an answer with their citations. */
  private async gist(question: string, startedAt: number): Promise<AskResult> {
    const summary = await this.summarizer.summarize({ length: "short" });
    const citations = summary.bullets.flatMap((b) => b.citations.slice(0, 1)).slice(0, this.policy.maxCitations);
    const answer = summary.bullets.map((b) => b.text).join(" ");
    const ms = Math.round((performance.now() - startedAt) * 10) / 10;
    return { question, answerable: citations.length > 0, answer: answer || "The article doesn't say.", citations, mode: "extractive", ms };
  }

  async summarize(options: SummaryOptions = {}): Promise<SummaryResult> {
    const topic = options.topic === undefined || options.topic.trim() === "" ? undefined : cleanInput(options.topic, "topic");
    const length = options.length ?? "medium";
    const startedAt = performance.now();
    const extractive = await this.summarizer.summarize({ topic, length });
    let result = extractive;
    const chat = this.chatModel();
    if (chat && extractive.found) {
      const { client, llm } = await chat;
      const chunks = topic !== undefined ? (await this.retriever.retrieve(topic)).chunks.slice(0, LLM_PASSAGES).map((c) => c.chunk) : this.leadingChunks();
      result = await llm.summarizeWithLlm(
        { client, docs: this.documentLookup, logger: this.logger },
        { topic: topic ?? null, length, passages: this.toPassages(chunks), documents: this.documentInfo, fallback: () => Promise.resolve(extractive) },
      );
      result.ms = Math.round((performance.now() - startedAt) * 10) / 10;
    }
    this.logger.info({ op: "summary", mode: result.mode, bullets: result.bullets.length, topic: topic !== undefined, ms: result.ms }, "summarized");
    return result;
  }

  async findQuotes(query: string, options: QuoteOptions = {}): Promise<QuotesResult> {
    const result = await this.quoteFinder.find(cleanInput(query, "query"), options);
    this.logger.info({ op: "quotes", matches: result.matches.length, ms: result.ms }, "quotes found");
    return result;
  }

  /** Non-overlapping chunks in corpus order, up to the summary budget. */
  private leadingChunks(): Chunk[] {
    const out: Chunk[] = [];
    let chars = 0;
    const lastEnd = new Map<string, number>();
    for (const c of this.index.chunks) {
      if ((lastEnd.get(c.docId) ?? -1) > c.start) continue;
      if (chars + c.text.length > LLM_SUMMARY_CHARS) break;
      out.push(c);
      chars += c.text.length;
      lastEnd.set(c.docId, c.end);
    }
    return out;
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
      llm: this.config.llm ? { enabled: true, model: this.config.llm.model } : { enabled: false },
    };
  }
}

export async function createEngine(config: Config, options: EngineOptions = {}): Promise<ArticleEngine> {
  const logger = options.logger ?? silentLogger;
  const workers = options.embedPool?.size ?? options.embedWorkers ?? config.embeddings.workers ?? 0;
  const embedding = await createEmbeddingProvider(config.embeddings, { workers, maxPending: config.embeddings.queueMax, ...(options.embedPool ? { pool: options.embedPool } : {}) });
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
  const corpus = index.corpus;
  logger.info({ documents: corpus.documents.length, chunks: index.chunks.length, embeddings: index.manifest.embeddings.model }, "index ready");
  return new ArticleEngine(index, config, logger, options.retrieval, options.policy);
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
