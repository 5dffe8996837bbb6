/**
 * Multi-workspace mode in one process (the two-replica version is in twoReplicas.test.ts): the
 * OAuth install flow through the real Bolt receiver, against the fake Web API (so oauth.v2.access
 * honours SLACK_API_URL), installations in a real PostgreSQL, each workspace answered with its own
 * token, and app_uninstalled / tokens_revoked silencing a workspace.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { type PostgresServer, startPostgres } from "../../scripts/services";
import { validateSlackConfig } from "../../src/app/serve";
import type { SlackConfig } from "../../src/config";
import { silentLogger } from "../../src/log";
import { type SlackAppHandle, createSlackApp } from "../../src/slack/app";
import { BOT_SCOPES } from "../../src/slack/oauth";
import { memoryStores } from "../../src/slack/stores";
import { PgInstallationStore, installKey } from "../../src/slack/stores/installations";
import { PgDatabase } from "../../src/slack/stores/pgDatabase";
import { FakeSlackApi } from "../helpers/slackFakeApi";
import { FakeEngine } from "../helpers/slackFakeEngine";
import { memoryLogger } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, postSigned } from "../helpers/slackSigning";
import { CLIENT_ID, CLIENT_SECRET, STATE_SECRET, appEvent, installThroughOAuth, teamMention, workspace } from "./workspaces";

const api = new FakeSlackApi();
let pg: PostgresServer;
let db: PgDatabase;
let handle: SlackAppHandle;
let baseUrl = "";
const { logger, lines } = memoryLogger();

const config = (): SlackConfig => ({
  signingSecret: TEST_SIGNING_SECRET,
  apiUrl: api.apiUrl,
  command: "/article",
  rateLimitPerMinute: 100,
  port: 0,
  clientId: CLIENT_ID,
  clientSecret: CLIENT_SECRET,
  stateSecret: STATE_SECRET,
});

beforeAll(async () => {
  await api.start();
  pg = await startPostgres();
  db = await PgDatabase.open(pg.url, silentLogger);
  handle = createSlackApp({
    engine: new FakeEngine(),
    config: config(),
    logger,
    stores: memoryStores({ dataDir: "/nonexistent-not-used", rateLimitPerMinute: 100 }),
    installationStore: new PgInstallationStore(db, silentLogger),
    host: "127.0.0.1",
    clientOptions: { retryConfig: { retries: 0 } },
    drainTimeoutMs: 2000,
  });
  const info = await handle.start();
  if (info.mode !== "http") throw new Error("expected HTTP mode");
  baseUrl = `http://127.0.0.1:${info.port}`;
});
afterAll(async () => {
  await handle?.stop();
  await db?.close();
  await pg?.close();
  await api.close();
});

const mentionFrom = (team: string, text: string) => postSigned(`${baseUrl}/slack/events`, JSON.stringify(teamMention(text, { team, botUserId: `U${team}BOT` })));
const postsWith = (token: string) => api.callsOf("chat.postMessage").filter((c) => c.headers.authorization === `Bearer ${token}`);
const settle = (ms = 300): Promise<void> => new Promise((r) => setTimeout(r, ms));

test("a workspace installs through /slack/install and /slack/oauth_redirect, and is answered with its own token", async () => {
  const t2 = workspace("T2");
  expect(await installThroughOAuth(api, t2, baseUrl)).toBe(200);
  expect(api.callsOf("oauth.v2.access")).toHaveLength(1);
  expect(api.callsOf("oauth.v2.access")[0]?.args).toEqual(expect.objectContaining({ code: t2.code, client_id: CLIENT_ID }));
  const [row] = await db.query<{ team_id: string; bot_user_id: string }>("SELECT team_id, bot_user_id FROM slack_installations WHERE install_key = $1", [
    installKey({ teamId: "T2" }),
  ]);
  expect(row).toEqual({ team_id: "T2", bot_user_id: "UT2BOT" });

  expect((await mentionFrom("T2", "who is visiting El Salvador?")).status).toBe(200);
  const [post] = await api.waitFor(() => (postsWith(t2.botToken).length > 0 ? postsWith(t2.botToken) : undefined));
  expect(post?.args.channel).toBe("C0GENERAL");
});

test("a workspace that never installed gets nothing; a forged or missing state is refused", async () => {
  const before = api.callsOf("chat.postMessage").length;
  await mentionFrom("T9", "who is visiting?");
  await settle();
  expect(api.callsOf("chat.postMessage")).toHaveLength(before);
  const forged = await fetch(`${baseUrl}/slack/oauth_redirect?code=code-T2&state=forged`, { redirect: "manual" });
  expect(forged.status).toBeGreaterThanOrEqual(400);
});

test("app_uninstalled and tokens_revoked delete the installation; the workspace is silent afterwards", async () => {
  const t3 = workspace("T3");
  const t4 = workspace("T4");
  expect(await installThroughOAuth(api, t3, baseUrl)).toBe(200);
  expect(await installThroughOAuth(api, t4, baseUrl)).toBe(200);
  await postSigned(`${baseUrl}/slack/events`, JSON.stringify(appEvent("T3", { type: "app_uninstalled" })));
  await postSigned(`${baseUrl}/slack/events`, JSON.stringify(appEvent("T4", { type: "tokens_revoked", tokens: { bot: ["UT4BOT"] } })));
  await api.waitFor(() => lines.filter((l) => l.msg === "installation removed").length >= 2);
  expect(await db.query("SELECT team_id FROM slack_installations WHERE team_id IN ('T3', 'T4')")).toEqual([]);
  await mentionFrom("T3", "who is visiting?");
  await mentionFrom("T4", "who is visiting?");
  await settle();
  expect(postsWith(t3.botToken)).toEqual([]);
  expect(postsWith(t4.botToken)).toEqual([]);
});

test("PostgreSQL down: a workspace already served keeps its last-seen installation; an unknown one does not", async () => {
  const store = new PgInstallationStore(db, silentLogger);
  const t2 = await store.fetchInstallation({ teamId: "T2", enterpriseId: undefined, isEnterpriseInstall: false });
  expect(t2.bot?.token).toBe(workspace("T2").botToken);
  await pg.stop();
  try {
    expect((await store.fetchInstallation({ teamId: "T2", enterpriseId: undefined, isEnterpriseInstall: false })).bot?.token).toBe(t2.bot?.token);
    await expect(store.fetchInstallation({ teamId: "T7", enterpriseId: undefined, isEnterpriseInstall: false })).rejects.toThrow();
  } finally {
    await pg.start();
  }
});

test("start-up lines for multi-workspace settings name each variable", () => {
  const base = { command: "/article", rateLimitPerMinute: 10, port: 3000, signingSecret: TEST_SIGNING_SECRET };
  expect(validateSlackConfig({ ...base, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET })).toEqual([]);
  expect(validateSlackConfig({ ...base, clientId: CLIENT_ID })).toEqual([
    expect.stringMatching(/^SLACK_CLIENT_SECRET: missing/),
    expect.stringMatching(/^SLACK_STATE_SECRET: missing/),
  ]);
  expect(validateSlackConfig({ ...base, botToken: "xoxb-1", clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: STATE_SECRET })).toEqual([
    expect.stringMatching(/^SLACK_BOT_TOKEN: set together with SLACK_CLIENT_ID/),
  ]);
  expect(validateSlackConfig({ ...base, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, stateSecret: "short", appToken: "xapp-1" })).toEqual([
    expect.stringMatching(/^SLACK_STATE_SECRET: too short/),
    expect.stringMatching(/^SLACK_APP_TOKEN: multi-workspace install runs in HTTP mode/),
  ]);
});

test("the install asks for exactly the manifest's bot scopes", () => {
  const manifest = readFileSync(path.join(__dirname, "..", "..", "manifest.yml"), "utf8");
  const section = /bot:\n((?:\s+- [^\n]+\n)+)/.exec(manifest)?.[1] ?? "";
  const scopes = section.split("\n").map((l) => l.replace(/#.*/, "").replace(/^\s*- /, "").trim()).filter((l) => l !== "");
  expect([...BOT_SCOPES].sort()).toEqual(scopes.sort());
});
