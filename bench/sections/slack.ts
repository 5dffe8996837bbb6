/**
 * Slack path: the real Bolt app (`createSlackApp` from src/slack, HTTP mode) in its own process, a
 * fake Slack Web API here, everything on 127.0.0.1. Each request is signed as Slack signs it
 * (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret) and sent on a new connection; we
 * time the HTTP ack (response complete) and the arrival of the answer at the fake: `chat.postMessage`
 * for an app_mention, the `response_url` post for the slash command.
 */
import { type ChildProcess, fork } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { request } from "node:http";
import path from "node:path";
import { BENCH_DIR, killChild } from "../lib/child";
import { FakeSlack } from "../lib/fakeSlack";
import { progress } from "../lib/log";
import { evalQuestions } from "../lib/setup";
import { type Distribution, distribution, now, roundDistribution } from "../lib/stats";

export interface SlackInput {
  indexDir: string;
  mentions: number;
  commands: number;
  burst: number;
  warmup: number;
  answerTimeoutMs: number;
}

export interface SlackRow {
  what: string;
  n: number;
  ack: Distribution;
  /** Signed request sent → the answer arrives at the fake Web API. */
  answer: Distribution;
}

export interface SlackResult {
  rows: SlackRow[];
  failures: number;
  webApiCalls: Record<string, number>;
}

const SECRET = randomBytes(16).toString("hex");

function sign(timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

/** POSTs a signed body; resolves with the time from sending to the complete response. */
function postSigned(port: number, body: string, contentType: string): Promise<{ status: number; sentAt: number; ackMs: number }> {
  const timestamp = Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": contentType,
    "content-length": Buffer.byteLength(body),
    "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": sign(timestamp, body),
  };
  return new Promise((resolve, reject) => {
    const sentAt = now();
    const req = request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers, agent: false, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, sentAt, ackMs: now() - sentAt }));
    });
    req.on("timeout", () => req.destroy(new Error("request timed out")));
    req.on("error", reject);
    req.end(body);
  });
}

let sequence = 0;

function mentionBody(question: string): { body: string; ts: string } {
  const n = ++sequence;
  const ts = `${1730000000 + n}.${String(n % 1_000_000).padStart(6, "0")}`;
  const event = {
    token: "verification-token-deprecated",
    team_id: "T0TEAM",
    api_app_id: "A0APP",
    event: { type: "app_mention", user: "U0HUMAN1", text: `<@U0BOTUSER> ${question}`, ts, channel: "C0GENERAL", event_ts: ts, team: "T0TEAM" },
    type: "event_callback",
    event_id: `Ev0BENCH${n}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: "T0TEAM", user_id: "U0BOTUSER", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return { body: JSON.stringify(event), ts };
}

async function mention(fake: FakeSlack, port: number, question: string, timeoutMs: number): Promise<{ ackMs: number; answerMs: number }> {
  const { body, ts } = mentionBody(question);
  const answered = fake.waitFor((a) => a.method === "chat.postMessage" && a.args.thread_ts === ts, timeoutMs);
  const sent = await postSigned(port, body, "application/json");
  if (sent.status !== 200) throw new Error(`mention answered HTTP ${sent.status}`);
  const arrival = await answered;
  return { ackMs: sent.ackMs, answerMs: arrival.at - sent.sentAt };
}

async function command(fake: FakeSlack, port: number, question: string, timeoutMs: number): Promise<{ ackMs: number; answerMs: number }> {
  const id = `bench${++sequence}`;
  const body = new URLSearchParams({
    token: "verification-token-deprecated",
    team_id: "T0TEAM",
    team_domain: "fake",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: "U0HUMAN1",
    user_name: "alice",
    command: "/article",
    text: `ask ${question}`,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: fake.responseUrl(id),
    trigger_id: `${sequence}.1.abc`,
  }).toString();
  // The answer, not a "Thinking…" placeholder (shown only when an answer takes over a second).
  const answered = fake.waitFor((a) => a.method === `response_url:${id}` && !(a.args.text ?? "").includes("Thinking"), timeoutMs);
  const sent = await postSigned(port, body, "application/x-www-form-urlencoded");
  if (sent.status !== 200) throw new Error(`command answered HTTP ${sent.status}`);
  const arrival = await answered;
  return { ackMs: sent.ackMs, answerMs: arrival.at - sent.sentAt };
}

function startServer(indexDir: string): Promise<{ child: ChildProcess; port: number }> {
  const child = fork(path.join(BENCH_DIR, "slackServer.ts"), [], {
    execArgv: process.execArgv,
    env: { ...process.env, BENCH_INDEX_DIR: indexDir },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void killChild(child);
      reject(new Error("the Slack app did not start within 120 s"));
    }, 120_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the Slack app exited with code ${code}`));
    });
    child.on("message", (m: { type?: string; port?: number }) => {
      if (m.type === "listening" && typeof m.port === "number") {
        clearTimeout(timer);
        resolve({ child, port: m.port });
      }
    });
  });
}

export async function runSlack(input: SlackInput): Promise<SlackResult> {
  const fake = new FakeSlack();
  await fake.start();
  process.env.SLACK_BOT_TOKEN = "xoxb-bench-not-a-token";
  process.env.SLACK_SIGNING_SECRET = SECRET;
  process.env.SLACK_API_URL = fake.apiUrl;
  process.env.SLACK_RATE_LIMIT_PER_MINUTE = "1000000";
  process.env.PORT = "0";
  delete process.env.SLACK_APP_TOKEN;
  const { child, port } = await startServer(input.indexDir);
  progress(`slack: Bolt app listening on 127.0.0.1:${port}, fake Web API at ${fake.apiUrl}`);
  const questions = evalQuestions();
  const rows: SlackRow[] = [];
  let failures = 0;
  try {
    for (let i = 0; i < input.warmup; i++) {
      await mention(fake, port, questions[i % questions.length] ?? "", input.answerTimeoutMs);
      await command(fake, port, questions[i % questions.length] ?? "", input.answerTimeoutMs);
    }
    const measure = async (what: string, n: number, fn: (q: string) => Promise<{ ackMs: number; answerMs: number }>) => {
      const acks: number[] = [];
      const answers: number[] = [];
      for (let i = 0; i < n; i++) {
        try {
          const r = await fn(questions[i % questions.length] ?? "");
          acks.push(r.ackMs);
          answers.push(r.answerMs);
        } catch (err) {
          failures++;
          progress(`slack: ${what} #${i} failed: ${(err as Error).message}`);
        }
      }
      rows.push({ what, n: acks.length, ack: roundDistribution(distribution(acks)), answer: roundDistribution(distribution(answers)) });
    };
    await measure("app_mention → chat.postMessage (one at a time)", input.mentions, (q) => mention(fake, port, q, input.answerTimeoutMs));
    await measure("/article ask → response_url (one at a time)", input.commands, (q) => command(fake, port, q, input.answerTimeoutMs));
    // A burst: `burst` mentions sent at once, repeated, so the ack is measured while answers are being computed.
    const acks: number[] = [];
    const answers: number[] = [];
    const repeats = Math.max(1, Math.floor(input.mentions / Math.max(1, input.burst) / 2));
    for (let r = 0; r < repeats; r++) {
      const results = await Promise.allSettled(
        Array.from({ length: input.burst }, (_, i) => mention(fake, port, questions[(r * input.burst + i) % questions.length] ?? "", input.answerTimeoutMs)),
      );
      for (const res of results) {
        if (res.status === "fulfilled") {
          acks.push(res.value.ackMs);
          answers.push(res.value.answerMs);
        } else failures++;
      }
    }
    rows.push({ what: `app_mention, bursts of ${input.burst} at once`, n: acks.length, ack: roundDistribution(distribution(acks)), answer: roundDistribution(distribution(answers)) });
  } finally {
    child.send({ type: "stop" });
    const exited = await new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 15_000);
      child.once("exit", () => {
        clearTimeout(timer);
        resolve(true);
      });
    });
    if (!exited) await killChild(child);
    await fake.stop();
  }
  return { rows, failures, webApiCalls: Object.fromEntries(fake.counts) };
}
