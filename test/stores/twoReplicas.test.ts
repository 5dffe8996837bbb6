/**
 * Two `article-bot serve` processes (real children, HTTP mode, signed requests, the fake Slack Web
 * API, the real engine over a one-article corpus) sharing a real redis-server and PostgreSQL, in
 * multi-workspace mode: what issue 13 measured going wrong with two replicas, each checked here.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type PostgresServer, type RedisServer, startPostgres, startRedis } from "../../scripts/services";
import { silentLogger } from "../../src/log";
import { PgDatabase } from "../../src/slack/stores/pgDatabase";
import { cliEnv, runCli } from "../helpers/cli";
import { FakeSlackApi, type RecordedCall, blocksOf, feedbackButtons } from "../helpers/slackFakeApi";
import { FORM, TEST_SIGNING_SECRET, fixture, interactionBody, postSigned } from "../helpers/slackSigning";
import { Replica } from "./replicas";
import { CLIENT_ID, CLIENT_SECRET, STATE_SECRET, appEvent, installThroughOAuth, teamMention, workspace } from "./workspaces";

jest.setTimeout(120_000);

const api = new FakeSlackApi();
let redis: RedisServer;
let pg: PostgresServer;
let db: PgDatabase;
let root: string;
let a: Replica;
let b: Replica;
const t1 = workspace("T1");
const t2 = workspace("T2");

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "article-bot-replicas-"));
  const corpus = path.join(root, "corpus");
  mkdirSync(corpus);
  copyFileSync(path.join(__dirname, "..", "..", "corpus", "noem-el-salvador-visit.txt"), path.join(corpus, "noem-el-salvador-visit.txt"));
  const shared = { CORPUS_DIR: corpus, INDEX_DIR: path.join(root, ".index") };
  // Servers and the index in parallel: the index build is the slow part.
  const [r, p, ingest] = await Promise.all([startRedis(), startPostgres(), runCli(["ingest"], { env: cliEnv(shared) }), api.start()]);
  redis = r;
  pg = p;
  if (ingest.code !== 0) throw new Error(`ingest failed: ${ingest.stderr}`);
  db = await PgDatabase.open(pg.url, silentLogger);
  const env = {
    ...shared,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_CLIENT_ID: CLIENT_ID,
    SLACK_CLIENT_SECRET: CLIENT_SECRET,
    SLACK_STATE_SECRET: STATE_SECRET,
    SLACK_API_URL: api.apiUrl,
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    SLACK_RATE_LIMIT_PER_MINUTE: "3",
    REDIS_URL: redis.url,
    DATABASE_URL: pg.url,
  };
  [a, b] = await Promise.all([Replica.start("replica-a", env), Replica.start("replica-b", env)]);
  // Workspace 1 starts its install on B and is redirected back to A: the state is signed, not remembered.
  expect(await installThroughOAuth(api, t1, b.url, a.url)).toBe(200);
});

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.close();
  await Promise.all([redis?.close(), pg?.close(), api.close()]);
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

const send = (replica: Replica, body: unknown, retryNum?: number) =>
  postSigned(replica.eventsUrl, JSON.stringify(body), retryNum !== undefined ? { retryNum, retryReason: "http_timeout" } : {});
const repliesIn = (threadTs: string): RecordedCall[] => api.callsOf("chat.postMessage").filter((c) => c.args.thread_ts === threadTs);
const settle = (ms = 600): Promise<void> => new Promise((r) => setTimeout(r, ms));
const mention = (text: string, options: Parameters<typeof teamMention>[1] = {}) => teamMention(text, { team: "T1", botUserId: t1.botUserId, ...options });
const tsOf = (event: ReturnType<typeof teamMention>): string => event.event.ts as string;

test("a retry delivered to the other replica (even at the same moment) is answered once", async () => {
  const event = mention("who is visiting El Salvador?");
  const [first, retry] = await Promise.all([send(a, event), send(b, event, 1)]);
  expect([first.status, retry.status]).toEqual([200, 200]);
  await api.waitFor(() => repliesIn(tsOf(event)).length === 1);
  await settle();
  expect(repliesIn(tsOf(event))).toHaveLength(1);
  expect(repliesIn(tsOf(event))[0]?.headers.authorization).toBe(`Bearer ${t1.botToken}`);
  expect([...a.logged("duplicate delivery dropped"), ...b.logged("duplicate delivery dropped")]).toHaveLength(1);
});

test("the per-user rate limit is shared: 3 a minute in all, not 3 per replica", async () => {
  const events = Array.from({ length: 5 }, (_, i) => mention(`who is visiting? (${i})`, { user: "U0RATE" }));
  for (const [i, event] of events.entries()) await send(i % 2 === 0 ? a : b, event);
  await api.waitFor(() => events.filter((e) => repliesIn(tsOf(e)).length > 0).length === 3);
  await api.waitFor(() => api.callsOf("chat.postEphemeral").some((c) => c.args.user === "U0RATE"));
  await settle();
  expect(events.filter((e) => repliesIn(tsOf(e)).length > 0)).toHaveLength(3);
  // One polite notice for the streak, whichever replica refused first.
  expect(api.callsOf("chat.postEphemeral").filter((c) => c.args.user === "U0RATE")).toHaveLength(1);
});

test("a follow-up that lands on the other replica has the thread's earlier question", async () => {
  const question = mention("who is visiting El Salvador?", { user: "U0THREAD" });
  await send(a, question);
  await api.waitFor(() => repliesIn(tsOf(question)).length === 1);
  const followUp = mention("and when?", { user: "U0THREAD", threadTs: tsOf(question) });
  await send(b, followUp);
  await api.waitFor(() => repliesIn(tsOf(question)).length === 2);
  const answered = await api.waitFor(() => b.logged("answered", { user: "U0THREAD" })[0]);
  expect(answered.history).toBe(1);
});

test("votes clicked on either replica land in one feedback table, with the store's counts", async () => {
  const question = mention("who is visiting El Salvador?", { user: "U0VOTE1" });
  await send(a, question);
  const [answer] = await api.waitFor(() => (repliesIn(tsOf(question)).length === 1 ? repliesIn(tsOf(question)) : undefined));
  const message = { type: "message", ts: `1730200000.${tsOf(question).slice(-6)}`, text: answer!.args.text, blocks: blocksOf(answer!), bot_id: t1.botId };
  const click = (vote: "up" | "down", user: string) => {
    // Slack's native feedback buttons: the clicked button's value (which says the vote) comes back as the action's.
    const buttons = feedbackButtons(answer!);
    const value = vote === "up" ? buttons?.up : buttons?.down;
    const base = fixture<Record<string, unknown>>("block_actions.payload.json");
    return {
      ...base,
      team: { id: "T1", domain: "t1" },
      user: { id: user, username: user, name: user, team_id: "T1" },
      container: { type: "message", message_ts: message.ts, channel_id: "C0GENERAL", is_ephemeral: false },
      channel: { id: "C0GENERAL", name: "general" },
      message,
      response_url: api.responseUrl(`vote-${user}`),
      actions: [{ action_id: "feedback", block_id: "feedback:0:0", text: { type: "plain_text", text: "x" }, value, type: "feedback_buttons", action_ts: "1730200001.1" }],
    };
  };
  const before = api.callsOf("chat.update").length;
  await postSigned(a.eventsUrl, interactionBody(click("up", "U0VOTE1")), { contentType: FORM });
  await api.waitFor(() => api.callsOf("chat.update").length === before + 1);
  await postSigned(b.eventsUrl, interactionBody(click("down", "U0VOTE2")), { contentType: FORM });
  await postSigned(b.eventsUrl, interactionBody(click("up", "U0VOTE1")), { contentType: FORM }); // the same vote again, elsewhere
  const updates = await api.waitForCalls("chat.update", before + 2);
  await settle();
  expect(api.callsOf("chat.update")).toHaveLength(before + 2);
  expect(JSON.stringify(updates.at(-1)?.args)).toContain(":thumbsup: 1 · :thumbsdown: 1");
  const rows = await db.query<{ team_id: string; user_id: string; vote: string; question: string }>(
    "SELECT team_id, user_id, vote, question FROM feedback WHERE message_ts = $1 ORDER BY user_id",
    [message.ts],
  );
  expect(rows).toEqual([
    { team_id: "T1", user_id: "U0VOTE1", vote: "up", question: "who is visiting El Salvador?" },
    { team_id: "T1", user_id: "U0VOTE2", vote: "down", question: "who is visiting El Salvador?" },
  ]);
});

test("a second workspace installed on one replica is answered by the other with its own token, and is silent after app_uninstalled", async () => {
  expect(await installThroughOAuth(api, t2, a.url)).toBe(200);
  const hello = teamMention("who is visiting El Salvador?", { team: "T2", botUserId: t2.botUserId });
  await send(b, hello);
  const [reply] = await api.waitFor(() => (repliesIn(tsOf(hello)).length === 1 ? repliesIn(tsOf(hello)) : undefined));
  expect(reply?.headers.authorization).toBe(`Bearer ${t2.botToken}`);

  await send(b, appEvent("T2", { type: "app_uninstalled" }));
  await api.waitFor(() => b.logged("installation removed").length === 1);
  const after = teamMention("who is visiting El Salvador?", { team: "T2", botUserId: t2.botUserId });
  await send(a, after);
  await api.waitFor(() => a.logs.some((l) => String(l.msg).includes("Authorization of incoming event did not succeed")));
  await settle();
  expect(repliesIn(tsOf(after))).toEqual([]);
  // Workspace 1 is unaffected.
  const still = mention("who is visiting El Salvador?");
  await send(a, still);
  await api.waitFor(() => repliesIn(tsOf(still)).length === 1);
});

test("Redis stopped mid-run: answers go on, de-dup falls back to each replica with one warning each, and Redis is used again once back", async () => {
  await redis.stop();
  const during = mention("who is visiting El Salvador?", { user: "U0OUTAGE" });
  await send(a, during);
  await api.waitFor(() => repliesIn(tsOf(during)).length === 1);
  // De-dup is per replica meanwhile: the replica that handled the event still drops its retry.
  await send(a, during, 1);
  const again = mention("who is visiting El Salvador?", { user: "U0OUTAGE2" });
  await send(b, again);
  await api.waitFor(() => repliesIn(tsOf(again)).length === 1);
  await settle();
  expect(repliesIn(tsOf(during))).toHaveLength(1);
  const health = await a.health();
  expect(health.status).toBe(200);
  expect(health.body.backends).toEqual(
    expect.arrayContaining([expect.objectContaining({ backend: "redis", ok: false }), expect.objectContaining({ backend: "postgres", ok: true })]),
  );
  const warned = (r: Replica) => r.logs.filter((l) => l.level === 40 && String(l.msg).startsWith("Redis unreachable"));
  expect(warned(a)).toHaveLength(1);
  expect(warned(b)).toHaveLength(1);

  await redis.start();
  await api.waitFor(() => a.logged("Redis is back: shared state in use again").length === 1 && b.logged("Redis is back: shared state in use again").length === 1, 15_000);
  const back = mention("who is visiting El Salvador?", { user: "U0BACK" });
  await Promise.all([send(a, back), send(b, back, 1)]);
  await api.waitFor(() => repliesIn(tsOf(back)).length === 1);
  await settle();
  expect(repliesIn(tsOf(back))).toHaveLength(1);
  expect(warned(a)).toHaveLength(1);
});
