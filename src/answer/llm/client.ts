/**
 * A small chat client for one structured request at a time, against OpenAI or any OpenAI-compatible
 * server, with a failure policy that never keeps a user waiting longer than `timeoutMs`:
 * - LangChain's and the OpenAI SDK's own retries are off (`maxRetries: 0`): their default backoff made
 *   a refused connection take ~90 s to fail. This client retries at most once, itself.
 * - One AbortSignal carries the overall deadline through every attempt and every wait.
 * - 429 `Retry-After` is honoured only when the wait plus a useful attempt still fit the deadline.
 * - 401/403 and other 4xx are not retried: the same request would fail the same way.
 * - Output is re-validated with the zod schema: servers without real structured-output support may
 *   return JSON that does not match it, and that counts as a failure (`bad_output`).
 */
import { AIMessage, HumanMessage, SystemMessage } from "@langchain/core/messages";
import type { BaseMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import type { z } from "zod";
import type { LlmConfig } from "../../config";
import type { Logger } from "../../log";
import { LlmError } from "./errors";
import type { LlmErrorKind } from "./errors";
import type { ChatClient, ChatMessage, StructuredCallOptions } from "./types";

/**
 * Largest reply read from the server. With max_tokens a real reply is a few KB; a server that ignores it
 * (megabytes of quotes) is cut off here instead of being parsed on the event loop.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** `fetch` whose response body errors once it passes `maxBytes` (the request then fails as unusable). */
export function boundedFetch(maxBytes: number, base: typeof fetch = globalThis.fetch): typeof fetch {
  return async (input, init) => {
    const res = await base(input, init);
    if (res.body === null) return res;
    let seen = 0;
    const limit = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > maxBytes) controller.error(new LlmError("bad_output", `the model's reply is larger than ${maxBytes} bytes`));
        else controller.enqueue(chunk);
      },
    });
    return new Response(res.body.pipeThrough(limit), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** A retry is pointless with less time than this left: the attempt would only time out. */
const MIN_ATTEMPT_MS = 500;
/** Waits before the single retry, when the server gives no Retry-After. */
const RETRY_DELAY_MS: Partial<Record<LlmErrorKind, number>> = {
  connection: 100,
  server: 250,
  rate_limit: 1000,
  bad_output: 0,
};

export interface ChatClientOptions {
  /** Injected for tests of the retry policy; defaults to the real ChatOpenAI built from the config. */
  chat?: ChatOpenAI;
}

export function createChatClient(config: LlmConfig, logger: Logger, options: ChatClientOptions = {}): ChatClient {
  return new OpenAIChatClient(config, logger, options.chat);
}

export class OpenAIChatClient implements ChatClient {
  readonly model: string;
  readonly timeoutMs: number;
  private readonly chat: ChatOpenAI;

  constructor(
    private readonly config: LlmConfig,
    private readonly logger: Logger,
    chat?: ChatOpenAI,
  ) {
    this.model = config.model;
    this.timeoutMs = config.timeoutMs;
    this.chat =
      chat ??
      new ChatOpenAI({
        model: config.model,
        apiKey: config.apiKey,
        temperature: config.temperature,
        // Sent as max_tokens: a runaway model stops at a length the schema's caps can hold.
        maxTokens: config.maxTokens,
        maxRetries: 0,
        // The SDK's per-request timeout backs up the overall deadline below.
        timeout: config.timeoutMs,
        configuration: { ...(config.baseURL === undefined ? {} : { baseURL: config.baseURL }), fetch: boundedFetch(MAX_RESPONSE_BYTES) },
      });
  }

  async structuredCall<T extends Record<string, unknown>>(
    schema: z.ZodType<T>,
    messages: ChatMessage[],
    options: StructuredCallOptions,
  ): Promise<T> {
    const began = Date.now();
    const deadline = began + this.config.timeoutMs;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.config.timeoutMs);
    this.logger.debug({ name: options.name, messages }, "llm request messages");
    try {
      for (let attempt = 1; ; attempt++) {
        const attemptBegan = Date.now();
        try {
          return await this.attempt(schema, messages, options, controller.signal, attempt, attemptBegan);
        } catch (caught) {
          const error = toLlmError(caught, controller.signal.aborted, attempt);
          const remaining = deadline - Date.now();
          const wait = attempt === 1 ? retryWait(error, caught) : undefined;
          const retryInMs = wait !== undefined && wait + MIN_ATTEMPT_MS <= remaining ? wait : undefined;
          this.logger.warn(
            {
              model: this.model,
              name: options.name,
              method: this.config.structuredOutput,
              attempt,
              kind: error.kind,
              status: error.details.status,
              ms: Date.now() - attemptBegan,
              retryInMs,
            },
            `llm request failed: ${error.message}`,
          );
          if (retryInMs === undefined) throw error;
          await sleep(retryInMs, controller.signal);
          if (controller.signal.aborted) throw new LlmError("timeout", "deadline passed while waiting to retry", { attempts: attempt });
        }
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private async attempt<T extends Record<string, unknown>>(
    schema: z.ZodType<T>,
    messages: ChatMessage[],
    options: StructuredCallOptions,
    signal: AbortSignal,
    attempt: number,
    began: number,
  ): Promise<T> {
    const method = this.config.structuredOutput;
    const runnable = this.chat.withStructuredOutput(schema, {
      name: options.name,
      method,
      // `strict` is only accepted with json_schema (LangChain throws for jsonMode); for function
      // calling some local servers reject the extra field, so leave it to the server's default.
      ...(method === "jsonSchema" ? { strict: true } : {}),
      includeRaw: true,
    });
    const { raw, parsed } = (await runnable.invoke(messages.map(toLangChain), { signal })) as {
      raw: BaseMessage;
      parsed: unknown;
    };
    const usage = AIMessage.isInstance(raw) ? raw.usage_metadata : undefined;
    this.logger.info(
      {
        model: this.model,
        name: options.name,
        method,
        attempt,
        ms: Date.now() - began,
        inputTokens: usage?.input_tokens,
        outputTokens: usage?.output_tokens,
        totalTokens: usage?.total_tokens,
      },
      "llm request",
    );
    // `parsed` is null when LangChain's parser failed (malformed JSON, wrong tool, schema mismatch).
    const checked = schema.safeParse(parsed);
    if (parsed === null || parsed === undefined || !checked.success) {
      throw new LlmError("bad_output", "the model's output did not match the expected JSON schema", {
        attempts: attempt,
      });
    }
    return checked.data;
  }
}

function toLangChain(message: ChatMessage): BaseMessage {
  return message.role === "system" ? new SystemMessage(message.content) : new HumanMessage(message.content);
}

interface HeadersLike {
  get(name: string): string | null;
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null && key in value ? (value as Record<string, unknown>)[key] : undefined;
}

function statusOf(error: unknown): number | undefined {
  const status = field(error, "status");
  return typeof status === "number" ? status : undefined;
}

/** Maps whatever the SDK, LangChain or the parser threw to one of our kinds, by shape not by class. */
export function toLlmError(error: unknown, deadlinePassed: boolean, attempts: number): LlmError {
  if (error instanceof LlmError) return new LlmError(error.kind, error.message, { ...error.details, attempts });
  const message = error instanceof Error ? error.message.split("\n")[0] ?? "" : String(error);
  const details = { status: statusOf(error), attempts, cause: error };
  if (deadlinePassed) return new LlmError("timeout", "no answer within the time limit", details);

  const name = error instanceof Error ? error.name : "";
  const className = error instanceof Error ? error.constructor.name : "";
  const status = details.status;
  if (name === "TimeoutError" || className === "APIConnectionTimeoutError" || status === 408) {
    return new LlmError("timeout", message, details);
  }
  if (status === 401 || status === 403) return new LlmError("auth", message, details);
  if (status === 429) return new LlmError("rate_limit", message, details);
  if (status !== undefined) return new LlmError("server", message, details);
  if (className === "APIConnectionError" || /ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|fetch failed/i.test(message)) {
    return new LlmError("connection", message, details);
  }
  // The SDK's own JSON-schema parse (json_schema path), LangChain's parsers, and the SDK's
  // finish-reason errors (output cut off by max tokens or a content filter) all mean unusable output.
  if (
    error instanceof SyntaxError ||
    ["ZodError", "OutputParserException", "LengthFinishReasonError", "ContentFilterFinishReasonError"].includes(
      className,
    ) ||
    ["ZodError", "OutputParserException"].includes(name)
  ) {
    // Parser messages quote the model's output, which may echo the question: keep it out of logs.
    return new LlmError("bad_output", "the model's output was not valid JSON for the schema", details);
  }
  return new LlmError("server", message, details);
}

/** Milliseconds to wait before the single retry, or undefined when retrying cannot help. */
function retryWait(error: LlmError, caught: unknown): number | undefined {
  if (error.kind === "rate_limit") return retryAfterMs(field(caught, "headers")) ?? RETRY_DELAY_MS.rate_limit;
  // Other 4xx (bad request, unknown model) would fail the same way again.
  const status = error.details.status;
  if (error.kind === "server" && status !== undefined && status < 500) return undefined;
  return RETRY_DELAY_MS[error.kind];
}

/** Reads `retry-after-ms` (OpenAI) or `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: unknown, now: number = Date.now()): number | undefined {
  if (typeof headers !== "object" || headers === null || typeof (headers as HeadersLike).get !== "function") {
    return undefined;
  }
  const get = (name: string): string | null => (headers as HeadersLike).get(name);
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") !== null && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get("retry-after");
  if (value === null || value.trim() === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    }
    signal.addEventListener("abort", done, { once: true });
  });
}

