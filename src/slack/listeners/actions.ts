/**
 * Buttons: "Share in channel" under private results, and 👍/👎 under visible ones.
 * Both ack at once; the work (engine re-run, file append, Web API calls) happens after.
 */
import type { App, BlockAction, ButtonAction, RespondFn, webApi } from "@slack/bolt";
import { describeError, slackErrorCode, withSlackRetry } from "../errors";
import { type JobResult, feedbackValue, parseFeedbackValue, renderJob, runJob } from "../jobs";
import {
  ACTION_IDS,
  APOLOGY,
  type KnownBlock,
  requestLine,
  withFeedbackCounted,
} from "../render";
import { type SlackRuntime, renderContext } from "../runtime";
import { type Vote, type VoteOutcome, decodeShareValue } from "../stores";

type WebClient = webApi.WebClient;

/** Bolt types `container` loosely; read its ids defensively. */
function containerField(body: BlockAction<ButtonAction>, name: "channel_id" | "message_ts"): string | undefined {
  const container = body.container as Record<string, unknown>;
  const value = container[name];
  return typeof value === "string" ? value : undefined;
}

/** Where a button was clicked, and a logger that says who clicked it there. */
function clicked(rt: SlackRuntime, body: BlockAction<ButtonAction>, surface: "share" | "feedback") {
  const channel = body.channel?.id ?? containerField(body, "channel_id");
  return { channel, log: rt.logger.child({ surface, user: body.user.id, channel, team: body.team?.id }) };
}

export function registerActions(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    await rt.inflight.track(share(rt, body, action, client, respond));
  });
  for (const [actionId, vote] of [
    [ACTION_IDS.feedbackUp, "up"],
    [ACTION_IDS.feedbackDown, "down"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      await rt.inflight.track(recordFeedback(rt, vote, body, action, client, respond));
    });
  }
}

const CANNOT_POST_HERE = new Set(["not_in_channel", "channel_not_found", "is_archived", "restricted_action"]);

async function share(
  rt: SlackRuntime,
  body: BlockAction<ButtonAction>,
  action: ButtonAction,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const { channel, log } = clicked(rt, body, "share");
  const value = decodeShareValue(action.value);
  if (value === undefined || typeof channel !== "string") {
    log.warn("share clicked with an unreadable button value");
    return;
  }
  try {
    // The result shown privately, or (after a restart) the same request run again.
    const cached = await rt.shares.get(value.id);
    const done: JobResult = cached?.done ?? (await runJob(rt.engine, value.job, []));
    const messages = renderJob(done, renderContext(rt), {
      actions: { kind: "feedback", value: feedbackValue(value.job, done) },
      header: requestLine(value.job, body.user.id),
    });
    for (const message of messages) {
      await withSlackRetry(
        () =>
          client.chat.postMessage({
            channel,
            text: message.text,
            blocks: message.blocks,
            parse: "none",
            unfurl_links: false,
            unfurl_media: false,
          }),
        rt.maxRateLimitWaitSec,
      );
    }
    log.info({ kind: value.job.kind, cached: cached !== undefined, parts: messages.length }, "result shared");
    // The private copy has done its job; a failure to remove it is cosmetic.
    await respond({ delete_original: true }).catch((err: unknown) =>
      log.warn({ err: describeError(err) }, "private copy not removed"),
    );
  } catch (err) {
    const code = slackErrorCode(err);
    log.error({ kind: value.job.kind, err: describeError(err) }, "share failed");
    const text =
      code !== undefined && CANNOT_POST_HERE.has(code)
        ? "I can't post in this conversation. Invite me first (`/invite @article-bot`), then press Share again."
        : APOLOGY;
    await respond({ response_type: "ephemeral", replace_original: false, text }).catch((notifyErr: unknown) =>
      log.warn({ err: describeError(notifyErr) }, "share apology could not be delivered"),
    );
  }
}

function isBlockList(value: unknown): value is KnownBlock[] {
  return Array.isArray(value) && value.every((b) => typeof b === "object" && b !== null && "type" in b);
}

async function recordFeedback(
  rt: SlackRuntime,
  vote: Vote,
  body: BlockAction<ButtonAction>,
  action: ButtonAction,
  client: WebClient,
  respond: RespondFn,
): Promise<void> {
  const { channel, log } = clicked(rt, body, "feedback");
  const messageTs = body.message?.ts ?? containerField(body, "message_ts");
  const rated = parseFeedbackValue(action.value);
  let result: VoteOutcome;
  try {
    result = await rt.feedback.vote({
      at: new Date().toISOString(),
      vote,
      user: body.user.id,
      ...(body.team?.id !== undefined ? { team: body.team.id } : {}),
      ...(typeof channel === "string" ? { channel } : {}),
      ...(typeof messageTs === "string" ? { messageTs } : {}),
      kind: rated?.kind ?? "unknown",
      ...(rated !== undefined ? { input: rated.input } : {}),
      ...(rated?.mode !== undefined ? { mode: rated.mode } : {}),
      ...(rated?.model !== undefined ? { model: rated.model } : {}),
    });
    log.info({ vote, kind: rated?.kind, outcome: result.outcome }, "feedback recorded");
  } catch (err) {
    log.error({ vote, err: describeError(err) }, "feedback could not be saved");
    await respond({ response_type: "ephemeral", replace_original: false, text: APOLOGY }).catch(() => undefined);
    return;
  }
  // The same click again: nothing changed, so nothing to show (and no Web API call to spend).
  if (result.outcome === "unchanged") return;
  const blocks: unknown = body.message?.blocks;
  if (typeof channel !== "string" || typeof messageTs !== "string" || !isBlockList(blocks)) {
    // An ephemeral message cannot be edited with chat.update; say thanks privately instead.
    await respond({ response_type: "ephemeral", replace_original: false, text: "Thanks, your feedback was counted." }).catch(
      (err: unknown) => log.warn({ err: describeError(err) }, "feedback thanks could not be delivered"),
    );
    return;
  }
  // Counts come from the store: the ones in the message may be stale when two people click at once.
  const counts = result.counts;
  try {
    await withSlackRetry(
      () =>
        client.chat.update({
          channel,
          ts: messageTs,
          // chat.update defaults parse to "client", which would expand words into links and mentions.
          parse: "none",
          text: typeof body.message?.text === "string" ? body.message.text : "Feedback counted",
          blocks: withFeedbackCounted(blocks, counts, action.value ?? "", body.user.id),
        }),
      rt.maxRateLimitWaitSec,
    );
  } catch (err) {
    log.warn({ err: describeError(err) }, "message not updated after feedback");
  }
}
