/** The in-process stores (one replica, no backend): the shared contract plus their memory bounds. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  InFlight,
  JsonlFeedbackStore,
  MemoryDedupeStore,
  MemoryFeedbackStore,
  MemoryRateLimiter,
  MemoryShareStore,
  MemoryThreadMemory,
} from "../../src/slack/stores";
import { dedupeContract, feedbackContract, rateLimitContract, shareContract, threadContract } from "./contract";

const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(path.join(tmpdir(), "article-bot-stores-"));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("memory dedupe", () => dedupeContract((ttlMs) => new MemoryDedupeStore({ ttlMs })));
describe("memory thread memory", () => threadContract((limits) => new MemoryThreadMemory(limits)));
describe("memory shares", () => shareContract((ttlMs) => new MemoryShareStore(500, ttlMs)));
describe("memory rate limit", () => rateLimitContract((limit, windowMs) => new MemoryRateLimiter({ limit, windowMs })));
describe("memory feedback", () => feedbackContract(() => new MemoryFeedbackStore()));
describe("feedback.jsonl", () => feedbackContract(() => new JsonlFeedbackStore(tempDir())));

describe("memory bounds", () => {
  test("dedupe and threads stay under their caps (oldest dropped first)", async () => {
    let now = 0;
    const dedupe = new MemoryDedupeStore({ ttlMs: 1000, maxEntries: 3, now: () => now });
    for (const k of ["a", "b", "c", "d", "e"]) await dedupe.claim(k);
    expect(dedupe.size).toBe(3);
    expect(await dedupe.claim("e")).toBe(false);
    expect(await dedupe.claim("a")).toBe(true);
    now = 1001;
    expect(await dedupe.claim("e")).toBe(true);
    const threads = new MemoryThreadMemory({ maxConversations: 2 });
    for (const k of ["t1", "t2", "t3"]) await threads.add(k, k);
    expect(await threads.get("t1")).toEqual([]);
    expect(await threads.get("t3")).toEqual(["t3"]);
  });

  test("rate limiter: the window slides (retry-after counts from the oldest request)", async () => {
    let now = 0;
    const limiter = new MemoryRateLimiter({ limit: 2, windowMs: 60_000, now: () => now });
    await limiter.take("u");
    now = 10_000;
    await limiter.take("u");
    expect(await limiter.take("u")).toEqual({ allowed: false, retryAfterMs: 50_000, firstRefusal: true });
    now = 60_001;
    expect((await limiter.take("u")).allowed).toBe(true);
  });
});

describe("feedback.jsonl on disk", () => {
  const record = (over: Record<string, unknown> = {}) => ({
    at: "2026-12-01T00:00:00.000Z",
    vote: "up" as const,
    user: "U1",
    team: "T1",
    channel: "C1",
    messageTs: "1.1",
    kind: "ask",
    ...over,
  });

  test("one line per recorded or changed vote, none for a repeat; a restart keeps the votes", async () => {
    const dir = tempDir();
    const store = new JsonlFeedbackStore(path.join(dir, "nested"));
    await store.vote(record());
    await store.vote(record());
    await store.vote(record({ vote: "down" }));
    await Promise.all(Array.from({ length: 30 }, (_, i) => store.vote(record({ user: `U${i + 10}` }))));
    const lines = readFileSync(store.file, "utf8").trim().split("\n");
    expect(lines).toHaveLength(32);
    for (const line of lines) expect(() => JSON.parse(line) as unknown).not.toThrow();
    const again = new JsonlFeedbackStore(path.join(dir, "nested"));
    expect(await again.counts({ team: "T1", channel: "C1", messageTs: "1.1" })).toEqual({ up: 30, down: 1 });
    expect((await again.vote(record({ vote: "down" }))).outcome).toBe("unchanged");
  });

  test("U+2028/U+2029 are escaped, so no reader sees a record split in two; torn lines are skipped", async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, "feedback.jsonl"), '{"vote":"up","user":"U7","team":"T1","channel":"C1","messageTs":"1.1","kin\n');
    const store = new JsonlFeedbackStore(dir);
    await store.vote(record({ input: "a\u2028b\u2029c" }));
    const raw = readFileSync(store.file, "utf8");
    expect(raw).not.toMatch(/[\u2028\u2029]/);
    expect(raw).toContain("a\\u2028b\\u2029c");
    const last = raw.trim().split("\n").at(-1)!;
    expect((JSON.parse(last) as { input: string }).input).toBe("a\u2028b\u2029c");
    expect(await store.counts({ team: "T1", channel: "C1", messageTs: "1.1" })).toEqual({ up: 1, down: 0 });
  });

  test("a vote that cannot be written rejects and is not counted", async () => {
    const dir = tempDir();
    const store = new JsonlFeedbackStore(dir);
    await store.vote(record());
    // The file turns into a directory: every later append fails (as a full or read-only disk would).
    rmSync(store.file);
    mkdirSync(store.file);
    await expect(store.vote(record({ user: "U2" }))).rejects.toThrow();
    expect(await store.counts({ team: "T1", channel: "C1", messageTs: "1.1" })).toEqual({ up: 1, down: 0 });
  });
});

test("in-flight work is drained on stop, with a bound", async () => {
  const inflight = new InFlight();
  let done = false;
  void inflight.track(new Promise((r) => setTimeout(r, 50)).then(() => (done = true)));
  expect(await inflight.drain(1000)).toBe(true);
  expect(done).toBe(true);
  let release: () => void = () => undefined;
  void inflight.track(new Promise<void>((r) => (release = r)));
  expect(await inflight.drain(30)).toBe(false);
  release();
});
