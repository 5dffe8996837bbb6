/**
 * The engine as `serve` holds it: available before the index is built (so the server listens at once and
 * `/healthz` can say "building"), and replaced whole when the corpus changes. A rebuild runs in the
 * background while the previous engine keeps answering; the new one is swapped in with one assignment,
 * so a request is answered by the old index or the new one, never by a half-built one.
 */
import { watch, type FSWatcher } from "node:fs";
import type { Config } from "../config";
import { type Engine, EngineBusyError, type EngineStatus } from "../contract";
import { formatProgress, ProgressMeter, throttledProgress } from "../index/progress";
import type { Logger } from "../log";

export type EngineFactory = (config: Config, options: { logger: Logger; onProgress?: (done: number, total: number) => void }) => Promise<Engine>;

export interface Readiness {
  ready: boolean;
  body: Record<string, unknown>;
}

/** Engines that hold threads (embedding workers) release them with close(). */
const closeEngine = (engine: Engine): Promise<void> => (engine as { close?: () => Promise<void> }).close?.() ?? Promise.resolve();

/** An old engine may still be answering a question that started before the swap. */
const RETIRE_AFTER_MS = 60_000;

export class LiveEngine implements Engine {
  private engine: Engine | undefined;
  private generation = 0;
  private building = false;
  private again = false;
  private progress: { done: number; total: number; percent: number; etaSec?: number } | undefined;
  private lastError: string | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly config: Config,
    private readonly factory: EngineFactory,
    private readonly logger: Logger,
  ) {}

  /** Builds the first engine; rejects (with the factory's clear error) when it cannot be built. */
  async start(): Promise<void> {
    await this.build("start");
  }

  /** Rebuilds, debounced, whenever a file of the corpus folder is added, changed or removed. */
  watchCorpus(debounceMs: number): void {
    if (this.watcher || debounceMs <= 0) return;
    try {
      this.watcher = watch(this.config.corpusDir, { persistent: false }, () => {
        clearTimeout(this.debounce);
        this.debounce = setTimeout(() => void this.rebuild(), debounceMs);
      });
      this.watcher.on("error", (err) => this.logger.warn({ err: err.message }, "corpus watch stopped"));
    } catch (err) {
      this.logger.warn({ err: (err as Error).message, dir: this.config.corpusDir }, "cannot watch the corpus folder; restart to pick up changes");
    }
  }

  /** One rebuild at a time; changes during a rebuild start one more after it. */
  async rebuild(): Promise<void> {
    if (this.closed) return;
    if (this.building) {
      this.again = true;
      return;
    }
    this.logger.info({ generation: this.generation }, "corpus changed: rebuilding the index in the background");
    try {
      await this.build("change");
    } catch (err) {
      // The old index keeps answering; the reason is logged and shown in /healthz.
      this.logger.error({ err: (err as Error).message, generation: this.generation }, "rebuild failed; still answering from the previous index");
    }
    if (this.again) {
      this.again = false;
      await this.rebuild();
    }
  }

  private async build(reason: "start" | "change"): Promise<void> {
    this.building = true;
    const meter = new ProgressMeter();
    const log = throttledProgress((p) => this.logger.info({ op: "build", done: p.done, total: p.total, rate: p.rate, etaSec: p.etaSec }, formatProgress(p)), 5000);
    const onProgress = (done: number, total: number): void => {
      const p = meter.update(done, total);
      this.progress = { done, total, percent: p.percent, ...(p.etaSec !== undefined ? { etaSec: Math.round(p.etaSec) } : {}) };
      log(done, total);
    };
    try {
      const next = await this.factory(this.config, { logger: this.logger, onProgress });
      if (this.closed) {
        await closeEngine(next);
        return;
      }
      const previous = this.engine;
      this.engine = next;
      this.generation += 1;
      this.lastError = undefined;
      this.logger.info({ generation: this.generation, documents: next.status().documents, reason }, "index in use");
      if (previous) setTimeout(() => void closeEngine(previous), RETIRE_AFTER_MS).unref();
    } catch (err) {
      this.lastError = (err as Error).message;
      throw err;
    } finally {
      this.building = false;
      this.progress = undefined;
    }
  }

  /** What /healthz reports: 503 "building" until the first index is ready, then 200 with its generation. */
  readiness(): Readiness {
    const rebuild = this.building ? { rebuilding: true, ...(this.progress ? { progress: this.progress } : {}) } : {};
    const error = this.lastError !== undefined ? { lastError: this.lastError } : {};
    if (!this.engine) return { ready: false, body: { status: "building", progress: this.progress ?? { done: 0, total: 0, percent: 0 }, ...error } };
    return { ready: true, body: { status: "ready", generation: this.generation, ...rebuild, ...error } };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.debounce);
    this.watcher?.close();
    if (this.engine) await closeEngine(this.engine);
  }

  private current(): Engine {
    // Front ends turn this into "busy, try again in a moment" rather than an apology.
    if (!this.engine) throw new EngineBusyError("the articles are still being indexed", 10_000);
    return this.engine;
  }

  async ask(...args: Parameters<Engine["ask"]>): ReturnType<Engine["ask"]> {
    return this.current().ask(...args);
  }

  async summarize(...args: Parameters<Engine["summarize"]>): ReturnType<Engine["summarize"]> {
    return this.current().summarize(...args);
  }

  async findQuotes(...args: Parameters<Engine["findQuotes"]>): ReturnType<Engine["findQuotes"]> {
    return this.current().findQuotes(...args);
  }

  documents(): ReturnType<Engine["documents"]> {
    return this.engine?.documents() ?? [];
  }

  documentText(docId: string): string | undefined {
    return this.engine?.documentText(docId);
  }

  status(): EngineStatus {
    return this.engine?.status() ?? { documents: 0, chunks: 0, embeddings: { provider: this.config.embeddings.provider, model: "", dimensions: 0 }, llm: { enabled: this.config.llm !== undefined, ...(this.config.llm ? { model: this.config.llm.model } : {}) } };
  }
}
