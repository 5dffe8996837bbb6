/**
 * "Share in channel" under a private result: post the same result visibly (the stored one, or,
 * after a restart, the same request run again), then remove the private copy.
 */
import type { BlockAction, ButtonAction, RespondFn, webApi } from "@slack/bolt";
import { feedbackValue } from "../blocks/buttons";
import { APOLOGY } from "../blocks/notices";
import { renderResult, requestLine } from "../blocks/results";
import { CANNOT_POST_HERE, describeError, slackErrorCode, withSlackRetry } from "../errors";
import type { JobResult } from "../job";
import { runJob } from "../pipeline";
import { type SlackRuntime, renderContext } from "../runtime";
import { decodeShareValue } from "../stores";
import { clicked } from "./click";

export async function shareResult(
  rt: SlackRuntime,
  body: BlockAction<ButtonAction>,
  action: ButtonAction,
  client: webApi.WebClient,
  respond: RespondFn,
): Promise<void> {
  const { channel, log } = clicked(rt, body, "share");
  const value = decodeShareValue(action.value);
  if (value === undefined || typeof channel !== "string") {
    log.warn("share clicked with an unreadable button value");
    return;
  }
  try {
    const cached = await rt.shares.get(value.id);
    const done: JobResult = cached?.done ?? (await runJob(rt.engine, value.job, []));
    const messages = renderResult(done, renderContext(rt), {
      actions: { kind: "feedback", value: feedbackValue(value.job, done) },
      header: requestLine(value.job, body.user.id),
      claim: value.job.kind === "quote" && value.job.claim === true,
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
