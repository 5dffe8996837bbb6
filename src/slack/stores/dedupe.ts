/**
 * De-duplication of Slack deliveries. Slack redelivers an event (X-Slack-Retry-Num over HTTP,
 * `retry_attempt` in Socket Mode) when it did not see our ack in time, and Bolt does not
 * de-duplicate: without this, a slow network would make the bot answer the same question twice.
 * Replicas behind a load balancer must share one store, or a retry that lands on the other
 * replica is answered again (Redis `SET key 1 NX PX ttl` implements `claim` exactly).
 */

export interface DedupeStore {
  /**
   * Atomically records `key` for `ttlMs`. Resolves true the first time a key is seen (the caller
   * owns the work), false while the key is still remembered (a redelivery: drop it).
   */
  claim(key: string, ttlMs?: number): Promise<boolean>;
}

/** Slack's last retry comes about 5 minutes after the first try; an hour leaves a wide margin. */
export const DEDUPE_TTL_MS = 60 * 60 * 1000;
