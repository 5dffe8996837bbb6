/**
 * A minimal fake of the Slack Web API and of `response_url` endpoints, on 127.0.0.1, for timing:
 * it notes the arrival time (performance.now) of every call and wakes whoever waits for it.
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface Arrival {
  method: string;
  args: Record<string, string>;
  at: number;
}

type Matcher = (a: Arrival) => boolean;

export class FakeSlack {
  private server: Server | undefined;
  private port = 0;
  private counter = 0;
  private waiters: Array<{ match: Matcher; resolve: (a: Arrival) => void }> = [];
  /** Counts per method, for the report. */
  readonly counts = new Map<string, number>();

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Resolves with the first future call that matches, or rejects after `timeoutMs`. */
  waitFor(match: Matcher, timeoutMs: number): Promise<Arrival> {
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (a: Arrival) => {
          clearTimeout(timer);
          resolve(a);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`no matching Slack call within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const at = performance.now();
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString("utf8");
    const url = req.url ?? "/";
    const method = url.startsWith("/response/") ? `response_url:${url.slice("/response/".length)}` : (url.replace(/^\/api\//, "").split("?")[0] ?? "");
    const args: Record<string, string> = {};
    if ((req.headers["content-type"] ?? "").includes("application/json")) {
      for (const [k, v] of Object.entries(JSON.parse(raw || "{}") as Record<string, unknown>)) args[k] = typeof v === "string" ? v : JSON.stringify(v);
    } else {
      for (const [k, v] of new URLSearchParams(raw)) args[k] = v;
    }
    this.counts.set(method.split(":")[0] ?? method, (this.counts.get(method.split(":")[0] ?? method) ?? 0) + 1);
    const arrival: Arrival = { method, args, at };
    const matched = this.waiters.filter((w) => w.match(arrival));
    this.waiters = this.waiters.filter((w) => !matched.includes(w));
    for (const w of matched) w.resolve(arrival);

    res.writeHead(200, { "content-type": "application/json; charset=utf-8" });
    if (method.startsWith("response_url")) {
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    const ts = `1730002000.${String(++this.counter).padStart(6, "0")}`;
    switch (method) {
      case "auth.test":
        res.end(JSON.stringify({ ok: true, team_id: "T0TEAM", user_id: "U0BOTUSER", bot_id: "B0BOT", user: "article-bot" }));
        return;
      case "chat.postMessage":
        res.end(JSON.stringify({ ok: true, channel: args.channel, ts, message: { ts, text: args.text } }));
        return;
      default:
        res.end(JSON.stringify({ ok: true, ts }));
    }
  }
}
