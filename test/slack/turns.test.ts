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

  // The two tests below run on Jest's fake clock (timers, setImmediate and performance.now): on a loaded
  // machine real 1 ms intervals fire late, and a late tick would look like a pause. They come last: they
  // leave fake-clock arrival times behind.
  /** Queues a listener on the fake clock after one arrival; `arriveFor(ms)` keeps connections coming, one per ms. */
  async function onFakeClock(check: (listener: { started: () => boolean; arriveFor: (ms: number) => Promise<void> }) => Promise<void>): Promise<void> {
    jest.useFakeTimers();
    try {
      noteArrival();
      let started = false;
      const turn = nextTurn().then(() => {
        started = true;
      });
      const arriveFor = async (ms: number): Promise<void> => {
        for (let i = 0; i < ms; i++) {
          await jest.advanceTimersByTimeAsync(1);
          noteArrival();
        }
      };
      await check({ started: () => started, arriveFor });
      await turn;
    } finally {
      jest.useRealTimers();
    }
  }

  test("a listener waits while connections keep arriving, and starts once they pause", async () => {
    await onFakeClock(async ({ started, arriveFor }) => {
      // A burst arriving over 40 ms, one connection per ms: no listener may start in the middle of it.
      for (let ms = 0; ms < 40; ms++) {
        await arriveFor(1);
        expect(started()).toBe(false);
      }
      await jest.advanceTimersByTimeAsync(QUIET_MS - 1);
      expect(started()).toBe(false);
      await jest.advanceTimersByTimeAsync(2);
      expect(started()).toBe(true);
    });
  });

  test("a listener starts after MAX_HOLD_MS even if arrivals never pause", async () => {
    await onFakeClock(async ({ started, arriveFor }) => {
      await arriveFor(MAX_HOLD_MS - 2);
      expect(started()).toBe(false);
      await arriveFor(4);
      // Still arriving: it was the hold limit, not a pause, that started it.
      expect(started()).toBe(true);
    });
  });
});
