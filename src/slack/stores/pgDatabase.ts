/**
 * The PostgreSQL connection pool shared by the PostgreSQL stores, and the schema: created and
 * migrated at start-up, under an advisory lock so that replicas starting together do not race.
 * Each migration runs once, in its own transaction, and is recorded in `article_bot_migrations`.
 */
import { Pool, type PoolClient, type QueryResultRow } from "pg";
import type { Logger } from "../../log";
import { type Backend, type BackendHealth, errorText, withTimeout } from "./backend";

/** Append only: a deployed migration is never edited, a change is a new entry. */
export const MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS feedback (
     id          bigserial PRIMARY KEY,
     at          timestamptz NOT NULL DEFAULT now(),
     team_id     text NOT NULL DEFAULT '',
     channel_id  text NOT NULL DEFAULT '',
     message_ts  text NOT NULL DEFAULT '',
     user_id     text NOT NULL,
     vote        text NOT NULL CHECK (vote IN ('up', 'down')),
     question    text,
     mode        text,
     kind        text NOT NULL DEFAULT 'unknown',
     model       text,
     -- One vote per person per message (a message ts is unique per channel, channels per team).
     UNIQUE (team_id, channel_id, message_ts, user_id)
   );
   CREATE TABLE IF NOT EXISTS slack_installations (
     -- The enterprise id for an org-wide install, else the team id: what Bolt looks up by.
     install_key            text PRIMARY KEY,
     team_id                text,
     enterprise_id          text,
     is_enterprise_install  boolean NOT NULL DEFAULT false,
     bot_user_id            text,
     installation           jsonb NOT NULL,
     installed_at           timestamptz NOT NULL DEFAULT now(),
     updated_at             timestamptz NOT NULL DEFAULT now()
   );
   CREATE INDEX IF NOT EXISTS slack_installations_team ON slack_installations (team_id);`,
];

/** An arbitrary constant: the advisory lock key that serialises migrations across replicas. */
const MIGRATION_LOCK = 7_713_001;

export class PgDatabase implements Backend {
  readonly name = "postgres";

  private constructor(
    readonly pool: Pool,
    private readonly logger: Logger,
  ) {}

  /** Connects, checks with `SELECT 1`, and migrates; rejects when any of that fails. */
  static async open(url: string, logger: Logger): Promise<PgDatabase> {
    const pool = new Pool({
      connectionString: url,
      max: 5,
      connectionTimeoutMillis: 3000,
      idleTimeoutMillis: 30_000,
      // A query that hangs must not hold a click forever; the store retries with a bound.
      query_timeout: 5000,
      application_name: "article-bot",
    });
    const log = logger.child({ component: "postgres" });
    // An idle client's error (server restart) is emitted on the pool: unhandled, it would crash the process.
    pool.on("error", (err) => log.warn({ backend: "postgres", err: errorText(err) }, "PostgreSQL connection lost; it will reconnect"));
    const db = new PgDatabase(pool, log);
    try {
      await db.migrate();
    } catch (err) {
      await pool.end().catch(() => undefined);
      throw err;
    }
    return db;
  }

  query<R extends QueryResultRow>(text: string, values: unknown[] = []): Promise<R[]> {
    return this.pool.query<R>(text, values).then((r) => r.rows);
  }

  private async migrate(): Promise<void> {
    const client: PoolClient = await this.pool.connect();
    try {
      await client.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK]);
      await client.query(
        "CREATE TABLE IF NOT EXISTS article_bot_migrations (version integer PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
      );
      const done = new Set((await client.query<{ version: number }>("SELECT version FROM article_bot_migrations")).rows.map((r) => r.version));
      for (const [i, sql] of MIGRATIONS.entries()) {
        const version = i + 1;
        if (done.has(version)) continue;
        await client.query("BEGIN");
        try {
          await client.query(sql);
          await client.query("INSERT INTO article_bot_migrations (version) VALUES ($1)", [version]);
          await client.query("COMMIT");
        } catch (err) {
          await client.query("ROLLBACK").catch(() => undefined);
          throw err;
        }
        this.logger.info({ backend: "postgres", version }, "schema migrated");
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => undefined);
      client.release();
    }
  }

  async check(): Promise<BackendHealth> {
    const started = Date.now();
    try {
      await withTimeout(this.pool.query("SELECT 1"), 2000, "SELECT 1");
      return { backend: "postgres", ok: true, ms: Date.now() - started };
    } catch (err) {
      return { backend: "postgres", ok: false, ms: Date.now() - started, error: errorText(err), fallback: "votes retried, then the clicker is told" };
    }
  }

  async close(): Promise<void> {
    await withTimeout(this.pool.end(), 3000, "pool end").catch(() => undefined);
  }
}
