/**
 * One request, once Slack has been acked, in one direction:
 * input → (help | rate limit) → job → engine result → blocks → post.
 * On any failure: an apology to the person plus one log line with the cause. Nothing here throws:
 * a listener that throws would only reach Bolt's error handler, and the person would hear nothing.
 */
import { type AskProgress, type Engine, isEngineBusy } from "../contract";
import type { Logger } from "../log";
import { type ResultActions, feedbackValue } from "./blocks/buttons";
import { APOLOGY, BUSY, INVITE_ME, renderHelp, renderNotice, renderRateLimited } from "./blocks/notices";
import { renderResult, requestLine } from "./blocks/results";
import { describeError, slackErrorCode, withSlackRetry } from "./errors";
import { type JobResult, type SlackInput, type SlackJob, jobInput } from "./job";
import { type SlackRuntime, renderContext } from "./runtime";
import { encodeShareValue } from "./stores";
import type { ProgressStream } from "./stream";
import type { Surface } from "./surfaces";
import { nextTurn } from "./turns";

/** Quote lookups show this many passages: enough to find the one you remember, short enough to read. */
const QUOTE_LIMIT = 5;

export async function handleInput(rt: SlackRuntime, surface: Surface, input: SlackInput): Promise<void> {
  // Slack has been acked; requests still arriving are read and acked between two starts (see turns.ts).
  await nextTurn();
  const log = rt.logger.child({ surface: surface.name, user: surface.user, channel: surface.channel, ...surface.logFields });
  if (input.kind === "help") {
    await deliverHelp(rt, surface, input, log);
    return;
  }
  const decision = await rt.limiter.take(surface.team !== undefined ? `${surface.team}:${surface.user}` : surface.user);
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

/** The engine call that belongs to each kind of job. */
export async function runJob(
  engine: Engine,
  job: SlackJob,
  history: string[],
  onProgress?: (step: AskProgress) => void,
): Promise<JobResult> {
  switch (job.kind) {
    case "ask":
      return { kind: "ask", result: await engine.ask(job.question, { history, ...(onProgress !== undefined ? { onProgress } : {}) }) };
    case "quote":
      return { kind: "quote", result: await engine.findQuotes(job.query, { limit: QUOTE_LIMIT }) };
    case "summary":
      return { kind: "summary", result: await engine.summarize({ topic: job.topic, length: job.length, ...(onProgress !== undefined ? { onProgress } : {}) }) };
  }
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
  let stream: ProgressStream | undefined;
  try {
    await surface.progress?.begin(log);
    const history = surface.historyKey !== undefined ? await rt.threads.get(surface.historyKey) : [];
    // With a model, the steps are streamed (never its text); offline answers are too fast to need it.
    stream = job.kind !== "quote" && rt.engine.status().llm.enabled ? surface.openStream?.(log) : undefined;
    const done = await runJob(rt.engine, job, history, stream !== undefined ? (step) => stream?.update(step) : undefined);
    await surface.progress?.settle(log);
    if (job.kind === "ask" && done.kind === "ask" && surface.historyKey !== undefined) {
      await rt.threads.add(surface.historyKey, done.result.resolvedQuestion ?? job.question);
    }
    phase = "slack";
    const messages = renderResult(done, renderContext(rt), {
      actions: await buttonsFor(rt, surface, job, done),
      ...(surface.showRequest ? { header: requestLine(job) } : {}),
      ...(job.kind === "quote" && job.claim === true ? { claim: true } : {}),
      ...(surface.maxMessages !== undefined ? { maxMessages: surface.maxMessages } : {}),
    });
    // The stream ends with the first page of verified blocks; if it failed, that page is posted too.
    const [first, ...rest] = messages;
    const streamed = stream !== undefined && first !== undefined && (await stream.finish(first));
    for (const message of streamed ? rest : messages) {
      await withSlackRetry(() => surface.post(message), rt.maxRateLimitWaitSec);
    }
    log.info(
      {
        kind: job.kind,
        chars: jobInput(job).length,
        history: history.length,
        parts: messages.length,
        streamed,
        ms: Date.now() - started,
        ...resultLogFields(done),
      },
      "answered",
    );
  } catch (err) {
    // A full embedding queue is load, not a fault: the person hears "busy, try again", the log a warning.
    const busy = phase === "engine" && isEngineBusy(err);
    if (busy) log.warn({ kind: job.kind, ms: Date.now() - started }, "engine busy: request refused");
    else log.error({ kind: job.kind, phase, ms: Date.now() - started, err: describeError(err) }, "request failed");
    await stream?.fail();
    await surface.progress?.abandon(log);
    const code = slackErrorCode(err);
    // Not invited (a shortcut used in a channel the bot is not in): say how to fix it.
    const cannotPost = phase === "slack" && code === "not_in_channel";
    await surface.notify(renderNotice(busy ? BUSY : cannotPost ? INVITE_ME : APOLOGY)).catch((notifyErr: unknown) => {
      log.warn({ err: describeError(notifyErr) }, "apology could not be delivered");
    });
  }
}

async function buttonsFor(rt: SlackRuntime, surface: Surface, job: SlackJob, done: JobResult): Promise<ResultActions> {
  if (surface.buttons === "share") return { kind: "share", value: encodeShareValue({ id: await rt.shares.put({ job, done }), job }) };
  return { kind: "feedback", value: feedbackValue(job, done) };
}

/** Fields for the info log line: sizes, timings and modes, never the text itself. */
function resultLogFields(done: JobResult): Record<string, unknown> {
  switch (done.kind) {
    case "ask":
      return {
        mode: done.result.mode,
        model: done.result.model,
        answerable: done.result.answerable,
        citations: done.result.citations.length,
        engineMs: done.result.ms,
      };
    case "quote":
      return { matches: done.result.matches.length, engineMs: done.result.ms };
    case "summary":
      return {
        mode: done.result.mode,
        model: done.result.model,
        found: done.result.found,
        bullets: done.result.bullets.length,
        engineMs: done.result.ms,
      };
  }
}
