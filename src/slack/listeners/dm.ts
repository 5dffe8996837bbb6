/**
 * Direct messages (message.im): words people remember → the matching verbatim passages;
 * a question → an answer; `help` → how to use the bot.
 */
import type { App } from "@slack/bolt";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { slackSurface } from "../surfaces";
import { parseDirectMessage, slackToPlain } from "../input";
import { conversationKey } from "../stores";

export function registerDirectMessages(app: App, rt: SlackRuntime): void {
  app.event("message", async ({ event, body, client, context }) => {
    if (event.channel_type !== "im") return;
    // `message` carries every subtype (edits, deletions, joins, bot posts): only plain human messages get an answer.
    if (event.subtype !== undefined || event.bot_id !== undefined) return;
    if (event.user === context.botUserId) return;
    const team = body.team_id ?? context.teamId;
    const surface = slackSurface(client, {
      name: "dm",
      ...(team !== undefined ? { team } : {}),
      user: event.user,
      channel: event.channel,
      ...(event.thread_ts !== undefined ? { threadTs: event.thread_ts } : {}),
      messageTs: event.ts,
      historyKey: conversationKey(event.channel, event.thread_ts, team),
      botUserId: context.botUserId,
      logFields: { eventId: body.event_id, team: body.team_id, retryNum: context.retryNum },
    });
    const input = parseDirectMessage(slackToPlain(event.text ?? "", context.botUserId));
    await handleInput(rt, surface, input);
  });
}
