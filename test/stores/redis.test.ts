/**
 * The Redis stores against a real redis-server (started here on a free loopback port, stopped by
 * PID): the same contract as the memory stores, sharing between two connections (two replicas),
 * and what happens when Redis stops mid-run and comes back.
 */
import { type RedisServer, startRedis } from "../../scripts/services";
import { RedisDedupeStore, RedisRateLimiter, RedisShareStore, RedisThreadMemory } from "../../src/slack/stores/redis";
import { RedisConnection } from "../../src/slack/stores/redisConnection";
import { memoryLogger } from "../helpers/slackHarness";
import { dedupeContract, fresh, rateLimitContract, shareContract, sleep, threadContract } from "./contract";

let server: RedisServer;
const connections: RedisConnection[] = [];
const { logger, lines } = memoryLogger();
const connect = async (): Promise<RedisConnection> => {
  const c = await RedisConnection.connect(server.url, logger);
  connections.push(c);
  return c;
};

beforeAll(async () => {
  server = await startRedis();
});
afterAll(async () => {
  for (const c of connections) await c.close();
  await server?.close();
});

describe("redis dedupe", () => dedupeContract(async (ttlMs) => new RedisDedupeStore(await connect(), ttlMs)));
describe("redis thread memory", () => threadContract(async (limits) => new RedisThreadMemory(await connect(), limits)));
describe("redis shares", () => shareContract(async (ttlMs) => new RedisShareStore(await connect(), ttlMs)));
describe("redis rate limit", () => rateLimitContract(async (limit, windowMs) => new RedisRateLimiter(await connect(), { limit, windowMs })));

test("two replicas (two connections) share every store", async () => {
  const [a, b] = [await connect(), await connect()];
  const key = fresh("T1:event");
  expect(await new RedisDedupeStore(a).claim(key)).toBe(true);
  expect(await new RedisDedupeStore(b).claim(key)).toBe(false);
  const thread = fresh("T1:C1:1.1");
  await new RedisThreadMemory(a).add(thread, "who visited?");
  expect(await new RedisThreadMemory(b).get(thread)).toEqual(["who visited?"]);
  const entry = { job: { kind: "quote" as const, query: "lock" }, done: { kind: "quote" as const, result: { query: "lock", matches: [], ms: 1 } } };
  const id = await new RedisShareStore(a).put(entry);
  expect(await new RedisShareStore(b).get(id)).toEqual(entry);
  const user = fresh("T1:U1");
  const [la, lb] = [new RedisRateLimiter(a, { limit: 2 }), new RedisRateLimiter(b, { limit: 2 })];
  expect((await la.take(user)).allowed).toBe(true);
  expect((await lb.take(user)).allowed).toBe(true);
  expect(await la.take(user)).toEqual(expect.objectContaining({ allowed: false, firstRefusal: true }));
  expect(await lb.take(user)).toEqual(expect.objectContaining({ allowed: false, firstRefusal: false }));
});

test("Redis stopped mid-run: stores fall back to memory with one warning, and use Redis again once it is back", async () => {
  const c = await connect();
  const other = await connect();
  const dedupe = new RedisDedupeStore(c);
  const threads = new RedisThreadMemory(c);
  const limiter = new RedisRateLimiter(c, { limit: 2 });
  const handled = fresh("T1:event");
  expect(await dedupe.claim(handled)).toBe(true);
  const before = lines.length;

  await server.stop();
  const started = Date.now();
  // What this replica handled itself is still known; new work goes on, per replica.
  expect(await dedupe.claim(handled)).toBe(false);
  const during = fresh("T1:event");
  expect(await dedupe.claim(during)).toBe(true);
  expect(await dedupe.claim(during)).toBe(false);
  const thread = fresh("T1:C1:2.2");
  await threads.add(thread, "q during outage");
  expect(await threads.get(thread)).toEqual(["q during outage"]);
  const user = fresh("T1:U9");
  expect((await limiter.take(user)).allowed).toBe(true);
  expect((await limiter.take(user)).allowed).toBe(true);
  expect(await limiter.take(user)).toEqual(expect.objectContaining({ allowed: false, firstRefusal: true }));
  expect(Date.now() - started).toBeLessThan(1000);
  const warnings = (): unknown[] => lines.slice(before).filter((l) => l.level === 40 && String(l.msg).startsWith("Redis unreachable"));
  expect(warnings().length).toBeGreaterThanOrEqual(1);
  // Every open connection (this file keeps the contract tests' ones open too) notices the outage
  // on its own socket's close event, some of them later than this test's requests: wait for all.
  const noticed = Date.now() + 5000;
  while (warnings().length < connections.length && Date.now() < noticed) await sleep(20);
  // One warning per connection and outage, however many requests fell back and reconnects failed.
  expect(warnings().length).toBe(connections.length);

  await server.start();
  const deadline = Date.now() + 8000;
  while (!(c.available && other.available) && Date.now() < deadline) await sleep(50);
  expect(c.available).toBe(true);
  const after = fresh("T1:event");
  expect(await dedupe.claim(after)).toBe(true);
  expect(await new RedisDedupeStore(other).claim(after)).toBe(false);
  expect(lines.slice(before).some((l) => l.msg === "Redis is back: shared state in use again")).toBe(true);
  expect(warnings().length).toBe(connections.length);
});

test("an unreachable Redis at start-up is an error for the caller to report", async () => {
  const dead = `redis://127.0.0.1:${server.port + 1 === 65536 ? 1 : server.port + 1}`;
  await expect(RedisConnection.connect(dead, logger)).rejects.toThrow();
});
