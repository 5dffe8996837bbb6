import type { CodeCacheOutcome } from "./codeCache";

/** Messages between `EmbedWorkerPool` (main thread) and `embedWorker.ts` (each worker thread). */

export type WorkerRequest =
  /** The first message a worker gets, and the only one before it says ready. */
  | { type: "start"; options: WorkerStartData }
  | { type: "embed"; id: number; texts: string[] }
  | { type: "stats"; id: number }
  /** Tests only: die of an uncaught error while running the next job. */
  | { type: "crash" };

export type WorkerReply =
  /** `codeCache`: what became of the model code's cache (`codeCache.ts`), "off" without a cache folder. */
  | { type: "ready"; loadMs: number; codeCache: CodeCacheOutcome | "off" }
  | { type: "fatal"; message: string }
  /** `buffer` holds `count` vectors of `dims` float32s, one after the other. */
  | { type: "done"; id: number; dims: number; count: number; buffer: ArrayBuffer }
  | { type: "failed"; id: number; message: string }
  | { type: "stats"; id: number; tensors: number };

/**
 * What a worker is started with: sent as its first message rather than as `workerData`, so that a thread
 * can boot before these are known (`BootedWorker`).
 */
export interface WorkerStartData {
  /** Embed a throw-away text before saying ready (see `PoolOptions.warmUpEmbedding`). */
  warmUpEmbedding: boolean;
  /** Where the model code's V8 code cache is kept (`INDEX_DIR/code-cache`); none: compile from source. */
  codeCacheDir?: string;
}
