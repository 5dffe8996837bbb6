/**
 * One behaviour, several backends: each store kind's contract as a jest suite, run by
 * memory.test.ts against the in-process stores and by the shared-backend tests against Redis and
 * PostgreSQL. Keys are unique per run so that suites sharing a server never see each other.
 */
import { randomBytes } from "node:crypto";
import type { DedupeStore, FeedbackRecord, FeedbackStore, RateLimiter, ShareStore, ThreadMemory } from "../../src/slack/stores";

export const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
export const fresh = (prefix: string): string => `${prefix}-${randomBytes(6).toString("hex")}`;

/** Short enough for a quick test, long enough that a loaded machine does not expire keys early. */
const TTL_MS = 400;

export function dedupeContract(make: (ttlMs: number) => Promise<DedupeStore> | DedupeStore): void {
  test("a key is claimed once, other keys are independent, and it is free again after the TTL", async () => {
    const store = await make(TTL_MS);
    const key = fresh("evt");
    expect(await store.claim(key)).toBe(true);
    expect(await store.claim(key)).toBe(false);
    expect(await store.claim(fresh("evt"))).toBe(true);
    await sleep(TTL_MS + 250);
    expect(await store.claim(key)).toBe(true);
  });

  test("concurrent claims of one key: exactly one wins", async () => {
    const store = await make(TTL_MS * 10);
    const key = fresh("evt");
    const wins = (await Promise.all(Array.from({ length: 20 }, () => store.claim(key)))).filter(Boolean);
    expect(wins).toHaveLength(1);
  });
}

export function threadContract(make: (limits: { maxQuestions: number; ttlMs: number }) => Promise<ThreadMemory> | ThreadMemory): void {
  test("keeps the last questions per conversation, oldest first, and forgets idle ones", async () => {
    const memory = await make({ maxQuestions: 2, ttlMs: TTL_MS });
    const key = fresh("T1:C1:1730000000.000100");
    expect(await memory.get(key)).toEqual([]);
    await memory.add(key, "q1");
    await memory.add(key, "q2");
    await memory.add(key, "q3 with “quotes” & <brackets>");
    expect(await memory.get(key)).toEqual(["q2", "q3 with “quotes” & <brackets>"]);
    expect(await memory.get(fresh("other"))).toEqual([]);
    await sleep(TTL_MS + 250);
    expect(await memory.get(key)).toEqual([]);
  });
}

export function shareContract(make: (ttlMs: number) => Promise<ShareStore> | ShareStore): void {
  test("an entry comes back whole under an unguessable id, unknown ids are undefined, entries expire", async () => {
    const store = await make(TTL_MS);
    const entry = {
      job: { kind: "ask" as const, question: "who visited? \u2028 & <x>" },
      done: {
        kind: "ask" as const,
        result: { question: "who visited?", answerable: true, answer: "Noem.", citations: [], short: null, mode: "extractive" as const, ms: 3 },
      },
    };
    const id = await store.put(entry);
    const other = await store.put(entry);
    expect(id).toMatch(/^[0-9a-f]{16,}$/);
    expect(other).not.toBe(id);
    expect(await store.get(id)).toEqual(entry);
    expect(await store.get("0000000000000000")).toBeUndefined();
    await sleep(TTL_MS + 250);
    expect(await store.get(id)).toBeUndefined();
  });
}

export function rateLimitContract(make: (limit: number, windowMs: number) => Promise<RateLimiter> | RateLimiter): void {
  test("N per window per key, one notice per refusal streak, free again after the window", async () => {
    const windowMs = 1000;
    const limiter = await make(2, windowMs);
    const user = fresh("T1:U1");
    expect((await limiter.take(user)).allowed).toBe(true);
    expect((await limiter.take(user)).allowed).toBe(true);
    const refused = await limiter.take(user);
    expect(refused.allowed).toBe(false);
    expect(refused.firstRefusal).toBe(true);
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(windowMs);
    expect(await limiter.take(user)).toEqual(expect.objectContaining({ allowed: false, firstRefusal: false }));
    expect((await limiter.take(fresh("T1:U2"))).allowed).toBe(true);
    await sleep(windowMs + 300);
    expect((await limiter.take(user)).allowed).toBe(true);
  });

  test("concurrent requests: exactly `limit` go ahead", async () => {
    const limiter = await make(3, 60_000);
    const user = fresh("T1:U3");
    const decisions = await Promise.all(Array.from({ length: 12 }, () => limiter.take(user)));
    expect(decisions.filter((d) => d.allowed)).toHaveLength(3);
    expect(decisions.filter((d) => d.firstRefusal)).toHaveLength(1);
  });
}

export function feedbackContract(make: () => Promise<FeedbackStore> | FeedbackStore): void {
  const click = (over: Partial<FeedbackRecord>): FeedbackRecord => ({
    at: new Date().toISOString(),
    vote: "up",
    user: "U1",
    team: "T1",
    channel: "C1",
    messageTs: "1730001000.000001",
    kind: "ask",
    input: "who visited?",
    mode: "extractive",
    ...over,
  });

  test("one vote per person per message: the same click is a no-op, the other button changes the vote", async () => {
    const store = await make();
    const messageTs = fresh("1730001000");
    expect(await store.vote(click({ messageTs }))).toEqual({ outcome: "recorded", counts: { up: 1, down: 0 } });
    for (let i = 0; i < 4; i++) expect(await store.vote(click({ messageTs }))).toEqual({ outcome: "unchanged", counts: { up: 1, down: 0 } });
    expect(await store.vote(click({ messageTs, vote: "down" }))).toEqual({ outcome: "changed", counts: { up: 0, down: 1 } });
    expect(await store.vote(click({ messageTs, user: "U2" }))).toEqual({ outcome: "recorded", counts: { up: 1, down: 1 } });
    expect(await store.counts({ team: "T1", channel: "C1", messageTs })).toEqual({ up: 1, down: 1 });
  });

  test("messages are told apart by team and channel; unknown messages count zero", async () => {
    const store = await make();
    const messageTs = fresh("1730002000");
    await store.vote(click({ messageTs }));
    await store.vote(click({ messageTs, team: "T2", vote: "down" }));
    await store.vote(click({ messageTs, channel: "C2" }));
    expect(await store.counts({ team: "T1", channel: "C1", messageTs })).toEqual({ up: 1, down: 0 });
    expect(await store.counts({ team: "T2", channel: "C1", messageTs })).toEqual({ up: 0, down: 1 });
    expect(await store.counts({ team: "T1", channel: "C9", messageTs })).toEqual({ up: 0, down: 0 });
  });

  test("concurrent clicks: one person counts once, ten people count ten, a U+2028 question is kept", async () => {
    const store = await make();
    const messageTs = fresh("1730003000");
    const same = await Promise.all(Array.from({ length: 8 }, () => store.vote(click({ messageTs, input: "line\u2028break?" }))));
    expect(same.filter((r) => r.outcome === "recorded")).toHaveLength(1);
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.vote(click({ messageTs, user: `UM${i}`, vote: i < 3 ? "down" : "up" }))));
    expect(await store.counts({ team: "T1", channel: "C1", messageTs })).toEqual({ up: 8, down: 3 });
  });
}
