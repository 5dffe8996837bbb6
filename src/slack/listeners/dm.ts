/**
 * Direct messages (message.im, the Messages tab): words people remember → the matching verbatim
 * passages; a question → an answer; `help` → how to use the bot. As in Slack's agent view, every
 * DM message is answered in its own thread, and replies in that thread are its follow-ups.
 */
import type { App } from "@slack/bolt";
import { parseDirectMessage, slackToPlain } from "../input";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { conversationKey } from "../stores";
import { threadSurface } from "../surfaces";

export function registerDirectMessages(app: App, rt: SlackRuntime): void {
  app.event("message", async ({ event, body, client, context }) => {
    if (event.channel_type !== "im") return;
    // `message` carries every subtype (edits, deletions, joins, bot posts): only plain human messages get an answer.
    if (event.subtype !== undefined || event.bot_id !== undefined) return;
    if (event.user === context.botUserId) return;
    const threadTs = event.thread_ts ?? event.ts;
    const team = body.team_id ?? context.teamId;
    const surface = threadSurface(client, {
      name: "dm",
      ...(team !== undefined ? { team } : {}),
      user: event.user,
      channel: event.channel,
      threadTs,
      messageTs: event.ts,
      historyKey: conversationKey(event.channel, threadTs, team),
      botUserId: context.botUserId,
      progressDelayMs: rt.progressDelayMs,
      logFields: { eventId: body.event_id, team: body.team_id, retryNum: context.retryNum },
    });
    await handleInput(rt, surface, parseDirectMessage(slackToPlain(event.text ?? "", context.botUserId)));
  });
}
