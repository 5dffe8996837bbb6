/**
 * Per-user rate limit (sliding window). Every answer costs engine time and, in LLM mode, money;
 * one person pasting questions in a loop must not starve everyone else.
 */

export interface RateDecision {
  allowed: boolean;
  /** When refused: how long until the oldest request in the window expires. */
  retryAfterMs: number;
  /** True for the first refusal in a window only, so the polite notice is sent once, not per message. */
  firstRefusal: boolean;
}

export interface RateLimiterOptions {
  limit: number;
  windowMs?: number;
  now?: () => number;
}

interface Window {
  hits: number[];
  notified: boolean;
}

export class RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly windows = new Map<string, Window>();

  constructor(options: RateLimiterOptions) {
    this.limit = Math.max(1, Math.floor(options.limit));
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  take(key: string): RateDecision {
    const now = this.now();
    const cutoff = now - this.windowMs;
    const window = this.windows.get(key) ?? { hits: [], notified: false };
    window.hits = window.hits.filter((t) => t > cutoff);
    if (window.hits.length < this.limit) {
      window.hits.push(now);
      window.notified = false;
      this.windows.set(key, window);
      this.sweep(cutoff);
      return { allowed: true, retryAfterMs: 0, firstRefusal: false };
    }
    const oldest = window.hits[0] ?? now;
    const firstRefusal = !window.notified;
    window.notified = true;
    this.windows.set(key, window);
    return { allowed: false, retryAfterMs: Math.max(0, oldest + this.windowMs - now), firstRefusal };
  }

  /** Drops idle users now and then, so the map only holds people active in the last window. */
  private sweep(cutoff: number): void {
    if (this.windows.size < 1000) return;
    for (const [key, window] of this.windows) {
      if (window.hits.every((t) => t <= cutoff)) this.windows.delete(key);
    }
  }
}
