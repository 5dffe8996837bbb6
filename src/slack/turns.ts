/**
 * Ack first, work later, one start at a time. Bolt acks an event before its listener runs, but the
 * listener's first stretch of work (rate limit, Web API status call, question parsing: a few ms each)
 * would otherwise run for every request of a burst back to back, while requests that arrive meanwhile
 * wait unread, or not even accepted: a new connection waits in the kernel's backlog until the event loop
 * polls, and a listener that starts between two accepts delays every later one (measured: a burst of 20
 * mentions on new connections had its slowest acks at 165–196 ms with one start per turn alone, and at
 * 47–55 ms once starts also waited for a quiet moment; `npm run bench`, issue 14).
 *
 * So `nextTurn()` lets one listener start per turn of the event loop, and only once no connection or
 * request has arrived for `QUIET_MS` (the front end reports them with `noteArrival()`); a listener waits
 * at most `MAX_HOLD_MS`, so answers still start under a steady stream of requests. A single request pays
 * the quiet time once (a few ms of its answer, none of its ack).
 */

/** How long arrivals must pause before a listener starts: longer than the gap between two connections of one burst. */
export const QUIET_MS = 5;
/** The longest a listener waits for a pause (answers under sustained load start anyway). */
export const MAX_HOLD_MS = 300;

interface Waiter {
  start: () => void;
  since: number;
}

// One queue per process: the event loop it shares out is the process's own.
const waiting: Waiter[] = [];
let scheduled = false;
let lastArrival = Number.NEGATIVE_INFINITY;

/** A connection was accepted or a request began to arrive: listeners hold back for a moment. */
export function noteArrival(): void {
  lastArrival = performance.now();
}

function schedule(delayMs: number): void {
  scheduled = true;
  // setImmediate runs after the next I/O poll; a timer of ≥ 1 ms when waiting for quiet.
  if (delayMs <= 0) setImmediate(release);
  else setTimeout(release, delayMs);
}

function release(): void {
  scheduled = false;
  const head = waiting[0];
  if (head === undefined) return;
  const now = performance.now();
  const quietFor = now - lastArrival;
  const heldFor = now - head.since;
  if (quietFor < QUIET_MS && heldFor < MAX_HOLD_MS) {
    schedule(Math.min(QUIET_MS - quietFor, MAX_HOLD_MS - heldFor));
    return;
  }
  waiting.shift()?.start();
  if (waiting.length > 0) schedule(0);
}

/** Resolves on a later turn of the event loop, after I/O has been polled and arrivals have paused, in arrival order. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push({ start: resolve, since: performance.now() });
    if (!scheduled) schedule(0);
  });
}
