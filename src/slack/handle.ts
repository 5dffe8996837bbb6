/**
 * The flow shared by mentions, DMs and the slash command, once Slack has been acked:
 * help → rate limit → engine (with a progress indicator if slow) → render → post, and on any
 * failure an apology to the person plus one log line with the cause. Nothing here throws: a
 * listener that throws would only reach Bolt's error handler, and the person would hear nothing.
 */
import type { Logger } from "../log";
import { describeError, withSlackRetry } from "./errors";
import { type JobResult, feedbackValue, renderJob, resultLogFields, runJob } from "./jobs";
import { APOLOGY, type ResultActions, type SlackMessage, renderHelp, renderNotice, renderRateLimited, requestLine } from "./render";
import { type SlackRuntime, renderContext } from "./runtime";
import { encodeShareValue } from "./stores";
import { type SlackInput, type SlackJob, jobInput } from "./text";

/** Where a request came from and how to answer there. */
export interface Surface {
  name: "mention" | "dm" | "command";
  user: string;
  channel: string;
  /** Conversation whose earlier questions are passed as history; none for one-off requests. */
  historyKey?: string;
  /** Buttons under results: 👍/👎 on visible messages, "Share in channel" on private ones. */
  buttons: "feedback" | "share";
  /** Repeat the request above the result (private results, where the command text is not shown). */
  showRequest: boolean;
  maxMessages?: number;
  /** The bot's own user id, to write "@article-bot" as a real mention in help texts. */
  botUserId?: string;
  /** Ids for log lines (event id, team…); never text. */
  logFields: Record<string, unknown>;
  post(message: SlackMessage): Promise<void>;
  /** A short private notice to the person (rate limit, apology). */
  notify(message: SlackMessage): Promise<void>;
  progress?: { show(): Promise<void>; hide(): Promise<void> };
}

export async function handleInput(rt: SlackRuntime, surface: Surface, input: SlackInput): Promise<void> {
  const log = rt.logger.child({ surface: surface.name, user: surface.user, channel: surface.channel, ...surface.logFields });
  if (input.kind === "help") {
    await deliverHelp(rt, surface, input, log);
    return;
  }
  const decision = await rt.limiter.take(surface.user);
  if (!decision.allowed) {
    log.info({ kind: input.kind, retryAfterMs: decision.retryAfterMs, notified: decision.firstRefusal }, "rate limited");
    if (decision.firstRefusal) {
      await surface.notify(renderRateLimited(decision.retryAfterMs, rt.limiter.limit)).catch((err: unknown) => {
        log.warn({ err: describeError(err) }, "rate-limit notice could not be delivered");
      });
    }
    return;
  }
  await answer(rt, surface, input, log);
}

async function deliverHelp(
  rt: SlackRuntime,
  surface: Surface,
  input: Extract<SlackInput, { kind: "help" }>,
  log: Logger,
): Promise<void> {
  const help = renderHelp({
    command: rt.config.command,
    ...(surface.botUserId !== undefined ? { botUserId: surface.botUserId } : {}),
    ...(input.unknown !== undefined ? { unknown: input.unknown } : {}),
    ...(input.missingFor !== undefined ? { missingFor: input.missingFor } : {}),
  });
  try {
    await withSlackRetry(() => surface.post(help), rt.maxRateLimitWaitSec);
    log.info({ kind: "help" }, "help shown");
  } catch (err) {
    log.error({ kind: "help", phase: "slack", err: describeError(err) }, "help could not be delivered");
  }
}

async function answer(rt: SlackRuntime, surface: Surface, job: SlackJob, log: Logger): Promise<void> {
  const started = Date.now();
  log.debug({ kind: job.kind, text: jobInput(job) }, "request text");
  let phase: "engine" | "slack" = "engine";
  try {
    const history = surface.historyKey !== undefined ? await rt.threads.get(surface.historyKey) : [];
    const done = await withProgress(rt, surface, () => runJob(rt.engine, job, history), log);
    if (job.kind === "ask" && done.kind === "ask" && surface.historyKey !== undefined) {
      await rt.threads.add(surface.historyKey, done.result.resolvedQuestion ?? job.question);
    }
    phase = "slack";
    const messages = renderJob(done, renderContext(rt), {
      actions: await buttonsFor(rt, surface, job, done),
      ...(surface.showRequest ? { header: requestLine(job) } : {}),
      ...(surface.maxMessages !== undefined ? { maxMessages: surface.maxMessages } : {}),
    });
    for (const message of messages) {
      await withSlackRetry(() => surface.post(message), rt.maxRateLimitWaitSec);
    }
    log.info(
      {
        kind: job.kind,
        chars: jobInput(job).length,
        history: history.length,
        parts: messages.length,
        ms: Date.now() - started,
        ...resultLogFields(done),
      },
      "answered",
    );
  } catch (err) {
    log.error({ kind: job.kind, phase, ms: Date.now() - started, err: describeError(err) }, "request failed");
    await surface.notify(renderNotice(APOLOGY)).catch((notifyErr: unknown) => {
      log.warn({ err: describeError(notifyErr) }, "apology could not be delivered");
    });
  }
}

async function buttonsFor(rt: SlackRuntime, surface: Surface, job: SlackJob, done: JobResult): Promise<ResultActions> {
  if (surface.buttons === "share") return { kind: "share", value: encodeShareValue({ id: await rt.shares.put({ job, done }), job }) };
  return { kind: "feedback", value: feedbackValue(job, done) };
}

/**
 * Runs `work`; if it is still running after `progressDelayMs`, shows progress (and hides it when
 * done). Fast answers (offline mode) therefore never flash a reaction. Progress failures are only
 * logged: a missing reaction must not cost the answer.
 */
async function withProgress<T>(rt: SlackRuntime, surface: Surface, work: () => Promise<T>, log: Logger): Promise<T> {
  const progress = surface.progress;
  if (progress === undefined) return work();
  let shown: Promise<boolean> | undefined;
  const timer = setTimeout(() => {
    shown = progress.show().then(
      () => true,
      (err: unknown) => {
        log.warn({ err: describeError(err) }, "progress indicator failed");
        return false;
      },
    );
  }, rt.progressDelayMs);
  try {
    return await work();
  } finally {
    clearTimeout(timer);
    if (shown !== undefined && (await shown)) {
      await progress.hide().catch((err: unknown) => log.warn({ err: describeError(err) }, "progress indicator not removed"));
    }
  }
}
