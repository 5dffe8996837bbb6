/**
 * A local stand-in for Slack's Socket Mode WebSocket endpoint: greets each connection with
 * `{"type":"hello"}` as Slack does, lets the test push envelopes, and records what the client
 * sends back (acks). `close()` waits for the client's socket to close first: closing the server
 * under a live client leaves the client reconnecting and the process hanging (see NOTES).
 */
import type { AddressInfo } from "node:net";
import { type WebSocket, WebSocketServer } from "ws";

export class FakeSocketModeServer {
  readonly received: Record<string, unknown>[] = [];
  private wss: WebSocketServer | undefined;
  private client: WebSocket | undefined;
  private clientClosed: Promise<void> | undefined;
  private port = 0;

  get url(): string {
    return `ws://127.0.0.1:${this.port}/link/?ticket=fake`;
  }

  async start(): Promise<this> {
    const wss = new WebSocketServer({ host: "127.0.0.1", port: 0 });
    this.wss = wss;
    await new Promise<void>((resolve) => wss.once("listening", () => resolve()));
    this.port = (wss.address() as AddressInfo).port;
    wss.on("connection", (socket) => {
      this.client = socket;
      this.clientClosed = new Promise((resolve) => socket.once("close", () => resolve()));
      socket.on("message", (data: Buffer) => {
        this.received.push(JSON.parse(data.toString("utf8")) as Record<string, unknown>);
      });
      socket.send(JSON.stringify({ type: "hello", num_connections: 1, connection_info: { app_id: "A0APP" } }));
    });
    return this;
  }

  get connected(): boolean {
    return this.client !== undefined && this.client.readyState === this.client.OPEN;
  }

  send(envelope: unknown): void {
    if (this.client === undefined) throw new Error("no Socket Mode client connected");
    this.client.send(JSON.stringify(envelope));
  }

  async waitForMessage(predicate: (m: Record<string, unknown>) => boolean, timeoutMs = 4000): Promise<Record<string, unknown>> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(predicate);
      if (found !== undefined) return found;
      if (Date.now() > deadline) throw new Error(`no matching Socket Mode message; got ${JSON.stringify(this.received)}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Resolves once the client has closed its socket (after the app was stopped). */
  async waitForClientClose(timeoutMs = 4000): Promise<void> {
    if (this.clientClosed === undefined) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      this.clientClosed,
      new Promise<void>((_, reject) => {
        timer = setTimeout(() => reject(new Error("Socket Mode client did not close its socket")), timeoutMs);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async close(): Promise<void> {
    const wss = this.wss;
    this.wss = undefined;
    if (wss === undefined) return;
    for (const socket of wss.clients) socket.terminate();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  }
}
