/**
 * A pool of embedding worker threads (`embedWorker.ts`), each holding its own copy of the local model.
 *
 * Why: TensorFlow.js' WASM kernels are synchronous and `executeAsync` yields only to microtasks, so on
 * the main thread N concurrent query embeddings run as one block of N × ~9 ms during which no Slack
 * request is read or acked. In workers, the event loop only reads, acks, routes and renders.
 *
 * - Bounded: at most `maxPending` jobs (queued + running); one more is refused at once with
 *   `EngineBusyError` instead of waiting without end.
 * - Queries (one text) go ahead of index-building batches, so a rebuild never starves a question.
 * - A worker that dies (uncaught error, out of memory, a job past `jobTimeoutMs`) has its running job
 *   rejected with `EmbeddingWorkerError` and is replaced; queued jobs go to the replacement. A worker
 *   that dies twice while loading the model fails every queued job too: nothing ever hangs.
 * - Workers keep the process alive only while they have work (`ref` while busy, `unref` when idle), so a
 *   CLI run exits when it is done without anyone calling `close()`.
 * No LangChain here: `WorkerPoolEmbeddings` adapts this to LangChain's `Embeddings`.
 */
import { Worker, type WorkerOptions } from "node:worker_threads";
import { EngineBusyError } from "../contract";
import type { CodeCacheOutcome } from "./codeCache";
import { workerEntry } from "./workerEntry";
import type { WorkerReply, WorkerRequest, WorkerStartData } from "./workerProtocol";

export interface PoolOptions {
  /** Worker threads (each loads the model: ~40 MB and ~300 ms). */
  size: number;
  /** Jobs queued or running before new ones are refused as busy. */
  maxPending?: number;
  /** A job running longer than this is taken as a hung worker: rejected, and the worker replaced. */
  jobTimeoutMs?: number;
  /**
   * Embed one throw-away text before a worker says ready (default: yes). The first embedding carries
   * ~100 ms of JIT and WASM warm-up; serve moves it off its first question. A CLI run that asks one
   * question skips it: there the question is the first embedding anyway, and a warm-up only adds one.
   */
  warmUpEmbedding?: boolean;
  /**
   * A folder for the V8 code cache of the model's code (`codeCache.ts`; the CLI and serve give
   * `INDEX_DIR/code-cache`): each new worker then starts ~50 ms sooner. None: compiled from source.
   */
  codeCacheDir?: string;
  /** A thread booted before the pool existed (`BootedWorker`): the first worker started uses it. */
  booted?: BootedWorker;
  /** The worker's code; `workerEntry()` unless a test brings a worker that fails on purpose. */
  entry?: { script: string; options: WorkerOptions };
}

function newWorker(entry: { script: string; options: WorkerOptions } | undefined): Worker {
  const { script, options } = entry ?? workerEntry();
  return new Worker(script, options);
}

/**
 * A worker thread started before the pool that will use it, for a CLI question: a thread takes ~30 ms
 * to boot (Node's worker bootstrap and this module's code), which it spends while the main thread loads
 * commander and the configuration instead of after. It waits for its "start" message, so it needs none
 * of the configuration yet. Unused, it is stopped by `discard()`; it never keeps the process alive.
 */
export class BootedWorker {
  private readonly worker: Worker;
  private current: "booting" | "taken" | "dead" | "discarded" = "booting";

  constructor(entry?: { script: string; options: WorkerOptions }) {
    this.worker = newWorker(entry);
    this.worker.unref();
    // Held until a pool takes the thread; an error before then ends it, and the pool starts a new one.
    this.worker.on("error", () => undefined);
    this.worker.once("exit", () => {
      if (this.current === "booting") this.current = "dead";
    });
  }

  /** "taken" once a pool has it; "dead" if it died before; "discarded" if no pool wanted it. */
  get state(): "booting" | "taken" | "dead" | "discarded" {
    return this.current;
  }

  /** The thread for a pool (which attaches its own listeners), once; undefined if it has died. */
  take(): Worker | undefined {
    if (this.current !== "booting") return undefined;
    this.worker.removeAllListeners("error");
    this.worker.removeAllListeners("exit");
    this.current = "taken";
    return this.worker;
  }

  /** Stops the thread when no pool wants it (remote embeddings, EMBED_WORKERS=0). */
  discard(): void {
    if (this.current !== "booting") return;
    this.current = "discarded";
    this.worker.removeAllListeners("error");
    void this.worker.terminate();
  }
}

export const DEFAULT_MAX_PENDING = 256;
const DEFAULT_JOB_TIMEOUT_MS = 120_000;
/** Deaths while loading the model, per slot, before queued jobs are failed rather than retried. */
const MAX_START_FAILURES = 2;

/** The embedding worker stopped or failed: the request was not answered (safe to retry). */
export class EmbeddingWorkerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EmbeddingWorkerError";
  }
}

export type JobPriority = "query" | "batch";

interface Job {
  id: number;
  texts: string[];
  resolve: (vectors: Float32Array[]) => void;
  reject: (err: Error) => void;
  timer?: NodeJS.Timeout;
}

interface Slot {
  worker: Worker | undefined;
  ready: boolean;
  job: Job | undefined;
  startFailures: number;
  /** Why the current worker is going away (an error it threw or told us), for the rejection message. */
  lastProblem: string | undefined;
  readyWaiters: Array<() => void>;
}

export class EmbedWorkerPool {
  readonly size: number;
  readonly maxPending: number;
  private readonly jobTimeoutMs: number;
  private readonly entry: { script: string; options: WorkerOptions } | undefined;
  private readonly warmUpEmbedding: boolean;
  private readonly codeCacheDir: string | undefined;
  private booted: BootedWorker | undefined;
  private readonly slots: Slot[];
  private readonly queries: Job[] = [];
  private readonly batches: Job[] = [];
  private pending = 0;
  private nextId = 1;
  private closed = false;
  private readonly statsWaiters = new Map<number, (tensors: number) => void>();
  /** Workers started so far, restarts included (tests and the bench read it). */
  started = 0;
  /** What each worker that said ready found of the code cache, in order (tests and the bench read it). */
  readonly codeCacheOutcomes: Array<CodeCacheOutcome | "off"> = [];

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) throw new Error(`an embedding pool needs at least one worker (got ${options.size})`);
    this.size = options.size;
    this.maxPending = options.maxPending ?? DEFAULT_MAX_PENDING;
    this.jobTimeoutMs = options.jobTimeoutMs ?? DEFAULT_JOB_TIMEOUT_MS;
    this.entry = options.entry;
    this.warmUpEmbedding = options.warmUpEmbedding ?? true;
    this.codeCacheDir = options.codeCacheDir;
    this.booted = options.booted;
    this.slots = Array.from({ length: this.size }, () => ({ worker: undefined, ready: false, job: undefined, startFailures: 0, lastProblem: undefined, readyWaiters: [] }));
  }

  /** Starts every worker now (the model loads in the background) instead of on the first job. */
  start(): void {
    if (this.closed) return;
    for (const slot of this.slots) if (!slot.worker) this.spawn(slot);
  }

  /** Starts workers as jobs need them: a rebuild that finds all but one slice in the cache loads one model, not N. */
  private grow(): void {
    const live = this.slots.filter((s) => s.worker).length;
    let wanted = Math.min(this.size, this.pending) - live;
    for (const slot of this.slots) {
      if (wanted <= 0 || this.closed) break;
      if (slot.worker) continue;
      this.spawn(slot);
      wanted--;
    }
  }

  /** Resolves once every worker has loaded its model (starting them if needed). */
  async ready(): Promise<void> {
    this.start();
    const waits = this.slots.map((slot) => (slot.ready ? Promise.resolve() : new Promise<void>((resolve) => slot.readyWaiters.push(resolve))));
    this.updateRefs(); // someone now waits on the workers: they must keep the process alive until ready
    await Promise.all(waits);
  }

  /** Jobs queued or running. */
  get load(): number {
    return this.pending;
  }

  /** Vectors for `texts`, in order. Rejects with `EngineBusyError` when `maxPending` jobs are waiting. */
  embed(texts: string[], priority: JobPriority = "batch"): Promise<Float32Array[]> {
    if (this.closed) return Promise.reject(new EmbeddingWorkerError("the embedding pool is closed"));
    if (texts.length === 0) return Promise.resolve([]);
    if (this.pending >= this.maxPending) {
      return Promise.reject(new EngineBusyError(`the embedding queue is full (${this.pending} requests waiting): try again in a moment`));
    }
    return new Promise<Float32Array[]>((resolve, reject) => {
      const job: Job = { id: this.nextId++, texts, resolve, reject };
      this.pending++;
      (priority === "query" ? this.queries : this.batches).push(job);
      this.grow();
      this.dispatch();
    });
  }

  /** Live TensorFlow.js tensors in each ready worker (a leak check for the bench). */
  async tensorCounts(): Promise<number[]> {
    const ready = this.slots.filter((s) => s.ready && s.worker);
    return Promise.all(
      ready.map(
        (slot) =>
          new Promise<number>((resolve) => {
            const id = this.nextId++;
            this.statsWaiters.set(id, resolve);
            this.updateRefs();
            this.post(slot, { type: "stats", id });
          }),
      ),
    );
  }

  /** Tests: worker `index` dies of an uncaught error during its next job, as a fault in the model's code would. */
  crashWorkerForTest(index = 0): void {
    const slot = this.slots[index];
    if (slot) this.post(slot, { type: "crash" });
  }

  /** Stops every worker; jobs not yet answered are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new EmbeddingWorkerError("the embedding pool was closed before this request was answered");
    for (const job of [...this.queries.splice(0), ...this.batches.splice(0)]) this.settle(job, err);
    const stopping: Array<Promise<number>> = [];
    this.booted?.discard();
    this.booted = undefined;
    for (const slot of this.slots) {
      if (slot.job) this.settle(slot.job, err);
      slot.job = undefined;
      if (slot.worker) stopping.push(slot.worker.terminate());
      slot.worker = undefined;
      slot.ready = false;
      for (const wake of slot.readyWaiters.splice(0)) wake();
    }
    await Promise.all(stopping);
  }

  private spawn(slot: Slot): void {
    const booted = this.booted?.take();
    this.booted = undefined;
    const worker = booted ?? newWorker(this.entry);
    const start: WorkerStartData = { warmUpEmbedding: this.warmUpEmbedding, ...(this.codeCacheDir ? { codeCacheDir: this.codeCacheDir } : {}) };
    worker.postMessage({ type: "start", options: start } satisfies WorkerRequest);
    this.started++;
    slot.worker = worker;
    slot.ready = false;
    slot.lastProblem = undefined;
    worker.on("message", (reply: WorkerReply) => this.onMessage(slot, worker, reply));
    worker.on("error", (err: Error) => {
      if (slot.worker === worker) slot.lastProblem = err.message;
    });
    worker.on("exit", (code) => this.onExit(slot, worker, code));
    this.updateRefs();
  }

  private onMessage(slot: Slot, worker: Worker, reply: WorkerReply): void {
    if (slot.worker !== worker) return;
    switch (reply.type) {
      case "ready":
        this.codeCacheOutcomes.push(reply.codeCache);
        slot.ready = true;
        slot.startFailures = 0;
        for (const wake of slot.readyWaiters.splice(0)) wake();
        this.dispatch();
        return;
      case "fatal":
        slot.lastProblem = reply.message;
        return;
      case "stats":
        this.statsWaiters.get(reply.id)?.(reply.tensors);
        this.statsWaiters.delete(reply.id);
        this.updateRefs();
        return;
      case "done":
      case "failed": {
        const job = slot.job;
        if (!job || job.id !== reply.id) return; // answered after its timeout: already settled
        slot.job = undefined;
        if (reply.type === "failed") this.settle(job, new EmbeddingWorkerError(`embedding failed: ${reply.message}`));
        else if (reply.count !== job.texts.length || reply.dims === 0) this.settle(job, new EmbeddingWorkerError(`the embedding worker returned ${reply.count} vectors for ${job.texts.length} texts`));
        else {
          const flat = new Float32Array(reply.buffer);
          this.settle(job, undefined, Array.from({ length: reply.count }, (_, i) => flat.subarray(i * reply.dims, (i + 1) * reply.dims)));
        }
        this.dispatch();
        return;
      }
    }
  }

  private onExit(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker || this.closed) return;
    const wasReady = slot.ready;
    for (const [id, resolve] of this.statsWaiters) {
      resolve(Number.NaN); // a stats request may have gone to this worker: never leave it waiting
      this.statsWaiters.delete(id);
    }
    const why = slot.lastProblem ?? `exit code ${code}`;
    slot.worker = undefined;
    slot.ready = false;
    if (slot.job) this.settle(slot.job, new EmbeddingWorkerError(`the embedding worker stopped (${why}); this request was not answered`));
    slot.job = undefined;
    if (!wasReady) slot.startFailures++;
    if (slot.startFailures >= MAX_START_FAILURES && this.slots.every((s) => s.startFailures >= MAX_START_FAILURES)) {
      // No worker can load the model: fail what waits, and try again only when new work arrives.
      const err = new EmbeddingWorkerError(`the embedding model could not be loaded in a worker (${why})`);
      for (const job of [...this.queries.splice(0), ...this.batches.splice(0)]) this.settle(job, err);
      for (const s of this.slots) s.startFailures = 0;
      for (const wake of slot.readyWaiters.splice(0)) wake();
      this.updateRefs();
      return;
    }
    if (wasReady || this.pending > 0 || slot.readyWaiters.length > 0) this.spawn(slot);
    this.updateRefs();
  }

  private dispatch(): void {
    for (const slot of this.slots) {
      if (!slot.ready || slot.job || !slot.worker) continue;
      const job = this.queries.shift() ?? this.batches.shift();
      if (!job) break;
      slot.job = job;
      const worker = slot.worker;
      job.timer = setTimeout(() => {
        if (slot.job !== job) return;
        slot.lastProblem = `no answer within ${this.jobTimeoutMs} ms`;
        void worker.terminate(); // onExit rejects the job and starts a replacement
      }, this.jobTimeoutMs);
      job.timer.unref();
      this.post(slot, { type: "embed", id: job.id, texts: job.texts });
    }
    this.updateRefs();
  }

  private post(slot: Slot, request: WorkerRequest): void {
    slot.worker?.postMessage(request);
  }

  private settle(job: Job, err: Error | undefined, vectors?: Float32Array[]): void {
    clearTimeout(job.timer);
    this.pending--;
    if (err) job.reject(err);
    else job.resolve(vectors ?? []);
    this.updateRefs();
  }

  /** Busy workers keep the process alive; idle ones do not (see the header). */
  private updateRefs(): void {
    const busy = this.pending > 0 || this.statsWaiters.size > 0 || this.slots.some((s) => s.readyWaiters.length > 0);
    for (const slot of this.slots) {
      if (busy) slot.worker?.ref();
      else slot.worker?.unref();
    }
  }
}
