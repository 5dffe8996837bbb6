/**
 * Per-user rate limit. Every answer costs engine time and, in LLM mode, money; one person pasting
 * questions in a loop must not starve everyone else. Shared between replicas (Redis), or the limit
 * multiplies by the number of replicas.
 */

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until a request is allowed again. */
  retryAfterMs: number;
  /** True for the first refusal in a window only, so the polite notice is sent once, not per message. */
  firstRefusal: boolean;
}

export interface RateLimiter {
  /** Requests allowed per window. */
  readonly limit: number;
  readonly windowMs: number;
  /** Counts one request for `key` (team and user) and says whether it may go ahead. */
  take(key: string): Promise<RateDecision>;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs?: number;
  now?: () => number;
}
