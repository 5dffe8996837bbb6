/**
 * Turning failures into log fields, and the one retry we allow for Slack's 429.
 * Errors are recognised by shape (`code`, `data.error`, `retryAfter`) rather than by class, so this
 * works for errors from @slack/web-api, Bolt's respond() and the engine alike.
 */

export interface ErrorFields {
  cause: string;
  /** The error's code, e.g. "slack_webapi_platform_error" (absent for plain errors such as the engine's). */
  code?: string;
  /** Slack's error string, e.g. "channel_not_found", "ratelimited". */
  slackError?: string;
  retryAfterSec?: number;
  status?: number;
}

interface ErrorShape {
  message?: unknown;
  code?: unknown;
  data?: { error?: unknown };
  retryAfter?: unknown;
  statusCode?: unknown;
}

function shape(err: unknown): ErrorShape {
  return typeof err === "object" && err !== null ? err : {};
}

/** Seconds to wait when the Web API answered 429 (web-api's rate-limited error), else undefined. */
function rateLimitRetryAfter(err: unknown): number | undefined {
  const e = shape(err);
  return e.code === "slack_webapi_rate_limited_error" && typeof e.retryAfter === "number" ? e.retryAfter : undefined;
}

/** Slack errors that mean the bot may not post in that conversation (it was not invited, or it is closed). */
export const CANNOT_POST_HERE: ReadonlySet<string> = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

/** The Slack error string of an `ok: false` answer, e.g. "not_in_channel". */
export function slackErrorCode(err: unknown): string | undefined {
  const e = shape(err);
  return e.code === "slack_webapi_platform_error" && typeof e.data?.error === "string" ? e.data.error : undefined;
}

export function describeError(err: unknown): ErrorFields {
  const e = shape(err);
  const cause = err instanceof Error ? err.message : String(err);
  const fields: ErrorFields = { cause };
  if (typeof e.code === "string") fields.code = e.code;
  const slackError = slackErrorCode(err);
  if (slackError !== undefined) fields.slackError = slackError;
  const retryAfter = rateLimitRetryAfter(err);
  if (retryAfter !== undefined) {
    fields.slackError = "ratelimited";
    fields.retryAfterSec = retryAfter;
  }
  if (typeof e.statusCode === "number") fields.status = e.statusCode;
  return fields;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Calls the Web API once more after a short 429. The client is built with
 * `rejectRateLimitedCalls: true`, because its own handling pauses *every* request of the process
 * for the whole Retry-After: one busy channel would silence the bot everywhere. A long Retry-After
 * is not waited for: the caller apologises and logs instead of holding a handler for minutes.
 */
export async function withSlackRetry<T>(call: () => Promise<T>, maxWaitSec: number): Promise<T> {
  try {
    return await call();
  } catch (err) {
    const retryAfter = rateLimitRetryAfter(err);
    if (retryAfter === undefined || retryAfter > maxWaitSec) throw err;
    await sleep(retryAfter * 1000);
    return call();
  }
}
