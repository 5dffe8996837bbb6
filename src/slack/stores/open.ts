/**
 * Opens the stores the configuration asks for: Redis for what must be shared quickly (de-dup,
 * threads, shares, rate limit) when REDIS_URL is set, PostgreSQL for what must last (feedback,
 * installations) when DATABASE_URL is set, and in this process otherwise. A backend that cannot
 * be reached at start-up stops start-up (a person is watching then); later outages degrade.
 */
import path from "node:path";
import { FileInstallationStore, type InstallationStore } from "@slack/bolt";
import type { StateConfig } from "../../config";
import type { Logger } from "../../log";
import { type Backend, errorText } from "./backend";
import { type SlackStores, memoryStores } from "./index";
import { RedisDedupeStore, RedisRateLimiter, RedisShareStore, RedisThreadMemory } from "./redis";
import { RedisConnection } from "./redisConnection";
import { PgInstallationStore } from "./installations";
import { PgFeedbackStore } from "./pg";
import { PgDatabase } from "./pgDatabase";

export interface OpenStoresOptions {
  state: StateConfig;
  dataDir: string;
  rateLimitPerMinute: number;
  /** OAuth mode: an installation store is needed (PostgreSQL, else files in DATA_DIR for one replica). */
  multiWorkspace?: boolean;
  logger: Logger;
}

export interface OpenedStores {
  stores: SlackStores;
  /** Shared backends in use, for /healthz. */
  backends: Backend[];
  /** The PostgreSQL database when DATABASE_URL is set (the OAuth installation store lives there too). */
  database?: PgDatabase;
  /** Where workspaces' installations are kept (multi-workspace mode only). */
  installations?: InstallationStore;
  close(): Promise<void>;
}

/** A backend unreachable at start-up: one line naming the variable (never its value: it may hold a password). */
export class StoreStartError extends Error {
  constructor(
    readonly variable: "REDIS_URL" | "DATABASE_URL",
    what: string,
    url: string,
    cause: unknown,
  ) {
    super(`${variable}: could not reach ${what} at ${safeHost(url)} (${errorText(cause)})`, { cause });
    this.name = "StoreStartError";
  }
}

function safeHost(url: string): string {
  try {
    return new URL(url).host || "(no host)";
  } catch {
    return "(unreadable URL)";
  }
}

export async function openStores(options: OpenStoresOptions): Promise<OpenedStores> {
  const { state, logger } = options;
  const stores = memoryStores({ dataDir: options.dataDir, rateLimitPerMinute: options.rateLimitPerMinute });
  const backends: Backend[] = [];
  let database: PgDatabase | undefined;
  const close = async (): Promise<void> => {
    for (const backend of backends.reverse()) await backend.close().catch(() => undefined);
  };
  try {
    if (state.redisUrl !== undefined) {
      let redis: RedisConnection;
      try {
        redis = await RedisConnection.connect(state.redisUrl, logger);
      } catch (err) {
        throw new StoreStartError("REDIS_URL", "Redis", state.redisUrl, err);
      }
      backends.push(redis);
      stores.dedupe = new RedisDedupeStore(redis);
      stores.threads = new RedisThreadMemory(redis);
      stores.shares = new RedisShareStore(redis);
      stores.limiter = new RedisRateLimiter(redis, { limit: options.rateLimitPerMinute });
    }
    if (state.databaseUrl !== undefined) {
      let db: PgDatabase;
      try {
        db = await PgDatabase.open(state.databaseUrl, logger);
      } catch (err) {
        throw new StoreStartError("DATABASE_URL", "PostgreSQL", state.databaseUrl, err);
      }
      backends.push(db);
      database = db;
      stores.feedback = new PgFeedbackStore(db, logger.child({ component: "feedback" }));
    }
  } catch (err) {
    await close();
    throw err;
  }
  let installations: InstallationStore | undefined;
  if (options.multiWorkspace === true) {
    if (database !== undefined) {
      installations = new PgInstallationStore(database, logger.child({ component: "installations" }));
    } else {
      const baseDir = path.join(options.dataDir, "installations");
      installations = new FileInstallationStore({ baseDir, clientId: "article-bot" });
      logger.warn({ component: "stores", baseDir }, "installations kept in files: fine for one replica; set DATABASE_URL for several");
    }
  }
  logger.info(
    {
      component: "stores",
      shared: state.redisUrl !== undefined ? "redis" : "memory",
      feedback: database !== undefined ? "postgres" : "feedback.jsonl",
      ...(installations !== undefined ? { installations: database !== undefined ? "postgres" : "files" } : {}),
    },
    "state stores ready",
  );
  return { stores, backends, ...(database !== undefined ? { database } : {}), ...(installations !== undefined ? { installations } : {}), close };
}
