/**
 * The stores on Redis, so that replicas behind a load balancer share them. Each keeps a memory
 * twin: written through while Redis is up (so that during an outage this replica still knows
 * what it handled itself) and used alone while Redis is down (see RedisConnection.run).
 * Keys: `<prefix>:<kind>:<key>`, where the callers' keys lead with the team id.
 */
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from "rate-limiter-flexible";
import { DEDUPE_TTL_MS, type DedupeStore } from "./dedupe";
import { MemoryDedupeStore, MemoryShareStore, MemoryThreadMemory } from "./memory";
import type { RateDecision, RateLimiter } from "./rateLimit";
import type { RedisConnection } from "./redisConnection";
import { SHARE_TTL_MS, type ShareStore, type SharedEntry } from "./shares";
import { THREAD_LIMITS, type ThreadLimits, type ThreadMemory } from "./threads";

export const REDIS_PREFIX = "article-bot";

export class RedisDedupeStore implements DedupeStore {
  private readonly local: MemoryDedupeStore;

  constructor(
    private readonly redis: RedisConnection,
    private readonly ttlMs = DEDUPE_TTL_MS,
    private readonly prefix = REDIS_PREFIX,
  ) {
    this.local = new MemoryDedupeStore({ ttlMs });
  }

  claim(key: string, ttlMs: number = this.ttlMs): Promise<boolean> {
    return this.redis.run(
      async () => {
        // SET NX is the whole protocol: of two replicas receiving the same retry, one gets "OK".
        const won = (await this.redis.client.set(`${this.prefix}:dedupe:${key}`, "1", "PX", ttlMs, "NX")) === "OK";
        if (won) await this.local.claim(key, ttlMs);
        return won;
      },
      () => this.local.claim(key, ttlMs),
    );
  }
}

export class RedisThreadMemory implements ThreadMemory {
  private readonly local: MemoryThreadMemory;

  constructor(
    private readonly redis: RedisConnection,
    private readonly limits: ThreadLimits = THREAD_LIMITS,
    private readonly prefix = REDIS_PREFIX,
  ) {
    this.local = new MemoryThreadMemory(limits);
  }

  get(key: string): Promise<string[]> {
    return this.redis.run(
      () => this.redis.client.lrange(this.key(key), 0, -1),
      () => this.local.get(key),
    );
  }

  async add(key: string, question: string): Promise<void> {
    await this.local.add(key, question);
    await this.redis.run(
      async () => {
        // One round trip, applied as a unit: append, keep the last few, forget after the idle TTL.
        const results = await this.redis.client
          .multi()
          .rpush(this.key(key), question)
          .ltrim(this.key(key), -this.limits.maxQuestions, -1)
          .pexpire(this.key(key), this.limits.ttlMs)
          .exec();
        const failed = results?.find(([err]) => err !== null)?.[0];
        if (failed) throw failed;
      },
      () => Promise.resolve(),
    );
  }

  private key(key: string): string {
    return `${this.prefix}:thread:${key}`;
  }
}

export class RedisShareStore implements ShareStore {
  private readonly local: MemoryShareStore;

  constructor(
    private readonly redis: RedisConnection,
    private readonly ttlMs = SHARE_TTL_MS,
    private readonly prefix = REDIS_PREFIX,
  ) {
    this.local = new MemoryShareStore(500, ttlMs);
  }

  async put(entry: SharedEntry): Promise<string> {
    const id = await this.local.put(entry);
    await this.redis.run(
      async () => void (await this.redis.client.set(this.key(id), JSON.stringify(entry), "PX", this.ttlMs)),
      () => Promise.resolve(),
    );
    return id;
  }

  get(id: string): Promise<SharedEntry | undefined> {
    // Ids are hex: anything else in a button value never reaches Redis.
    if (!/^[0-9a-f]{16,64}$/.test(id)) return Promise.resolve(undefined);
    return this.redis.run(
      async () => {
        const raw = await this.redis.client.get(this.key(id));
        return raw === null ? this.local.get(id) : (JSON.parse(raw) as SharedEntry);
      },
      () => this.local.get(id),
    );
  }

  private key(id: string): string {
    return `${this.prefix}:share:${id}`;
  }
}


/**
 * rate-limiter-flexible's fixed window in Redis (one Lua call per request), insured by the same
 * limit in this replica's memory: when Redis fails, the insurance limiter answers instead.
 */
export class RedisRateLimiter implements RateLimiter {
  readonly limit: number;
  readonly windowMs: number;
  private readonly limiter: RateLimiterRedis;

  constructor(
    private readonly redis: RedisConnection,
    options: { limit: number; windowMs?: number },
    prefix = REDIS_PREFIX,
  ) {
    this.limit = Math.max(1, Math.floor(options.limit));
    this.windowMs = options.windowMs ?? 60_000;
    const duration = Math.max(1, Math.round(this.windowMs / 1000));
    this.limiter = new RateLimiterRedis({
      storeClient: redis.client,
      keyPrefix: `${prefix}:rl`,
      points: this.limit,
      duration,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points: this.limit, duration }),
    });
  }

  async take(key: string): Promise<RateDecision> {
    if (!this.redis.available) this.redis.markDown(new Error(`connection ${this.redis.client.status}`));
    try {
      await this.limiter.consume(key);
      return { allowed: true, retryAfterMs: 0, firstRefusal: false };
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
      // Each refused request counts too, so exactly one refusal per window sees limit + 1.
      return { allowed: false, retryAfterMs: rejection.msBeforeNext, firstRefusal: rejection.consumedPoints === this.limit + 1 };
    }
  }
}
