/** Global Bolt middleware. */
import type { AnyMiddlewareArgs, Middleware } from "@slack/bolt";
import type { Logger } from "../log";
import { describeError } from "./errors";
import type { DedupeStore, InFlight } from "./stores";

/**
 * Registers every request's whole handling (after the ack) as in-flight work, first thing, so that
 * `stop()` waits for answers being written and tests can wait for "done" instead of sleeping.
 * Bolt calls the global middleware in the same turn as the ack, before the HTTP response can reach
 * Slack, so a request is never acked without being tracked.
 */
export function trackInFlight(inflight: InFlight): Middleware<AnyMiddlewareArgs> {
  return async ({ next }) => {
    await inflight.track(next());
  };
}

/**
 * Drops redeliveries of an event already handled. Slack retries (X-Slack-Retry-Num over HTTP,
 * `retry_attempt` in Socket Mode) carry the same `event_id`; Bolt has already acked by the time this
 * runs, so dropping is silent and final. If the store fails we answer rather than go quiet.
 */
export function dedupeEvents(store: DedupeStore, logger: Logger): Middleware<AnyMiddlewareArgs> {
  return async ({ body, context, next }) => {
    const eventId = "event_id" in body && typeof body.event_id === "string" ? body.event_id : undefined;
    if (eventId === undefined) {
      await next();
      return;
    }
    let first = true;
    try {
      // Event ids are Slack's, but every shared key carries the workspace, for one-team clean-up and reading.
      const team = "team_id" in body && typeof body.team_id === "string" ? body.team_id : (context.teamId ?? "-");
      first = await store.claim(`${team}:event:${eventId}`);
    } catch (err) {
      logger.warn({ eventId, err: describeError(err) }, "dedupe store failed; handling the event anyway");
    }
    if (!first) {
      logger.info({ eventId, retryNum: context.retryNum, retryReason: context.retryReason }, "duplicate delivery dropped");
      return;
    }
    await next();
  };
}
