/**
 * LangChain's `Embeddings` over an `EmbedWorkerPool`: the same interface, model and vectors as
 * `LocalSentenceEmbeddings`, computed off the main thread. `embedQuery` jumps ahead of index-building
 * batches; a full queue rejects with `EngineBusyError` (see ../contract).
 */
import { Embeddings } from "@langchain/core/embeddings";
import type { EmbedWorkerPool } from "./workerPool";

export class WorkerPoolEmbeddings extends Embeddings {
  constructor(readonly pool: EmbedWorkerPool) {
    // LangChain's AsyncCaller is not used: the pool does its own queueing and never retries silently.
    super({});
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    return (await this.pool.embed(texts, "batch")).map((v) => Array.from(v));
  }

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await this.pool.embed([text], "query");
    if (!vector) throw new Error("the embedding worker returned no vector");
    return Array.from(vector);
  }

  /** Loads the model in every worker now (in the background of whatever the caller does next). */
  warmUp(): Promise<void> {
    return this.pool.ready();
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
