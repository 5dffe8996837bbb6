/**
 * A 👍/👎 click (Slack's native feedback buttons, or the legacy buttons of older messages): the
 * vote goes to the feedback store, which keeps one vote per person per message (a second click on
 * the other button changes it, the same click again changes nothing), and the message is updated
 * with the store's counts. An ephemeral message, which chat.update cannot edit, is thanked privately.
 */
import type { BlockAction, RespondFn, webApi } from "@slack/bolt";
import { type FeedbackValue, withFeedbackCounted } from "../blocks/buttons";
import type { KnownBlock } from "../blocks/mrkdwn";
import { describeError, withSlackRetry } from "../errors";
import type { SlackRuntime } from "../runtime";
import type { Vote, VoteOutcome } from "../stores";
import { clicked, containerField } from "./click";

export const VOTE_NOT_SAVED = "Sorry, your vote could not be saved just now, so it was not counted. Please click again in a minute.";

function isBlockList(value: unknown): value is KnownBlock[] {
  return Array.isArray(value) && value.every((b) => typeof b === "object" && b !== null && "type" in b);
}

export interface FeedbackClick {
  vote: Vote;
  /** What was rated, from the button's value (undefined when unreadable: the vote still counts). */
  rated: FeedbackValue | undefined;
  /** The value to rebuild the buttons with. */
  value: string;
}

export async function recordFeedback(
  rt: SlackRuntime,
  click: FeedbackClick,
  body: BlockAction,
  client: webApi.WebClient,
  respond: RespondFn,
): Promise<void> {
  const { vote, rated } = click;
  const { channel, log } = clicked(rt, body, "feedback");
  const messageTs = body.message?.ts ?? containerField(body, "message_ts");
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
    // The click was acked, so the person believes it counted: say plainly that it did not.
    await respond({ response_type: "ephemeral", replace_original: false, text: VOTE_NOT_SAVED }).catch((notifyErr: unknown) =>
      log.warn({ err: describeError(notifyErr) }, "vote failure notice could not be delivered"),
    );
    return;
  }
  // The same click again: nothing changed, so nothing to show (and no Web API call to spend).
  if (result.outcome === "unchanged") return;
  const blocks: unknown = body.message?.blocks;
  if (typeof channel !== "string" || typeof messageTs !== "string" || !isBlockList(blocks)) {
    await respond({ response_type: "ephemeral", replace_original: false, text: "Thanks, your feedback was counted." }).catch(
      (err: unknown) => log.warn({ err: describeError(err) }, "feedback thanks could not be delivered"),
    );
    return;
  }
  try {
    await withSlackRetry(
      () =>
        client.chat.update({
          channel,
          ts: messageTs,
          // chat.update defaults parse to "client", which would expand words into links and mentions.
          parse: "none",
          text: typeof body.message?.text === "string" ? body.message.text : "Feedback counted",
          // Counts come from the store: the ones in the message may be stale when two people click at once.
          blocks: withFeedbackCounted(blocks, result.counts, click.value, body.user.id, result.outcome === "changed"),
        }),
      rt.maxRateLimitWaitSec,
    );
  } catch (err) {
    log.warn({ err: describeError(err) }, "message not updated after feedback");
  }
}
