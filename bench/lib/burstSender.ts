/**
 * The sending side of the Slack bursts, in a process of its own (started with `fork` by
 * sections/slack.ts). Slack's servers send a burst of events from machines that do nothing else; when
 * the bench process sent them itself, its event loop was also busy serving the fake Web API (the
 * `setStatus` and `chat.postMessage` calls of the first answers), so later requests of a burst left it
 * late and their acks looked slow (measured: a 20-mention burst reached serve spread over up to 148 ms,
 * while serve took at most 38 ms from accepting any one of them to its ack; issue 14).
 *
 * Protocol: the parent sends `{ id, port, requests, connections }` (bodies signed beforehand); this
 * process starts every request at once and replies `{ id, results }`, each result with the send time on
 * the shared clock (`performance.timeOrigin + performance.now()`, ms since the epoch) and the ack time.
 * `sendSigned` is also the parent's own way of sending one request at a time.
 */
import { request } from "node:http";
import { type Socket, connect } from "node:net";

export interface SignedRequest {
  body: string;
  headers: Record<string, string | number>;
}

/**
 * "fresh": each request opens its connection in the burst (TCP set-up included in its ack time);
 * "open": the connections are opened (and accepted by serve) first, then every request is written at
 * once, as a client that keeps its connections alive does.
 */
export type Connections = "fresh" | "open";

export interface BurstMessage {
  id: number;
  port: number;
  requests: SignedRequest[];
  connections: Connections;
}

export type SendResult = { ok: true; status: number; sentAtEpoch: number; ackMs: number } | { ok: false; error: string };

export interface BurstReply {
  id: number;
  results: SendResult[];
}

function openConnection(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: "127.0.0.1", port }, () => resolve(socket));
    socket.once("error", reject);
  });
}

/** POSTs a signed body to serve's events URL (on `socket` if given, else a new connection). */
export function sendSigned(port: number, req: SignedRequest, socket?: Socket): Promise<SendResult> {
  return new Promise((resolve) => {
    const sentAt = performance.now();
    const sentAtEpoch = performance.timeOrigin + sentAt;
    const connection = socket !== undefined ? { createConnection: () => socket } : { agent: false as const };
    const r = request({ host: "127.0.0.1", port, path: "/slack/events", method: "POST", headers: req.headers, ...connection, timeout: 10_000 }, (res) => {
      res.resume();
      res.on("end", () => {
        socket?.destroy();
        resolve({ ok: true, status: res.statusCode ?? 0, sentAtEpoch, ackMs: performance.now() - sentAt });
      });
    });
    r.on("timeout", () => r.destroy(new Error("request timed out")));
    r.on("error", (err) => resolve({ ok: false, error: err.message }));
    r.end(req.body);
  });
}

async function burst(msg: BurstMessage): Promise<SendResult[]> {
  if (msg.connections === "fresh") return Promise.all(msg.requests.map((req) => sendSigned(msg.port, req)));
  const sockets = await Promise.all(msg.requests.map(() => openConnection(msg.port)));
  // Let serve accept them all before the burst: its ack times then start at the request, not the handshake.
  await new Promise((resolve) => setTimeout(resolve, 50));
  return Promise.all(msg.requests.map((req, i) => sendSigned(msg.port, req, sockets[i])));
}

if (require.main === module) {
  process.on("message", (msg: BurstMessage) => {
    void burst(msg).then((results) => {
      process.send?.({ id: msg.id, results } satisfies BurstReply);
    });
  });
  // Tell the parent we are listening; exits when the parent disconnects.
  process.send?.({ id: 0, results: [] } satisfies BurstReply);
  process.on("disconnect", () => process.exit(0));
}
