/**
 * *Ask article-bot* on any message: the message is the question, answered in its thread (with the
 * thread's earlier questions as history). Notices (rate limit, apology) go privately through the
 * shortcut's response_url, which works even where the bot was not invited.
 */
import type { App, MessageShortcut } from "@slack/bolt";
import { renderNotice } from "../blocks/notices";
import { describeError } from "../errors";
import { slackToPlain } from "../input";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { conversationKey } from "../stores";
import { threadSurface } from "../surfaces";
import { SHORTCUT_IDS } from "./shortcutIds";

export function registerAskShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUT_IDS.ask, type: "message_action" }, async ({ ack, shortcut, respond, client, context }) => {
    await ack();
    const message = shortcut.message;
    const threadTs = typeof message.thread_ts === "string" ? message.thread_ts : message.ts;
    const team = shortcut.team?.id ?? context.teamId;
    const surface = threadSurface(client, {
      name: "shortcut",
      ...(team !== undefined ? { team } : {}),
      user: shortcut.user.id,
      channel: shortcut.channel.id,
      threadTs,
      messageTs: message.ts,
      historyKey: conversationKey(shortcut.channel.id, threadTs, team),
      botUserId: context.botUserId,
      progressDelayMs: rt.progressDelayMs,
      logFields: { team: shortcut.team?.id, shortcut: SHORTCUT_IDS.ask },
      respond,
    });
    const question = slackToPlain(message.text ?? "", context.botUserId);
    if (question === "") {
      await surface.notify(renderNotice("That message has no text I could answer as a question.")).catch((err: unknown) => {
        rt.logger.warn({ surface: "shortcut", err: describeError(err) }, "notice could not be delivered");
      });
      return;
    }
    await handleInput(rt, surface, { kind: "ask", question });
  });
}
