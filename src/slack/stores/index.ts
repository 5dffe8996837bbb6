/**
 * The Slack app's state, behind small interfaces so that one process keeps it in memory and
 * several replicas share it (Redis, PostgreSQL). `memoryStores()` is today's single-process set.
 */
import type { DedupeStore } from "./dedupe";
import type { FeedbackStore } from "./feedback";
import { JsonlFeedbackStore } from "./jsonl";
import { MemoryDedupeStore, MemoryRateLimiter, MemoryShareStore, MemoryThreadMemory } from "./memory";
import type { RateLimiter } from "./rateLimit";
import type { ShareStore } from "./shares";
import type { ThreadMemory } from "./threads";

export interface SlackStores {
  dedupe: DedupeStore;
  threads: ThreadMemory;
  shares: ShareStore;
  limiter: RateLimiter;
  feedback: FeedbackStore;
}

export interface MemoryStoresOptions {
  /** Where feedback.jsonl is written. */
  dataDir: string;
  rateLimitPerMinute: number;
}

export function memoryStores(options: MemoryStoresOptions): SlackStores {
  return {
    dedupe: new MemoryDedupeStore(),
    threads: new MemoryThreadMemory(),
    shares: new MemoryShareStore(),
    limiter: new MemoryRateLimiter({ limit: options.rateLimitPerMinute }),
    feedback: new JsonlFeedbackStore(options.dataDir),
  };
}

export type { DedupeStore } from "./dedupe";
export type { FeedbackRecord, FeedbackStore, MessageRef, Vote, VoteCounts, VoteOutcome } from "./feedback";
export type { RateDecision, RateLimiter } from "./rateLimit";
export type { ShareStore, SharedEntry, ShareValue } from "./shares";
export type { ThreadMemory } from "./threads";
export { conversationKey } from "./threads";
export { decodeShareValue, encodeShareValue } from "./shares";
export { MemoryDedupeStore, MemoryFeedbackStore, MemoryRateLimiter, MemoryShareStore, MemoryThreadMemory } from "./memory";
export { JsonlFeedbackStore } from "./jsonl";
export { InFlight } from "./inflight";
