/**
 * A local fake of the Slack Web API (and of `response_url` endpoints) on loopback. It answers the
 * methods the bot calls, records every call with its parsed arguments, and can be told to fail the
 * next call of a method (`ok: false`, HTTP 429 with Retry-After, HTTP 5xx).
 */
import { type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export const FAKE_IDS = {
  team: "T0TEAM",
  botUserId: "U0BOTUSER",
  botId: "B0BOT",
  appId: "A0APP",
} as const;

/** A workspace that can install the app through OAuth (oauth.v2.access with its code). */
export interface FakeWorkspace {
  team: string;
  /** The code Slack would hand the redirect after consent. */
  code: string;
  botToken: string;
  botUserId: string;
  botId: string;
}

export interface RecordedCall {
  /** Web API method ("chat.postMessage"), or "response_url" for posts to a response URL. */
  method: string;
  /** For response_url posts: the id in the URL. */
  path: string;
  args: Record<string, unknown>;
  headers: IncomingHttpHeaders;
  at: number;
}

export type Failure =
  | { kind: "error"; error: string }
  | { kind: "ratelimited"; retryAfterSec: number }
  | { kind: "http"; status: number };

const JSON_FIELDS = new Set(["blocks", "view", "attachments", "metadata", "prompts", "chunks", "loading_messages"]);

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (raw === "") return {};
  if ((contentType ?? "").includes("application/json")) return JSON.parse(raw) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(raw)) {
    out[key] = JSON_FIELDS.has(key) ? (JSON.parse(value) as unknown) : value;
  }
  return out;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

export class FakeSlackApi {
  readonly calls: RecordedCall[] = [];
  /** URL handed out by apps.connections.open (set by the Socket Mode test). */
  socketUrl: string | undefined;
  private server: Server | undefined;
  private port = 0;
  private tsCounter = 0;
  private readonly failures = new Map<string, Failure[]>();
  private readonly workspaces: FakeWorkspace[] = [];

  /** Lets `workspace` install the app (OAuth), and makes auth.test answer for its token. */
  addWorkspace(workspace: FakeWorkspace): void {
    this.workspaces.push(workspace);
  }
  /** Streams started and not yet stopped (their message ts). */
  private readonly streams = new Set<string>();

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** What SLACK_API_URL / clientOptions.slackApiUrl should be. */
  get apiUrl(): string {
    return `${this.baseUrl}/api/`;
  }

  responseUrl(id: string): string {
    return `${this.baseUrl}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.handle(req, res);
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server === undefined) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** The next call(s) of `method` fail this way, in order. */
  failNext(method: string, ...failures: Failure[]): void {
    this.failures.set(method, [...(this.failures.get(method) ?? []), ...failures]);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.failures.clear();
  }

  /** Polls until `predicate` holds for the recorded calls (the bot works after acking). */
  async waitFor<T>(probe: () => T | undefined | false, timeoutMs = 4000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; calls so far: ${this.summary()}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Waits until `count` calls of `method` were made, returns them. */
  waitForCalls(method: string, count = 1, timeoutMs = 4000): Promise<RecordedCall[]> {
    return this.waitFor(() => {
      const calls = this.callsOf(method);
      return calls.length >= count ? calls : undefined;
    }, timeoutMs);
  }

  summary(): string {
    return this.calls.map((c) => c.method).join(", ") || "(none)";
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const url = req.url ?? "/";
    const isResponseUrl = url.startsWith("/response/");
    const method = isResponseUrl ? "response_url" : url.replace(/^\/api\//, "").split("?")[0] ?? "";
    const args = parseBody(raw, req.headers["content-type"]);
    this.calls.push({ method, path: url, args, headers: req.headers, at: Date.now() });

    const failure = this.failures.get(method)?.shift();
    if (failure !== undefined) {
      if (failure.kind === "ratelimited") {
        res.writeHead(429, { "retry-after": String(failure.retryAfterSec), "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false, error: "ratelimited" }));
        return;
      }
      if (failure.kind === "http") {
        res.writeHead(failure.status, { "content-type": "text/plain" });
        res.end("fake failure");
        return;
      }
      this.json(res, { ok: false, error: failure.error });
      return;
    }
    if (isResponseUrl) {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("ok");
      return;
    }
    this.json(res, this.answer(method, args, req.headers));
  }

  private answer(method: string, args: Record<string, unknown>, headers: IncomingHttpHeaders): Record<string, unknown> {
    const ts = (): string => `1730001000.${String(++this.tsCounter).padStart(6, "0")}`;
    const bearer = (headers.authorization ?? "").replace(/^Bearer /, "");
    const installed = this.workspaces.find((w) => w.botToken === bearer);
    switch (method) {
      case "oauth.v2.access": {
        const ws = this.workspaces.find((w) => w.code === args.code);
        if (ws === undefined) return { ok: false, error: "invalid_code" };
        return {
          ok: true,
          app_id: FAKE_IDS.appId,
          authed_user: { id: "U0INSTALLER" },
          scope: "app_mentions:read,chat:write,chat:write.public,commands,im:history,reactions:write",
          token_type: "bot",
          access_token: ws.botToken,
          bot_user_id: ws.botUserId,
          team: { id: ws.team, name: `Team ${ws.team}` },
          enterprise: null,
          is_enterprise_install: false,
        };
      }
      case "auth.test":
        if (installed !== undefined) {
          return { ok: true, url: `https://${installed.team}.slack.com/`, team_id: installed.team, user_id: installed.botUserId, bot_id: installed.botId };
        }
        return {
          ok: true,
          url: "https://fake-workspace.slack.com/",
          team: "Fake",
          user: "article-bot",
          team_id: FAKE_IDS.team,
          user_id: FAKE_IDS.botUserId,
          bot_id: FAKE_IDS.botId,
        };
      case "chat.postMessage": {
        const messageTs = ts();
        return { ok: true, channel: args.channel, ts: messageTs, message: { ...args, ts: messageTs, bot_id: FAKE_IDS.botId } };
      }
      case "chat.postEphemeral":
        return { ok: true, message_ts: ts() };
      case "chat.update":
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case "views.publish":
        return { ok: true, view: { id: "V0HOME", ...(args.view as object) } };
      case "reactions.add":
      case "reactions.remove":
        return { ok: true };
      // The AI-app surface: status while thinking, suggested prompts (the Messages tab), thread titles.
      case "assistant.threads.setStatus":
      case "assistant.threads.setTitle":
        return typeof args.channel_id === "string" && typeof args.thread_ts === "string"
          ? { ok: true }
          : { ok: false, error: "invalid_arguments" };
      case "assistant.threads.setSuggestedPrompts":
        return typeof args.channel_id === "string" && Array.isArray(args.prompts) ? { ok: true } : { ok: false, error: "invalid_arguments" };
      // Streaming: startStream opens a message; appends and the stop must name it.
      case "chat.startStream": {
        const streamTs = ts();
        this.streams.add(streamTs);
        return { ok: true, channel: args.channel, ts: streamTs };
      }
      case "chat.appendStream":
      case "chat.stopStream": {
        if (typeof args.ts !== "string" || !this.streams.has(args.ts)) return { ok: false, error: "message_not_in_streaming_state" };
        if (method === "chat.stopStream") this.streams.delete(args.ts);
        return { ok: true, channel: args.channel, ts: args.ts };
      }
      case "apps.connections.open":
        return this.socketUrl !== undefined ? { ok: true, url: this.socketUrl } : { ok: false, error: "not_allowed_token_type" };
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  private json(res: ServerResponse, body: Record<string, unknown>): void {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  }
}

/** Every text a message carries: fallback text plus every text object in its blocks, for assertions. */
type RichInline = { type: string; text?: string; url?: string; name?: string; user_id?: string; style?: { bold?: boolean; italic?: boolean } };
type RichElement = { type: string; elements?: RichInline[] };

/**
 * A rich_text block as a reader sees it, written the mrkdwn way so tests can look for it: a quote's lines
 * start with "> ", bold is *…*, italic _…_, a link <url|text>. Its text elements are literal: no entity or
 * mention in them is decoded here, because Slack does not decode them either.
 */
export function richText(block: { elements?: RichElement[] }): string {
  const inline = (e: RichInline): string => {
    let t = e.type === "link" ? `<${e.url ?? ""}|${e.text ?? ""}>` : e.type === "emoji" ? `:${e.name ?? ""}:` : e.type === "user" ? `<@${e.user_id ?? ""}>` : (e.text ?? "");
    if (e.style?.bold === true) t = `*${t}*`;
    if (e.style?.italic === true) t = `_${t}_`;
    return t;
  };
  return (block.elements ?? [])
    .map((el) => {
      const text = (el.elements ?? []).map(inline).join("");
      return el.type === "rich_text_quote" ? text.split("\n").map((l) => `> ${l}`).join("\n") : text;
    })
    .join("\n");
}

export function allText(args: Record<string, unknown>): string {
  const parts: string[] = [];
  const walk = (value: unknown): void => {
    if (typeof value === "string") return;
    if (Array.isArray(value)) {
      value.forEach(walk);
      return;
    }
    if (typeof value === "object" && value !== null && (value as { type?: unknown }).type === "rich_text") {
      parts.push(richText(value));
      return;
    }
    if (typeof value === "object" && value !== null) {
      for (const [key, inner] of Object.entries(value)) {
        if (key === "text" && typeof inner === "string") parts.push(inner);
        else walk(inner);
      }
    }
  };
  if (typeof args.text === "string") parts.push(args.text);
  walk(args.blocks);
  walk(args.view);
  return parts.join("\n");
}

export type Block = { type: string; block_id?: string; text?: { type: string; text: string; verbatim?: boolean }; elements?: unknown[] };

export function blocksOf(call: RecordedCall): Block[] {
  const blocks = call.args.blocks;
  return Array.isArray(blocks) ? (blocks as Block[]) : [];
}

/** The values of the native 👍/👎 (`feedback_buttons` in a `context_actions` block) of a posted message. */
export function feedbackButtons(call: RecordedCall): { up: string; down: string; blockId: string } | undefined {
  for (const block of blocksOf(call)) {
    if (block.type !== "context_actions") continue;
    for (const element of (block.elements ?? []) as { type?: string; positive_button?: { value: string }; negative_button?: { value: string } }[]) {
      if (element.type === "feedback_buttons" && element.positive_button !== undefined && element.negative_button !== undefined) {
        return { up: element.positive_button.value, down: element.negative_button.value, blockId: block.block_id ?? "" };
      }
    }
  }
  return undefined;
}
