/**
 * PostgreSQL against a throw-away cluster (initdb + pg_ctl on a free loopback port, stopped by
 * PID): the feedback contract, the schema (created, idempotent, safe when replicas start
 * together), and a vote while the database is down (retried with a bound, never silently lost).
 */
import { type PostgresServer, freePort, startPostgres } from "../../scripts/services";
import { silentLogger } from "../../src/log";
import { PgFeedbackStore } from "../../src/slack/stores/pg";
import { PgDatabase } from "../../src/slack/stores/pgDatabase";
import { memoryLogger } from "../helpers/slackHarness";
import { feedbackContract, fresh } from "./contract";

let pg: PostgresServer;
const opened: PgDatabase[] = [];
const open = async (): Promise<PgDatabase> => {
  const db = await PgDatabase.open(pg.url, silentLogger);
  opened.push(db);
  return db;
};

beforeAll(async () => {
  pg = await startPostgres();
});
afterAll(async () => {
  for (const db of opened) await db.close();
  await pg?.close();
});

describe("postgres feedback", () => feedbackContract(async () => new PgFeedbackStore(await open(), silentLogger)));

test("the schema: created once even when three replicas start together, with the columns the issue names", async () => {
  const dbs = await Promise.all([open(), open(), open()]);
  const [db] = dbs;
  const versions = await db.query<{ version: number }>("SELECT version FROM article_bot_migrations ORDER BY version");
  expect(versions.map((v) => v.version)).toEqual([1]);
  const columns = await db.query<{ column_name: string }>(
    "SELECT column_name FROM information_schema.columns WHERE table_name = 'feedback' ORDER BY ordinal_position",
  );
  expect(columns.map((c) => c.column_name)).toEqual(
    expect.arrayContaining(["at", "team_id", "channel_id", "message_ts", "user_id", "vote", "question", "mode"]),
  );
  const store = new PgFeedbackStore(db, silentLogger);
  const messageTs = fresh("1730004000");
  const click = { at: "2026-12-01T10:00:00.000Z", vote: "up" as const, user: "U1", team: "T1", channel: "C1", messageTs, kind: "ask", input: "who?", mode: "llm" };
  await store.vote(click);
  await store.vote({ ...click, vote: "down", at: "2026-12-01T10:01:00.000Z" });
  const rows = await db.query("SELECT team_id, channel_id, message_ts, user_id, vote, question, mode, at FROM feedback WHERE message_ts = $1", [messageTs]);
  // A changed vote replaced the row: one row, the new vote and time.
  expect(rows).toEqual([
    { team_id: "T1", channel_id: "C1", message_ts: messageTs, user_id: "U1", vote: "down", question: "who?", mode: "llm", at: new Date("2026-12-01T10:01:00.000Z") },
  ]);
});

test("an unreachable database is an error at open (the caller names DATABASE_URL)", async () => {
  await expect(PgDatabase.open(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, silentLogger)).rejects.toThrow(/ECONNREFUSED/);
});

test("PostgreSQL down: a vote is retried with a bound and then rejected (for the clicker to be told); a restart within the retries keeps it", async () => {
  const db = await open();
  const { logger, lines } = memoryLogger();
  const store = new PgFeedbackStore(db, logger, { attempts: 3, firstDelayMs: 100 });
  const messageTs = fresh("1730005000");
  const click = { at: new Date().toISOString(), vote: "up" as const, user: "U1", team: "T1", channel: "C1", messageTs, kind: "ask" };

  await pg.stop();
  const started = Date.now();
  await expect(store.vote(click)).rejects.toThrow();
  expect(Date.now() - started).toBeLessThan(5000);
  expect(lines.filter((l) => l.msg === "PostgreSQL write failed; retrying")).toHaveLength(2);
  expect((await db.check()).ok).toBe(false);

  // Down at the click, back during the retries: the vote is kept.
  const slow = new PgFeedbackStore(db, logger, { attempts: 6, firstDelayMs: 300 });
  const voting = slow.vote({ ...click, user: "U2" });
  await new Promise((r) => setTimeout(r, 200));
  await pg.start();
  expect(await voting).toEqual({ outcome: "recorded", counts: { up: 1, down: 0 } });
  expect((await db.check()).ok).toBe(true);
});
