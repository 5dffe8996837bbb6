/**
 * Ack first, work later, one start at a time. Bolt acks an event before its listener runs, but the
 * listener's first stretch of work (rate limit, Web API status call, question parsing: a few ms each)
 * would otherwise run for every request of a burst back to back, while requests that arrive meanwhile
 * wait unread. `nextTurn()` lets one listener start per turn of the event loop, with network reads (and
 * so the acks of new requests) polled between every two starts. Measured in `npm run bench` (issue 14).
 */

const waiting: Array<() => void> = [];
let scheduled = false;

function release(): void {
  waiting.shift()?.();
  if (waiting.length > 0) setImmediate(release);
  else scheduled = false;
}

/** Resolves on a later turn of the event loop, after I/O has been polled, in arrival order. */
export function nextTurn(): Promise<void> {
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    if (!scheduled) {
      scheduled = true;
      setImmediate(release);
    }
  });
}
