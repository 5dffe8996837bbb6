/**
 * A scripted OpenAI-compatible server on 127.0.0.1 (random port) for tests that drive the REAL
 * `@langchain/openai` client over HTTP. It records every request and answers each one from a
 * per-test script, putting the JSON payload where the requested structured-output method expects it.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface ScriptedReply {
  /** HTTP status; non-2xx replies send an OpenAI-style error body. Default 200. */
  status?: number;
  headers?: Record<string, string>;
  /** Wait before answering (the request may be aborted meanwhile). */
  delayMs?: number;
  /** The structured output, serialized into content or tool-call arguments as the request asks. */
  json?: unknown;
  /** Sent verbatim instead of `JSON.stringify(json)`: for malformed output. */
  rawContent?: string;
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number };
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
  at: number;
}

export interface FakeOpenAI {
  /** e.g. http://127.0.0.1:54321/v1 */
  baseURL: string;
  requests: RecordedRequest[];
  /** Replies used in order; the last one repeats when the script runs out. */
  script(...replies: ScriptedReply[]): void;
  close(): Promise<void>;
}

const DEFAULT_USAGE = { prompt_tokens: 321, completion_tokens: 45, total_tokens: 366 };

export async function startFakeOpenAI(embeddingDimensions = 8): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let replies: ScriptedReply[] = [{ json: {} }];
  let served = 0;
  const timers = new Set<NodeJS.Timeout>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
      } catch {
        // Recorded as empty; the test will notice.
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", headers: req.headers, body, at: Date.now() });
      const reply = replies[Math.min(served, replies.length - 1)] ?? {};
      served += 1;
      const send = (): void => respond(req.url ?? "", body, reply, res, embeddingDimensions);
      if (reply.delayMs) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) send();
        }, reply.delayMs);
        timers.add(timer);
      } else {
        send();
      }
    });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    script(...next: ScriptedReply[]) {
      replies = next.length > 0 ? next : [{ json: {} }];
      served = 0;
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      // Keep-alive sockets from the client's fetch would otherwise hold close() open.
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
    },
  };
}

function respond(
  url: string,
  body: Record<string, unknown>,
  reply: ScriptedReply,
  res: http.ServerResponse,
  dimensions: number,
): void {
  const status = reply.status ?? 200;
  const headers = { "content-type": "application/json", ...reply.headers };
  if (status >= 400) {
    res.writeHead(status, headers);
    res.end(JSON.stringify({ error: { message: `scripted ${status}`, type: "test_error", code: null } }));
    return;
  }
  if (url.endsWith("/embeddings")) {
    res.writeHead(status, headers);
    res.end(JSON.stringify(embeddings(body, dimensions)));
    return;
  }
  if (!url.endsWith("/chat/completions")) {
    res.writeHead(404, headers);
    res.end(JSON.stringify({ error: { message: `no route ${url}` } }));
    return;
  }
  const payload = reply.rawContent ?? JSON.stringify(reply.json ?? {});
  const toolName = requestedTool(body);
  const message =
    toolName === undefined
      ? { role: "assistant", content: payload }
      : {
          role: "assistant",
          content: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: toolName, arguments: payload } }],
        };
  res.writeHead(status, headers);
  res.end(
    JSON.stringify({
      id: "chatcmpl-test",
      object: "chat.completion",
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === "string" ? body.model : "test-model",
      choices: [{ index: 0, message, finish_reason: toolName === undefined ? "stop" : "tool_calls", logprobs: null }],
      usage: reply.usage ?? DEFAULT_USAGE,
    }),
  );
}

/** The forced tool's name (`tool_choice`), or the first tool's, when the request uses function calling. */
function requestedTool(body: Record<string, unknown>): string | undefined {
  const choice = body.tool_choice as { function?: { name?: unknown } } | undefined;
  if (typeof choice?.function?.name === "string") return choice.function.name;
  const tools = body.tools as Array<{ function?: { name?: unknown } }> | undefined;
  const first = tools?.[0]?.function?.name;
  return typeof first === "string" ? first : undefined;
}

/** Deterministic float vectors (not base64): a cheap hash of each input spread over the dimensions. */
function embeddings(body: Record<string, unknown>, dimensions: number) {
  const input = body.input;
  const asText = (value: unknown): string => (typeof value === "string" ? value : JSON.stringify(value ?? ""));
  const texts = Array.isArray(input) ? input.map(asText) : [asText(input)];
  const data = texts.map((text, index) => {
    const vector = new Array<number>(dimensions).fill(0);
    for (let i = 0; i < text.length; i++) {
      const slot = (text.charCodeAt(i) * 31 + i) % dimensions;
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
    const norm = Math.hypot(...vector) || 1;
    return { object: "embedding", index, embedding: vector.map((v) => v / norm) };
  });
  return {
    object: "list",
    data,
    model: typeof body.model === "string" ? body.model : "test-embedding",
    usage: { prompt_tokens: texts.length, total_tokens: texts.length },
  };
}
