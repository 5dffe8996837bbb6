/**
 * One ioredis connection shared by the Redis stores, and the rule for when Redis is down: every
 * store falls back to this replica's memory (answers go on; de-dup and limits are per replica
 * meanwhile), one warning is logged per outage, and the stores use Redis again once it is back.
 *
 * Commands never queue while disconnected (`enableOfflineQueue: false`) and time out quickly, so a
 * dead Redis costs a request a few milliseconds, not Slack's 3-second ack budget.
 */
import Redis from "ioredis";
import type { Logger } from "../../log";
import { type Backend, type BackendHealth, errorText, withTimeout } from "./backend";

export interface RedisConnectionOptions {
  /** A command that takes longer counts as a failure (and falls back). */
  commandTimeoutMs?: number;
}

export class RedisConnection implements Backend {
  readonly name = "redis";
  readonly client: Redis;
  private degraded = false;
  /** The most recent connection error: more telling than ioredis' "Connection is closed". */
  private lastError: unknown;
  private closing = false;

  private constructor(
    url: string,
    private readonly logger: Logger,
    options: RedisConnectionOptions,
  ) {
    this.client = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: options.commandTimeoutMs ?? 500,
      // Keep trying to come back, at most every 2 s; never give up (a replica outlives an outage).
      retryStrategy: (times: number) => Math.min(100 * times, 2000),
      // Untyped for standalone connections but honoured: disconnecting an already-refused socket
      // otherwise keeps a 2 s timer that holds the process (and a failed start-up) open.
      ...({ disconnectTimeout: 200 } as object),
    });
    // Without an 'error' listener ioredis prints every failed reconnect to the console.
    this.client.on("error", (err: unknown) => {
      this.lastError = err;
      this.markDown(err);
    });
    this.client.on("close", () => this.markDown(new Error("connection closed")));
    this.client.on("ready", () => this.markUp());
  }

  /** Connects once; an unreachable Redis at start-up is a configuration error, reported by the caller. */
  static async connect(url: string, logger: Logger, options: RedisConnectionOptions = {}): Promise<RedisConnection> {
    const connection = new RedisConnection(url, logger.child({ component: "redis" }), options);
    try {
      await withTimeout(connection.client.connect(), 3000, "connect");
      await withTimeout(connection.client.ping(), 3000, "PING");
    } catch (err) {
      connection.closing = true;
      connection.client.disconnect();
      throw connection.lastError ?? err;
    }
    return connection;
  }

  get available(): boolean {
    return this.client.status === "ready";
  }

  /** Runs `shared` on Redis, or `local` when Redis is down or the command fails. */
  async run<T>(shared: () => Promise<T>, local: () => Promise<T>): Promise<T> {
    if (!this.available) {
      this.markDown(new Error(`connection ${this.client.status}`));
      return local();
    }
    try {
      const result = await shared();
      this.markUp();
      return result;
    } catch (err) {
      this.markDown(err);
      return local();
    }
  }

  markDown(err: unknown): void {
    if (this.degraded || this.closing) return;
    this.degraded = true;
    this.logger.warn(
      { backend: "redis", err: errorText(err) },
      "Redis unreachable: de-dup, thread memory, shares and rate limits use this replica's memory until it is back",
    );
  }

  private markUp(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger.info({ backend: "redis" }, "Redis is back: shared state in use again");
  }

  async check(): Promise<BackendHealth> {
    const started = Date.now();
    try {
      await withTimeout(this.client.ping(), 1000, "PING");
      return { backend: "redis", ok: true, ms: Date.now() - started };
    } catch (err) {
      return { backend: "redis", ok: false, ms: Date.now() - started, error: errorText(err), fallback: "per-replica memory" };
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    try {
      await withTimeout(this.client.quit(), 1000, "QUIT");
    } catch {
      this.client.disconnect();
    }
  }
}
