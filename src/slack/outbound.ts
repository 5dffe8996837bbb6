/**
 * The one `fetch` every outbound Slack call goes through: the Web API client's and Bolt's `respond()`
 * (which uses `clientOptions.fetch`). It guarantees three things the libraries do not:
 * - every call ends: a timeout on each attempt, so a hung Slack cannot hold a request (or shutdown) forever;
 * - nothing is posted twice: a write whose request may have reached Slack (a timeout, a reset, a 5xx) is
 *   never repeated; only calls that provably never left (connection refused, DNS) and reads are retried;
 * - a signed payload cannot send the bot's answer anywhere: `response_url` must be on an allowed host
 *   (SLACK_RESPONSE_URL_HOSTS), and a redirect is never followed with the body.
 */
import type { Logger } from "../log";

export interface OutboundOptions {
  /** The Web API base URL (`SLACK_API_URL`, default https://slack.com/api/). */
  apiUrl: string;
  /** Hosts a response_url may point at. */
  responseUrlHosts: string[];
  /** Per attempt. */
  timeoutMs: number;
  logger: Logger;
  /** Retries of calls that are safe to repeat (default 2). */
  retries?: number;
  fetch?: typeof fetch;
}

export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefusedError";
  }
}

// Web API methods that change nothing: repeating them after a timeout cannot duplicate anything.
const READ_ONLY = /^(?:auth\.test|apps\.connections\.open|[a-z]+\.(?:info|list|history|replies)|[a-z]+\.[a-z]+\.list)$/;
// The request never left this machine: safe to repeat whatever it was.
const NEVER_SENT = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);

function errorCode(err: unknown): string | undefined {
  const cause = (err as { cause?: { code?: unknown } } | undefined)?.cause;
  return typeof cause?.code === "string" ? cause.code : undefined;
}

const urlOf = (input: Parameters<typeof fetch>[0]): URL => new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);

export function outboundFetch(options: OutboundOptions): typeof fetch {
  const base = options.fetch ?? globalThis.fetch;
  const apiBase = new URL(options.apiUrl).href;
  const hosts = new Set(options.responseUrlHosts.map((h) => h.trim().toLowerCase()).filter(Boolean));
  const retries = options.retries ?? 2;
  const log = options.logger;
  const withTimeout = (signal: AbortSignal | null | undefined): AbortSignal => {
    const timeout = AbortSignal.timeout(options.timeoutMs);
    return signal ? AbortSignal.any([signal, timeout]) : timeout;
  };

  async function webApi(url: URL, init: RequestInit): Promise<Response> {
    const method = url.pathname.split("/").pop() ?? "";
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await base(url, { ...init, signal: withTimeout(init.signal) });
        if (res.status >= 500 && READ_ONLY.test(method) && attempt < retries) {
          log.warn({ method, status: res.status, attempt }, "Slack Web API error; retrying a read");
          await res.body?.cancel();
        } else {
          return res;
        }
      } catch (err) {
        const code = errorCode(err);
        const safe = (code !== undefined && NEVER_SENT.has(code)) || READ_ONLY.test(method);
        if (!safe || attempt >= retries) {
          if (!safe) log.warn({ method, code: code ?? (err as Error).name }, "Slack Web API call failed; not repeated, it may have been received");
          throw err;
        }
        log.warn({ method, code: code ?? (err as Error).name, attempt }, "Slack Web API call failed before reaching Slack; retrying");
      }
      await new Promise((resolve) => setTimeout(resolve, 300 * 2 ** attempt));
    }
  }

  return async (input, init = {}) => {
    const url = urlOf(input);
    if (url.href.startsWith(apiBase)) return webApi(url, init);
    // Anything else is a response_url taken from a (signed) payload.
    if (!hosts.has(url.hostname.toLowerCase())) {
      log.warn({ host: url.hostname }, "response_url host is not in SLACK_RESPONSE_URL_HOSTS; not posted");
      throw new OutboundRefusedError(`response_url host ${url.hostname} is not allowed (SLACK_RESPONSE_URL_HOSTS)`);
    }
    const res = await base(url, { ...init, redirect: "manual", signal: withTimeout(init.signal) });
    if (res.status >= 300 && res.status < 400) {
      await res.body?.cancel();
      log.warn({ host: url.hostname, status: res.status }, "response_url answered with a redirect; not followed");
      throw new OutboundRefusedError(`response_url answered ${res.status}; redirects are not followed`);
    }
    return res;
  };
}
