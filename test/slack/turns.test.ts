/**
 * nextTurn(): listeners of a burst start one per event-loop turn, with network reads polled between,
 * and only once arrivals (noteArrival) have paused, for at most MAX_HOLD_MS.
 */
import { once } from "node:events";
import { type AddressInfo, createServer, connect } from "node:net";
import { MAX_HOLD_MS, QUIET_MS, nextTurn, noteArrival } from "../../src/slack/turns";

function busyWait(ms: number): void {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    // The CPU-bound start of a listener (parsing, rate limit, rendering) holds the thread like this.
  }
}

describe("nextTurn", () => {
  test("starts waiters in arrival order, each on its own turn of the event loop", async () => {
    let turn = 0;
    let ticking = true;
    const tick = (): void => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const started: Array<{ id: number; turn: number }> = [];
    await Promise.all([0, 1, 2, 3].map(async (id) => {
      await nextTurn();
      started.push({ id, turn });
    }));
    ticking = false;
    expect(started.map((s) => s.id)).toEqual([0, 1, 2, 3]);
    for (let i = 1; i < started.length; i++) expect(started[i]!.turn).toBeGreaterThan(started[i - 1]!.turn);
  });

  test("data that arrives while one listener works is read before the next listener starts", async () => {
    const events: string[] = [];
    const server = createServer((socket) => socket.on("data", () => events.push("read")));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const client = connect((server.address() as AddressInfo).port, "127.0.0.1");
    await once(client, "connect");
    // Let the server accept the connection first, so only the data is pending below.
    await new Promise((resolve) => setTimeout(resolve, 50));
    try {
      await Promise.all([
        (async () => {
          await nextTurn();
          events.push("start 1");
          client.write("x");
          busyWait(100); // the byte reaches the server's socket buffer meanwhile
        })(),
        (async () => {
          await nextTurn();
          events.push("start 2");
        })(),
      ]);
      expect(events).toEqual(["start 1", "read", "start 2"]);
    } finally {
      client.destroy();
      server.close();
    }
  });

  test("a listener waits while connections keep arriving, and starts once they pause", async () => {
    // A burst arriving over 40 ms, one connection per ms: no listener may start in the middle of it.
    let lastArrivalAt = 0;
    const arrivals = setInterval(() => {
      noteArrival();
      lastArrivalAt = performance.now();
    }, 1);
    noteArrival();
    const stopArrivals = setTimeout(() => clearInterval(arrivals), 40);
    const queuedAt = performance.now();
    await nextTurn();
    const startedAt = performance.now();
    clearInterval(arrivals);
    clearTimeout(stopArrivals);
    expect(startedAt - queuedAt).toBeGreaterThanOrEqual(40);
    expect(startedAt - lastArrivalAt).toBeGreaterThanOrEqual(QUIET_MS - 1);
  });

  test("a listener starts after MAX_HOLD_MS even if arrivals never pause", async () => {
    const arrivals = setInterval(noteArrival, 1);
    noteArrival();
    try {
      const queuedAt = performance.now();
      await nextTurn();
      const waited = performance.now() - queuedAt;
      expect(waited).toBeGreaterThanOrEqual(MAX_HOLD_MS - 1);
      // Still arriving: it was the hold limit, not a pause, that started it.
      expect(performance.now() - queuedAt).toBeLessThan(MAX_HOLD_MS * 3);
    } finally {
      clearInterval(arrivals);
    }
  });

  test("with nothing arriving, a listener starts on the next turn", async () => {
    await new Promise((resolve) => setTimeout(resolve, QUIET_MS + 5));
    let turns = 0;
    const tick = (): void => {
      turns++;
      if (turns < 1000) setImmediate(tick);
    };
    setImmediate(tick);
    await nextTurn();
    expect(turns).toBeLessThanOrEqual(2);
    turns = 1000;
  });
});
