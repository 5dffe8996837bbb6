/**
 * Slack path: the real `node bin/article-bot.js serve` (HTTP mode, memory stores) in its own process,
 * a fake Slack Web API here, everything on 127.0.0.1. Each request is signed as Slack signs it
 * (HMAC-SHA256 of `v0:<timestamp>:<body>` with the signing secret) and sent on a new connection; we
 * time the HTTP ack (response complete) and the arrival of the answer at the fake: `chat.postMessage`
 * (or a "busy" `chat.postEphemeral`) for an app_mention, the `response_url` post for the slash command.
 *
 * Bursts of 1, 20, 50 and 150 simultaneous mentions run against three servers in turn: today's design
 * (serve's default: query embeddings on one worker thread, and listeners that start one per event-loop
 * turn once arrivals have paused, so that requests still arriving are accepted and acked before answer
 * work runs: src/slack/turns.ts); today's code with EMBED_WORKERS=0 (embeddings on the event loop's
 * thread again, the turns kept); and the design before issue 14 itself
 * (the commit named in lib/before.ts, compiled in this run; it also lacks Slack features added since,
 * which cost the newer servers some event-loop time). Bodies and signatures are made before a burst
 * starts, and a burst is sent by a process of its own (lib/burstSender.ts), so neither the client's
 * own work nor the fake Web API's can delay the sends.
 */
import { type ChildProcess, fork, spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { closeSync, mkdirSync, openSync, readFileSync } from "node:fs";
import { request } from "node:http";
import path from "node:path";
import { REPO_ROOT, killChild } from "../lib/child";
import { type BurstMessage, type BurstReply, type Connections, type SendResult, type SignedRequest, sendSigned } from "../lib/burstSender";
import { type Arrival, FakeSlack } from "../lib/fakeSlack";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions } from "../lib/setup";
import { type Distribution, distribution, now, roundDistribution, sleep } from "../lib/stats";

export interface SlackInput {
  indexDir: string;
  /** The old design's checkout (compiled), if it could be built. */
  before?: { dir: string; commit: string };
  dataDir: string;
  mentions: number;
  commands: number;
  warmup: number;
  /** Simultaneous mentions, and how many times each burst is sent. */
  bursts: Array<{ size: number; rounds: number }>;
  answerTimeoutMs: number;
}

export interface SlackRow {
  what: string;
  n: number;
  ack: Distribution;
  /** Signed request sent → the answer arrives at the fake Web API. */
  answer: Distribution;
}

export type Design = "now" | "inThread" | "before";

export type { Connections };

export interface BurstRow {
  design: Design;
  /** How the burst reached serve (lib/burstSender.ts); results from before this field were "fresh". */
  connections?: Connections;
  workers: number;
  size: number;
  rounds: number;
  n: number;
  ack: Distribution;
  answer: Distribution;
  acksOver1s: number;
  acksOver3s: number;
  /** Answered "busy, try again" (a full embedding queue). */
  busy: number;
  failures: number;
}

export interface ServeMemory {
  design: Design;
  /** Each way of connecting has a serve process of its own (absent in results from before that). */
  connections?: Connections;
  rssMB: number;
  peakMB: number;
}

export interface SlackResult {
  /** The old design's commit, when its serve was measured too. */
  beforeCommit?: string;
  rows: SlackRow[];
  bursts: BurstRow[];
  memory: ServeMemory[];
  failures: number;
  webApiCalls: Record<string, number>;
}

const SECRET = randomBytes(16).toString("hex");

function sign(timestamp: number, body: string): string {
  return `v0=${createHmac("sha256", SECRET).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

function signed(body: string, contentType: string): SignedRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  return {
    body,
    headers: {
      "content-type": contentType,
      "content-length": Buffer.byteLength(body),
      "user-agent": "Slackbot 1.0 (+https://api.slack.com/robots)",
      "x-slack-request-timestamp": String(timestamp),
      "x-slack-signature": sign(timestamp, body),
    },
  };
}

/** POSTs a signed body on a new connection; `sentAt` on this process's performance.now() timeline. */
async function post(port: number, req: SignedRequest): Promise<{ status: number; sentAt: number; ackMs: number }> {
  const sent = await sendSigned(port, req);
  if (!sent.ok) throw new Error(sent.error);
  return { status: sent.status, sentAt: sent.sentAtEpoch - performance.timeOrigin, ackMs: sent.ackMs };
}

/** The answer to a mention: posted in its thread, or the "busy" notice. */
const answerTo = (ts: string) => (a: Arrival) => (a.method === "chat.postMessage" || a.method === "chat.postEphemeral") && a.args.thread_ts === ts;

let sequence = 0;

function mentionRequest(question: string): { req: SignedRequest; ts: string } {
  const n = ++sequence;
  const ts = `${1730000000 + n}.${String(n % 1_000_000).padStart(6, "0")}`;
  const event = {
    token: "verification-token-deprecated",
    team_id: "T0TEAM",
    api_app_id: "A0APP",
    event: { type: "app_mention", user: `U0HUMAN${n % 7}`, text: `<@U0BOTUSER> ${question}`, ts, channel: "C0GENERAL", event_ts: ts, team: "T0TEAM" },
    type: "event_callback",
    event_id: `Ev0BENCH${n}${randomBytes(3).toString("hex")}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: "T0TEAM", user_id: "U0BOTUSER", is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
  return { req: signed(JSON.stringify(event), "application/json"), ts };
}

interface Outcome {
  ackMs: number;
  answerMs: number;
  busy: boolean;
}

async function sendMention(fake: FakeSlack, port: number, m: { req: SignedRequest; ts: string }, timeoutMs: number): Promise<Outcome> {
  const answered = fake.waitFor(answerTo(m.ts), timeoutMs);
  const sent = await post(port, m.req);
  if (sent.status !== 200) throw new Error(`mention answered HTTP ${sent.status}`);
  const arrival = await answered;
  return { ackMs: sent.ackMs, answerMs: arrival.at - sent.sentAt, busy: arrival.method === "chat.postEphemeral" };
}

async function command(fake: FakeSlack, port: number, question: string, timeoutMs: number): Promise<Outcome> {
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
  const sent = await post(port, signed(body, "application/x-www-form-urlencoded"));
  if (sent.status !== 200) throw new Error(`command answered HTTP ${sent.status}`);
  const arrival = await answered;
  return { ackMs: sent.ackMs, answerMs: arrival.at - sent.sentAt, busy: false };
}

/** Starts `article-bot serve` and resolves when its log says it listens (port 0: any free port). */
function startServe(input: SlackInput, fake: FakeSlack, workers: number, root: string): Promise<{ child: ChildProcess; port: number }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    LLM_PROVIDER: "none",
    EMBEDDINGS_PROVIDER: "local",
    EMBED_WORKERS: String(workers),
    CORPUS_DIR: ARTICLE_CORPUS,
    INDEX_DIR: input.indexDir,
    DATA_DIR: input.dataDir,
    SLACK_BOT_TOKEN: "xoxb-bench-not-a-token",
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_API_URL: fake.apiUrl,
    SLACK_RATE_LIMIT_PER_MINUTE: "1000000",
    // The fake's response_url is on loopback; serve posts only to the hosts named here.
    SLACK_RESPONSE_URL_HOSTS: "127.0.0.1",
    PORT: "0",
    LOG_LEVEL: "info",
  };
  delete env.SLACK_APP_TOKEN;
  delete env.REDIS_URL;
  delete env.DATABASE_URL;
  // The log goes to a file, as under a service manager: a pipe read by this (busy) process would make
  // serve's synchronous log writes wait for it, which is the benchmark's artefact, not serve's cost.
  const logFile = path.join(input.dataDir, `serve-${path.basename(root)}-${workers}-${Date.now()}.log`);
  mkdirSync(input.dataDir, { recursive: true });
  const fd = openSync(logFile, "w");
  const child = spawn(process.execPath, [path.join(root, "bin/article-bot.js"), "serve"], { cwd: root, env, stdio: ["ignore", "ignore", fd] });
  closeSync(fd);
  return new Promise((resolve, reject) => {
    const started = now();
    const onExit = (code: number | null) => reject(new Error(`serve exited with code ${code}: ${readFileSync(logFile, "utf8").trim().split("\n").slice(-2).join(" / ")}`));
    child.once("exit", onExit);
    // The listening line carries the port (PORT=0: any free port).
    const poll = setInterval(() => {
      const m = /"port":(\d+)[^\n]*listening for Slack over HTTP/.exec(readFileSync(logFile, "utf8"));
      if (m?.[1] !== undefined) {
        clearInterval(poll);
        child.off("exit", onExit);
        resolve({ child, port: Number(m[1]) });
      } else if (now() - started > 120_000) {
        clearInterval(poll);
        child.off("exit", onExit);
        void killChild(child);
        reject(new Error("serve did not start within 120 s"));
      }
    }, 50);
  });
}

/** serve listens before its engine is ready (it answers "busy" meanwhile): wait for /healthz to say 200. */
async function waitHealthy(port: number, timeoutMs: number): Promise<void> {
  const until = now() + timeoutMs;
  for (;;) {
    const status = await new Promise<number>((resolve) => {
      const r = request({ host: "127.0.0.1", port, path: "/healthz", method: "GET", agent: false, timeout: 2000 }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      r.on("timeout", () => r.destroy());
      r.on("error", () => resolve(0));
      r.end();
    });
    if (status === 200) return;
    if (now() > until) throw new Error(`serve's /healthz did not become ready within ${timeoutMs} ms (last status ${status})`);
    await sleep(100);
  }
}

function procStatusMB(pid: number, field: "VmRSS" | "VmHWM"): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith(`${field}:`));
  return Math.round((Number(line?.replace(/[^0-9]/g, "") ?? Number.NaN) / 1024) * 10) / 10;
}

async function stopServe(child: ChildProcess): Promise<void> {
  child.kill("SIGTERM");
  const exited = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), 15_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
  if (!exited) await killChild(child);
}

const d = (xs: number[]) => roundDistribution(distribution(xs));

/** The burst sender (lib/burstSender.ts) in its own process, so that the fake Web API's work here cannot delay a send. */
class BurstSender {
  private child: ChildProcess | undefined;
  private next = 1;
  private pending = new Map<number, (reply: BurstReply) => void>();

  async start(): Promise<void> {
    const child = fork(path.join(__dirname, "../lib/burstSender.ts"), [], { execArgv: process.execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
    this.child = child;
    await new Promise<void>((resolve, reject) => {
      child.once("error", reject);
      child.once("message", () => resolve());
    });
    child.on("message", (reply: BurstReply) => {
      this.pending.get(reply.id)?.(reply);
      this.pending.delete(reply.id);
    });
  }

  send(port: number, requests: SignedRequest[], connections: Connections): Promise<SendResult[]> {
    const id = this.next++;
    return new Promise((resolve) => {
      this.pending.set(id, (reply) => resolve(reply.results));
      this.child?.send({ id, port, requests, connections } satisfies BurstMessage);
    });
  }

  async stop(): Promise<void> {
    if (this.child) await killChild(this.child);
  }
}

async function burst(fake: FakeSlack, sender: BurstSender, port: number, size: number, connections: Connections, questions: string[], timeoutMs: number): Promise<Array<PromiseSettledResult<Outcome>>> {
  const prepared = Array.from({ length: size }, (_, i) => mentionRequest(questions[(sequence + i) % questions.length] ?? ""));
  const answered = prepared.map((m) => fake.waitFor(answerTo(m.ts), timeoutMs));
  const sent = await sender.send(port, prepared.map((m) => m.req), connections);
  return Promise.allSettled(
    sent.map(async (s, i): Promise<Outcome> => {
      if (!s.ok) throw new Error(s.error);
      if (s.status !== 200) throw new Error(`mention answered HTTP ${s.status}`);
      const arrival = await answered[i];
      if (arrival === undefined) throw new Error("no answer awaited");
      // The sender's clock, moved onto this process's performance.now() timeline.
      const sentAt = s.sentAtEpoch - performance.timeOrigin;
      return { ackMs: s.ackMs, answerMs: arrival.at - sentAt, busy: arrival.method === "chat.postEphemeral" };
    }),
  );
}

/**
 * Every burst is sent both ways: new connections in the burst, and connections opened before it; each
 * way against a serve process of its own, so that neither inherits the other's heap, and the RSS after
 * one way's bursts is comparable with results from before there were two.
 */
const CONNECTIONS: Connections[] = ["fresh", "open"];

export async function runSlack(input: SlackInput): Promise<SlackResult> {
  const fake = new FakeSlack();
  await fake.start();
  const sender = new BurstSender();
  await sender.start();
  const questions = evalQuestions();
  const rows: SlackRow[] = [];
  const bursts: BurstRow[] = [];
  const memory: ServeMemory[] = [];
  let failures = 0;
  try {
    const designs: Array<{ design: Design; workers: number; root: string }> = [
      { design: "now", workers: 1, root: REPO_ROOT },
      { design: "inThread", workers: 0, root: REPO_ROOT },
      ...(input.before ? [{ design: "before" as const, workers: 0, root: input.before.dir }] : []),
    ];
    for (const { design, workers, root } of designs) for (const connections of CONNECTIONS) {
      // The old build gets its own index folder (same format, but never share one between two builds).
      const { child, port } = await startServe(design === "before" ? { ...input, indexDir: `${input.indexDir}-before` } : input, fake, workers, root);
      try {
        await waitHealthy(port, 120_000);
        progress(`slack: serve (${design}, EMBED_WORKERS=${workers}, ${connections} connections) ready on 127.0.0.1:${port}`);
        for (let i = 0; i < input.warmup; i++) {
          await sendMention(fake, port, mentionRequest(questions[i % questions.length] ?? ""), input.answerTimeoutMs);
          await command(fake, port, questions[i % questions.length] ?? "", input.answerTimeoutMs);
        }
        if (design === "now" && connections === "fresh") {
          const measure = async (what: string, n: number, fn: (q: string) => Promise<Outcome>) => {
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
            rows.push({ what, n: acks.length, ack: d(acks), answer: d(answers) });
          };
          await measure("app_mention → chat.postMessage (one at a time)", input.mentions, (q) => sendMention(fake, port, mentionRequest(q), input.answerTimeoutMs));
          await measure("/article ask → response_url (one at a time)", input.commands, (q) => command(fake, port, q, input.answerTimeoutMs));
        }
        for (const { size, rounds } of input.bursts) {
          const acks: number[] = [];
          const answers: number[] = [];
          let busy = 0;
          let failed = 0;
          for (let r = 0; r < rounds; r++) {
            for (const res of await burst(fake, sender, port, size, connections, questions, input.answerTimeoutMs)) {
              if (res.status === "rejected") failed++;
              else {
                acks.push(res.value.ackMs);
                if (res.value.busy) busy++;
                else answers.push(res.value.answerMs);
              }
            }
            await sleep(200);
          }
          failures += failed;
          const row: BurstRow = { design, connections, workers, size, rounds, n: acks.length, ack: d(acks), answer: d(answers), acksOver1s: acks.filter((a) => a >= 1000).length, acksOver3s: acks.filter((a) => a >= 3000).length, busy, failures: failed };
          bursts.push(row);
          progress(`slack: ${design} burst ${size} × ${rounds} (${connections} connections): ack p50 ${row.ack.p50} p99 ${row.ack.p99} max ${row.ack.max} ms, answer p50 ${row.answer.p50} ms`);
        }
        if (child.pid !== undefined) memory.push({ design, connections, rssMB: procStatusMB(child.pid, "VmRSS"), peakMB: procStatusMB(child.pid, "VmHWM") });
      } finally {
        await stopServe(child);
      }
    }
  } finally {
    await sender.stop();
    await fake.stop();
  }
  return { ...(input.before ? { beforeCommit: input.before.commit } : {}), rows, bursts, memory, failures, webApiCalls: Object.fromEntries(fake.counts) };
}
