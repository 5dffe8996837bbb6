/**
 * `serve` with shared state: a malformed or unreachable REDIS_URL stops start-up with one line
 * naming it (never echoing it: it may hold a password), and /healthz reports whether Redis answers.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { type RedisServer, freePort, startRedis } from "../../scripts/services";
import { ConfigError, loadConfig } from "../../src/config";
import { runServe } from "../../src/app/serve";
import { FakeSlackApi } from "../helpers/slackFakeApi";
import { FakeEngine } from "../helpers/slackFakeEngine";
import { memoryLogger } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET } from "../helpers/slackSigning";

const api = new FakeSlackApi();
let redis: RedisServer;
let dataDir: string;

beforeAll(async () => {
  await api.start();
  redis = await startRedis();
  dataDir = mkdtempSync(path.join(tmpdir(), "article-bot-serve-stores-"));
});
afterAll(async () => {
  await api.close();
  await redis.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const env = (extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv => ({
  SLACK_BOT_TOKEN: "xoxb-serve-test",
  SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
  SLACK_API_URL: api.apiUrl,
  PORT: "0",
  DATA_DIR: dataDir,
  ...extra,
});

test("a malformed REDIS_URL or DATABASE_URL is one line naming the variable, without its value", () => {
  for (const [name, value] of [
    ["REDIS_URL", "localhost:6379"],
    ["REDIS_URL", "http://user:hunter2@cache:6379"],
    ["DATABASE_URL", "postgres//user:hunter2@db/x"],
  ] as const) {
    let problems: string[] = [];
    try {
      loadConfig(env({ [name]: value }), {}, tmpdir());
    } catch (err) {
      problems = (err as ConfigError).problems;
    }
    expect(problems).toEqual([expect.stringMatching(new RegExp(`^${name}: a (Redis|PostgreSQL) URL such as`))]);
    expect(problems[0]).not.toContain("hunter2");
  }
});

test("an unreachable REDIS_URL stops start-up with one line naming it, before the engine is built", async () => {
  const { logger } = memoryLogger();
  let engineBuilt = false;
  const port = await freePort();
  const run = runServe(loadConfig(env({ REDIS_URL: `redis://:hunter2@127.0.0.1:${port}` }), {}, tmpdir()), logger, {
    createEngine: () => {
      engineBuilt = true;
      return Promise.resolve(new FakeEngine());
    },
  });
  await expect(run).rejects.toBeInstanceOf(ConfigError);
  await run.catch((err: ConfigError) => {
    expect(err.problems).toEqual([`REDIS_URL: could not reach Redis at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port})`]);
  });
  expect(engineBuilt).toBe(false);
});

test("an unreachable DATABASE_URL stops start-up with one line naming it", async () => {
  const { logger } = memoryLogger();
  const port = await freePort();
  const run = runServe(loadConfig(env({ DATABASE_URL: `postgres://bot:hunter2@127.0.0.1:${port}/bot` }), {}, tmpdir()), logger, {
    createEngine: () => Promise.resolve(new FakeEngine()),
  });
  await expect(run).rejects.toMatchObject({
    problems: [`DATABASE_URL: could not reach PostgreSQL at 127.0.0.1:${port} (connect ECONNREFUSED 127.0.0.1:${port})`],
  });
});

test("/healthz reports Redis and whether it answers; a stopped Redis is degraded service, not a dead replica", async () => {
  const { logger } = memoryLogger();
  const stop = new AbortController();
  let port = 0;
  let finished: Promise<void> = Promise.resolve();
  const done = new Promise<void>((resolve, reject) => {
    finished = runServe(loadConfig(env({ REDIS_URL: redis.url }), {}, tmpdir()), logger, {
      createEngine: () => Promise.resolve(new FakeEngine()),
      stopSignal: stop.signal,
      app: { host: "127.0.0.1", clientOptions: { retryConfig: { retries: 0 } } },
      onListening: (info) => {
        if (info.mode === "http") port = info.port;
        resolve();
      },
    });
    finished.catch(reject);
  });
  await done;
  try {
    const up = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { backends: unknown[] };
    expect(up.backends).toEqual([expect.objectContaining({ backend: "redis", ok: true })]);
    await redis.stop();
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    const down = (await res.json()) as { backends: unknown[] };
    expect(down.backends).toEqual([expect.objectContaining({ backend: "redis", ok: false, fallback: "per-replica memory" })]);
  } finally {
    stop.abort();
    await finished;
    await redis.start();
  }
});
