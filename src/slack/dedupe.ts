/**
 * De-duplication of Slack deliveries. Slack redelivers an event (X-Slack-Retry-Num over HTTP,
 * `retry_attempt` in Socket Mode) when it did not see our ack in time, and Bolt does not
 * de-duplicate: without this, a slow network would make the bot answer the same question twice.
 *
 * The store is an interface so that several replicas can share one (Redis `SET key 1 NX PX ttl`
 * implements `claim` exactly); the in-memory store is right for a single process.
 */

export interface DedupeStore {
  /**
   * Atomically records `key` for `ttlMs`. Resolves true the first time a key is seen (the caller
   * owns the work), false while the key is still remembered (a redelivery: drop it).
   */
  claim(key: string, ttlMs?: number): Promise<boolean>;
}

export interface MemoryDedupeOptions {
  /** How long a key is remembered. Slack's last retry comes about 5 minutes after the first try. */
  ttlMs?: number;
  /** Upper bound on remembered keys, so a flood cannot grow memory without limit. */
  maxEntries?: number;
  now?: () => number;
}

export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupeOptions = {}) {
    this.ttlMs = options.ttlMs ?? 60 * 60 * 1000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  claim(key: string, ttlMs: number = this.ttlMs): Promise<boolean> {
    const now = this.now();
    this.evictExpired(now);
    const expiresAt = this.seen.get(key);
    if (expiresAt !== undefined && expiresAt > now) return Promise.resolve(false);
    this.seen.delete(key);
    this.seen.set(key, now + ttlMs);
    // Map keeps insertion order, so the first key is the oldest: drop it when over the cap.
    while (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) break;
      this.seen.delete(oldest);
    }
    return Promise.resolve(true);
  }

  get size(): number {
    return this.seen.size;
  }

  private evictExpired(now: number): void {
    // Entries are (nearly) in expiry order, so stop at the first live one: O(expired), not O(n).
    for (const [key, expiresAt] of this.seen) {
      if (expiresAt > now) break;
      this.seen.delete(key);
    }
  }
}
