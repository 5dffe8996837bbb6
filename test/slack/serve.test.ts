/** `article-bot serve`: start-up validation, the whole lifecycle, and clear start-up failures. */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { ConfigError, loadConfig } from "../../src/config";
import { runServe, validateSlackConfig } from "../../src/app/serve";
import { FakeSlackApi, allText } from "../helpers/slackFakeApi";
import { FakeEngine } from "../helpers/slackFakeEngine";
import { mentionEvent, memoryLogger } from "../helpers/slackHarness";
import { TEST_SIGNING_SECRET, postSigned } from "../helpers/slackSigning";

const base = { command: "/article", rateLimitPerMinute: 10, port: 3000 };

describe("validateSlackConfig", () => {
  test("one line per missing variable, naming it", () => {
    expect(validateSlackConfig(base)).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: missing; .*xoxb-/),
      expect.stringMatching(/^SLACK_SIGNING_SECRET: missing; .*SLACK_APP_TOKEN/),
    ]);
  });

  test("malformed values are named too", () => {
    expect(validateSlackConfig({ ...base, botToken: "xoxp-user", appToken: "xoxb-wrong" })).toEqual([
      expect.stringMatching(/^SLACK_BOT_TOKEN: malformed; .*xoxb-/),
      expect.stringMatching(/^SLACK_APP_TOKEN: malformed; .*xapp-/),
    ]);
    expect(validateSlackConfig({ ...base, botToken: "xoxb-1", signingSecret: "xoxb-pasted-the-token" })).toEqual([
      expect.stringMatching(/^SLACK_SIGNING_SECRET: malformed/),
    ]);
  });

  test("HTTP mode needs the bot token and the signing secret; Socket Mode the bot and app tokens", () => {
    expect(validateSlackConfig({ ...base, botToken: "xoxb-1", signingSecret: TEST_SIGNING_SECRET })).toEqual([]);
    expect(validateSlackConfig({ ...base, botToken: "xoxb-1", appToken: "xapp-1" })).toEqual([]);
  });

  test("runServe refuses to start with the same lines", async () => {
    const config = loadConfig({ SLACK_APP_TOKEN: "" }, {}, tmpdir());
    const { logger } = memoryLogger();
    await expect(runServe(config, logger)).rejects.toThrow(ConfigError);
    await expect(runServe(config, logger)).rejects.toMatchObject({ problems: [expect.stringContaining("SLACK_BOT_TOKEN"), expect.stringContaining("SLACK_SIGNING_SECRET")] });
  });
});

describe("runServe", () => {
  const api = new FakeSlackApi();
  let dataDir: string;

  beforeAll(async () => {
    await api.start();
    dataDir = mkdtempSync(path.join(tmpdir(), "article-bot-serve-"));
  });

  afterAll(async () => {
    await api.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const env = (port = "0"): NodeJS.ProcessEnv => ({
    SLACK_BOT_TOKEN: "xoxb-serve-test",
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: api.apiUrl,
    PORT: port,
    DATA_DIR: dataDir,
  });

  test("validates, checks the token with auth.test, listens, answers, and stops gracefully", async () => {
    const { logger, lines } = memoryLogger();
    const engine = new FakeEngine();
    const stop = new AbortController();
    let port = 0;
    const listening = new Promise<void>((resolve) => {
      void runServe(loadConfig(env(), {}, tmpdir()), logger, {
        createEngine: () => Promise.resolve(engine),
        stopSignal: stop.signal,
        app: { host: "127.0.0.1", clientOptions: { retryConfig: { retries: 0 } } },
        onListening: (info) => {
          if (info.mode === "http") port = info.port;
          resolve();
        },
      }).then(() => lines.push({ level: 30, msg: "runServe resolved" }));
    });
    await listening;
    expect(api.callsOf("auth.test")).toHaveLength(1);
    expect(lines.find((l) => l.msg === "listening for Slack over HTTP")).toEqual(
      expect.objectContaining({ events: `http://127.0.0.1:${port}/slack/events`, health: `http://127.0.0.1:${port}/healthz` }),
    );
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(mentionEvent("who is visiting?")));
    const [post] = await api.waitForCalls("chat.postMessage");
    expect(allText(post!.args)).toContain("Kristi Noem is visiting");
    expect(post?.headers.authorization).toBe("Bearer xoxb-serve-test");

    stop.abort();
    await api.waitFor(() => lines.find((l) => l.msg === "runServe resolved"));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["shutting down: finishing answers in progress", "stopped"]));
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
  });

  test("a token Slack rejects is reported as one clear line", async () => {
    api.failNext("auth.test", { kind: "error", error: "invalid_auth" });
    const { logger } = memoryLogger();
    await expect(
      runServe(loadConfig(env(), {}, tmpdir()), logger, {
        createEngine: () => Promise.resolve(new FakeEngine()),
        app: { host: "127.0.0.1", clientOptions: { retryConfig: { retries: 0 } } },
      }),
    ).rejects.toMatchObject({ problems: [expect.stringMatching(/^SLACK_BOT_TOKEN: Slack rejected the bot token \(invalid_auth\)/)] });
  });

  test("a port already in use is reported as one clear line", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const { logger } = memoryLogger();
      await expect(
        runServe(loadConfig(env(String(port)), {}, tmpdir()), logger, {
          createEngine: () => Promise.resolve(new FakeEngine()),
          app: { host: "127.0.0.1", clientOptions: { retryConfig: { retries: 0 } } },
        }),
      ).rejects.toMatchObject({ problems: [expect.stringMatching(new RegExp(`^PORT: cannot listen on port ${port} .*EADDRINUSE`))] });
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
  });
});
