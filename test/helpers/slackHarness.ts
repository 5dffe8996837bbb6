/**
 * Starts the real Bolt app (HTTP receiver on loopback, port 0) against the fake Web API and the
 * fake engine, and offers signed-request helpers shaped like Slack's payloads.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pino from "pino";
import type { SlackConfig } from "../../src/config";
import type { Logger } from "../../src/log";
import { type SlackStores, memoryStores } from "../../src/slack/stores";
import { type SlackAppHandle, createSlackApp } from "../../src/slack/app";
import { FAKE_IDS, FakeSlackApi } from "./slackFakeApi";
import { FakeEngine } from "./slackFakeEngine";
import { FORM, type SignedPostOptions, type SignedResponse, TEST_SIGNING_SECRET, fixture, formBody, interactionBody, postSigned } from "./slackSigning";

export interface LogLine {
  level: number;
  msg?: string;
  [key: string]: unknown;
}

/** A pino logger that keeps its lines in memory, to assert what is (and is not) logged. */
export function memoryLogger(): { logger: Logger; lines: LogLine[] } {
  const lines: LogLine[] = [];
  const logger = pino({ level: "debug" }, { write: (s: string) => void lines.push(JSON.parse(s) as LogLine) });
  return { logger, lines };
}

export interface HarnessOptions {
  rateLimitPerMinute?: number;
  progressDelayMs?: number;
  /** Let the app learn its ids through auth.test (as in production) instead of passing them. */
  useAuthTest?: boolean;
  maxRateLimitWaitSec?: number;
  /** Stores to use instead of the in-memory ones (shared-state tests: Redis, PostgreSQL). */
  stores?: Partial<SlackStores>;
  /** SLACK_THREAD_FOLLOWUPS. */
  threadFollowups?: boolean;
}

let counter = 0;
/** Unique ids, so that de-duplication never links two tests. */
export function uniqueId(prefix: string): string {
  counter += 1;
  return `${prefix}${process.pid}x${counter}`;
}

export class Harness {
  readonly api = new FakeSlackApi();
  readonly engine = new FakeEngine();
  readonly logs: LogLine[];
  readonly dataDir: string;
  handle!: SlackAppHandle;
  port = 0;
  private readonly logger: Logger;

  constructor(private readonly options: HarnessOptions = {}) {
    const { logger, lines } = memoryLogger();
    this.logger = logger;
    this.logs = lines;
    this.dataDir = mkdtempSync(path.join(tmpdir(), "article-bot-slack-"));
  }

  get eventsUrl(): string {
    return `http://127.0.0.1:${this.port}/slack/events`;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  config(): SlackConfig {
    return {
      botToken: "xoxb-test-token",
      signingSecret: TEST_SIGNING_SECRET,
      apiUrl: this.api.apiUrl,
      command: "/article",
      rateLimitPerMinute: this.options.rateLimitPerMinute ?? 100,
      threadFollowups: this.options.threadFollowups ?? false,
      port: 0,
      // The fake Slack's response_urls are on loopback.
      responseUrlHosts: ["127.0.0.1"],
    };
  }

  async start(): Promise<this> {
    await this.api.start();
    this.handle = createSlackApp({
      engine: this.engine,
      config: this.config(),
      stores: { ...memoryStores({ dataDir: this.dataDir, rateLimitPerMinute: this.config().rateLimitPerMinute }), ...this.options.stores },
      logger: this.logger,
      host: "127.0.0.1",
      ...(this.options.useAuthTest === true ? {} : { botId: FAKE_IDS.botId, botUserId: FAKE_IDS.botUserId }),
      progressDelayMs: this.options.progressDelayMs ?? 1000,
      maxRateLimitWaitSec: this.options.maxRateLimitWaitSec ?? 3,
      clientOptions: { retryConfig: { retries: 0 } },
      drainTimeoutMs: 3000,
    });
    const info = await this.handle.start();
    if (info.mode !== "http") throw new Error("expected HTTP mode");
    this.port = info.port;
    return this;
  }

  async close(): Promise<void> {
    await this.handle?.stop();
    await this.api.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Waits until every request the app has received is fully handled (answers posted, clicks
   * recorded): the deterministic way to assert that something was *not* sent.
   */
  async drain(timeoutMs = 5000): Promise<void> {
    if (!(await this.handle.inflight.drain(timeoutMs))) throw new Error(`requests still running after ${timeoutMs} ms`);
  }

  postEvent(body: unknown, options: SignedPostOptions = {}): Promise<SignedResponse> {
    return postSigned(this.eventsUrl, JSON.stringify(body), options);
  }

  postCommand(fields: Record<string, string>, options: SignedPostOptions = {}): Promise<SignedResponse> {
    return postSigned(this.eventsUrl, formBody(fields), { contentType: FORM, ...options });
  }

  postAction(payload: unknown, options: SignedPostOptions = {}): Promise<SignedResponse> {
    return postSigned(this.eventsUrl, interactionBody(payload), { contentType: FORM, ...options });
  }

  /** A slash command's form fields, shaped like slash_command.fields.json. */
  command(text: string, responseId = uniqueId("cmd")): Record<string, string> {
    const base = fixture<Record<string, string>>("slash_command.fields.json");
    return { ...base, command: "/article", text, response_url: this.api.responseUrl(responseId) };
  }

  /** Log lines at info level and above. */
  infoLogs(): LogLine[] {
    return this.logs.filter((l) => l.level >= 30);
  }
}

export interface FeedbackClickOptions {
  /** The button's value (feedbackButtons(call).up or .down). */
  value: string;
  blockId: string;
  /** The clicked message as Slack sends it back (ts, text, blocks). */
  message: Record<string, unknown> & { ts: string };
  user?: string;
  channel?: string;
}

/** A block_actions payload for a click on Slack's native feedback buttons. */
export function feedbackClick(h: Harness, options: FeedbackClickOptions): Record<string, unknown> {
  const base = fixture<Record<string, unknown>>("block_actions.payload.json");
  const user = options.user ?? "U0HUMAN1";
  return {
    ...base,
    user: { id: user, username: user, name: user, team_id: "T0TEAM" },
    container: { type: "message", message_ts: options.message.ts, channel_id: options.channel ?? "C0GENERAL", is_ephemeral: false },
    channel: { id: options.channel ?? "C0GENERAL", name: "general" },
    message: options.message,
    response_url: h.api.responseUrl(uniqueId("fb")),
    actions: [
      {
        type: "feedback_buttons",
        action_id: "feedback",
        block_id: options.blockId,
        value: options.value,
        text: { type: "plain_text", text: "x" },
        action_ts: "1730000400.123456",
      },
    ],
  };
}

type EventEnvelope = Record<string, unknown> & { event: Record<string, unknown>; event_id: string };

/** An app_mention envelope from the payload fixture, with a fresh event_id and ts. */
export function mentionEvent(text: string, overrides: Record<string, unknown> = {}, envelope: Record<string, unknown> = {}): EventEnvelope {
  const base = fixture<EventEnvelope>("event_callback.app_mention.json");
  const ts = `1730000${String(counter + 100).padStart(3, "0")}.000100`;
  return {
    ...base,
    event_id: uniqueId("EvM"),
    ...envelope,
    event: { ...base.event, blocks: [], text: `<@${FAKE_IDS.botUserId}> ${text}`, ts, event_ts: ts, ...overrides },
  };
}

/** A message.im envelope from the payload fixture. */
export function dmEvent(text: string, overrides: Record<string, unknown> = {}): EventEnvelope {
  const base = fixture<EventEnvelope>("event_callback.message_im.json");
  const ts = `1730000${String(counter + 200).padStart(3, "0")}.000300`;
  return {
    ...base,
    event_id: uniqueId("EvD"),
    event: { ...base.event, blocks: [], text, ts, event_ts: ts, ...overrides },
  };
}
