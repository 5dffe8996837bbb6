/**
 * Outbound Slack calls of a real `serve` process against a misbehaving Slack on loopback: a post that
 * Slack accepted but answered late or with a 5xx is never repeated, and SIGTERM ends the process after
 * the drain deadline even while a Web API call and a response_url POST hang.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { cliEnv, tempCorpus } from "../helpers/cli";
import { ServeProcess } from "../helpers/serveProcess";
import { mentionEvent } from "../helpers/slackHarness";
import { FORM, TEST_SIGNING_SECRET, fixture, formBody, postSigned } from "../helpers/slackSigning";
import { FAKE_IDS } from "../helpers/slackFakeApi";

type Behaviour = "ok" | "slow" | "500" | "hang";

/** A Slack Web API and response_url endpoint whose chat.postMessage and response_url misbehave on demand. */
class BadSlack {
  readonly posts: number[] = [];
  readonly responses: number[] = [];
  post: Behaviour = "ok";
  response: Behaviour = "ok";
  private server: Server | undefined;
  port = 0;

  async start(): Promise<void> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    req.resume();
    req.on("end", () => {
      const url = req.url ?? "";
      const ok = (body: Record<string, unknown>) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, ...body }));
      };
      if (url.endsWith("/auth.test")) return ok({ user_id: FAKE_IDS.botUserId, bot_id: FAKE_IDS.botId, team_id: "T1", user: "bot" });
      const behave = (how: Behaviour, record: number[]) => {
        record.push(Date.now());
        if (how === "hang") return; // never answers
        if (how === "500") {
          res.writeHead(500);
          res.end("oops");
          return;
        }
        setTimeout(() => ok({ channel: "C1", ts: `${Date.now() / 1000}` }), how === "slow" ? 1500 : 0);
      };
      if (url.endsWith("/chat.postMessage")) return behave(this.post, this.posts);
      if (url.startsWith("/response/")) return behave(this.response, this.responses);
      return ok({});
    });
  }

  async close(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}

const slack = new BadSlack();
const dir = tempCorpus({});
beforeAll(async () => {
  await slack.start();
  const { cpSync } = await import("node:fs");
  cpSync(path.join(__dirname, "../../corpus"), dir.corpus, { recursive: true });
});
afterAll(() => slack.close());

function serve(extra: NodeJS.ProcessEnv = {}): ServeProcess {
  return new ServeProcess(
    cliEnv({
      SLACK_BOT_TOKEN: "xoxb-outbound-test",
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_API_URL: `http://127.0.0.1:${slack.port}/api/`,
      SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
      PORT: "0",
      CORPUS_DIR: dir.corpus,
      INDEX_DIR: dir.index,
      DATA_DIR: path.join(dir.root, ".data"),
      LOG_LEVEL: "info",
      ...extra,
    }),
  );
}

async function ready(server: ServeProcess): Promise<number> {
  const port = await server.port();
  for (;;) {
    if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return port;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

test("a chat.postMessage that Slack may have accepted (answered after the timeout, or with a 500) is posted once, never retried", async () => {
  const server = serve({ SLACK_HTTP_TIMEOUT_MS: "1000" });
  try {
    const port = await ready(server);
    for (const how of ["slow", "500"] as const) {
      slack.post = how;
      slack.posts.length = 0;
      await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(mentionEvent("Who will Noem meet in Colombia?")));
      for (let i = 0; i < 200 && slack.posts.length === 0; i++) await settle(50);
      // The old policy retried after ~0.3 s and ~0.9 s more (after the timeout, for the slow one).
      await settle(how === "slow" ? 4000 : 2500);
      expect({ how, posts: slack.posts.length }).toEqual({ how, posts: 1 });
    }
    expect(server.lines.some((l) => l.msg.includes("not repeated, it may have been received") && l.method === "chat.postMessage")).toBe(true);
  } finally {
    slack.post = "ok";
    server.kill();
    await server.exited;
  }
}, 60000);

test("SIGTERM: the process exits after the drain deadline while a Web API call and a response_url POST hang", async () => {
  const server = serve({ SLACK_HTTP_TIMEOUT_MS: "120000", SLACK_DRAIN_MS: "1000" });
  try {
    const port = await ready(server);
    slack.post = "hang";
    slack.response = "hang";
    slack.posts.length = 0;
    slack.responses.length = 0;
    await postSigned(`http://127.0.0.1:${port}/slack/events`, JSON.stringify(mentionEvent("Who will Noem meet in Colombia?")));
    const command = { ...fixture<Record<string, string>>("slash_command.fields.json"), command: "/article", text: "When does Noem visit El Salvador?", response_url: `http://127.0.0.1:${slack.port}/response/hang` };
    expect((await postSigned(`http://127.0.0.1:${port}/slack/events`, formBody(command), { contentType: FORM })).status).toBe(200);
    for (let i = 0; i < 100 && (slack.posts.length === 0 || slack.responses.length === 0); i++) await settle(50);
    expect(slack.posts.length).toBeGreaterThan(0);
    expect(slack.responses.length).toBeGreaterThan(0);
    const stoppedAt = Date.now();
    server.kill("SIGTERM");
    const exit = await Promise.race([server.exited, settle(8000).then(() => "still running")]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(Date.now() - stoppedAt).toBeLessThan(5000);
    expect(server.lines.map((l) => l.msg)).toContain("stopped");
  } finally {
    slack.post = "ok";
    slack.response = "ok";
    server.kill("SIGKILL");
    await server.exited;
  }
}, 60000);
