/**
 * In-process implementations of the stores: right for one process, and the per-replica fallback
 * when a shared backend is down. All are bounded so that a flood cannot grow memory without limit.
 */
import { randomBytes } from "node:crypto";
import { DEDUPE_TTL_MS, type DedupeStore } from "./dedupe";
import { type FeedbackRecord, type FeedbackStore, type MessageRef, type Vote, type VoteCounts, type VoteOutcome, messageKey } from "./feedback";
import type { RateDecision, RateLimiter, RateLimiterOptions } from "./rateLimit";
import { SHARE_TTL_MS, type ShareStore, type SharedEntry } from "./shares";
import { THREAD_LIMITS, type ThreadMemory } from "./threads";

/** Map keeps insertion order, so the first key is the oldest: drop from the front when over the cap. */
function trim<K, V>(map: Map<K, V>, max: number): void {
  while (map.size > max) {
    const oldest = map.keys().next().value;
    if (oldest === undefined) break;
    map.delete(oldest);
  }
}

export interface MemoryDedupeOptions {
  /** How long a key is remembered. */
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

export class MemoryDedupeStore implements DedupeStore {
  private readonly seen = new Map<string, number>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: MemoryDedupeOptions = {}) {
    this.ttlMs = options.ttlMs ?? DEDUPE_TTL_MS;
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
    trim(this.seen, this.maxEntries);
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

export interface MemoryThreadMemoryOptions {
  maxQuestions?: number;
  maxConversations?: number;
  ttlMs?: number;
  now?: () => number;
}

export class MemoryThreadMemory implements ThreadMemory {
  private readonly entries = new Map<string, { questions: string[]; touched: number }>();
  private readonly maxQuestions: number;
  private readonly maxConversations: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryThreadMemoryOptions = {}) {
    this.maxQuestions = options.maxQuestions ?? THREAD_LIMITS.maxQuestions;
    this.maxConversations = options.maxConversations ?? 5000;
    this.ttlMs = options.ttlMs ?? THREAD_LIMITS.ttlMs;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Promise<string[]> {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.touched + this.ttlMs <= this.now()) return Promise.resolve([]);
    return Promise.resolve([...entry.questions]);
  }

  add(key: string, question: string): Promise<void> {
    const now = this.now();
    const entry = this.entries.get(key);
    const live = entry !== undefined && entry.touched + this.ttlMs > now ? entry.questions : [];
    const questions = [...live, question].slice(-this.maxQuestions);
    // Re-insert so the Map's order is least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, { questions, touched: now });
    trim(this.entries, this.maxConversations);
    return Promise.resolve();
  }
}

export class MemoryShareStore implements ShareStore {
  private readonly entries = new Map<string, { entry: SharedEntry; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 500,
    private readonly ttlMs = SHARE_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  put(entry: SharedEntry): Promise<string> {
    const id = randomBytes(8).toString("hex");
    this.entries.set(id, { entry, expiresAt: this.now() + this.ttlMs });
    trim(this.entries, this.maxEntries);
    return Promise.resolve(id);
  }

  get(id: string): Promise<SharedEntry | undefined> {
    const hit = this.entries.get(id);
    if (hit === undefined || hit.expiresAt <= this.now()) return Promise.resolve(undefined);
    return Promise.resolve(hit.entry);
  }
}

/** Sliding window: the last `limit` request times per key. */
export class MemoryRateLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly now: () => number;
  private readonly windows = new Map<string, { hits: number[]; notified: boolean }>();

  constructor(options: RateLimiterOptions) {
    this.limit = Math.max(1, Math.floor(options.limit));
    this.windowMs = options.windowMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  take(key: string): Promise<RateDecision> {
    const now = this.now();
    const cutoff = now - this.windowMs;
    const window = this.windows.get(key) ?? { hits: [], notified: false };
    window.hits = window.hits.filter((t) => t > cutoff);
    if (window.hits.length < this.limit) {
      window.hits.push(now);
      window.notified = false;
      this.windows.set(key, window);
      this.sweep(cutoff);
      return Promise.resolve({ allowed: true, retryAfterMs: 0, firstRefusal: false });
    }
    const oldest = window.hits[0] ?? now;
    const firstRefusal = !window.notified;
    window.notified = true;
    this.windows.set(key, window);
    return Promise.resolve({ allowed: false, retryAfterMs: Math.max(0, oldest + this.windowMs - now), firstRefusal });
  }

  /** Drops idle users now and then, so the map only holds people active in the last window. */
  private sweep(cutoff: number): void {
    if (this.windows.size < 1000) return;
    for (const [key, window] of this.windows) {
      if (window.hits.every((t) => t <= cutoff)) this.windows.delete(key);
    }
  }
}

/** Votes per message, in memory. The JSONL store keeps one of these as its index of the file. */
export class MemoryFeedbackStore implements FeedbackStore {
  private readonly votes = new Map<string, Map<string, Vote>>();

  constructor(private readonly maxMessages = 100_000) {}

  /** What `vote(record)` would do, without doing it (the JSONL store writes before it applies). */
  peek(record: FeedbackRecord): VoteOutcome {
    const voters = this.votes.get(messageKey(record));
    const previous = voters?.get(record.user);
    const counts = tally(voters);
    if (previous === record.vote) return { outcome: "unchanged", counts };
    if (previous !== undefined) counts[previous] -= 1;
    counts[record.vote] += 1;
    return { outcome: previous === undefined ? "recorded" : "changed", counts };
  }

  apply(record: FeedbackRecord): void {
    const key = messageKey(record);
    const voters = this.votes.get(key) ?? new Map<string, Vote>();
    voters.set(record.user, record.vote);
    this.votes.delete(key);
    this.votes.set(key, voters);
    trim(this.votes, this.maxMessages);
  }

  vote(record: FeedbackRecord): Promise<VoteOutcome> {
    const result = this.peek(record);
    if (result.outcome !== "unchanged") this.apply(record);
    return Promise.resolve(result);
  }

  counts(message: MessageRef): Promise<VoteCounts> {
    return Promise.resolve(tally(this.votes.get(messageKey(message))));
  }
}

function tally(voters: Map<string, Vote> | undefined): VoteCounts {
  const counts = { up: 0, down: 0 };
  for (const vote of voters?.values() ?? []) counts[vote] += 1;
  return counts;
}
