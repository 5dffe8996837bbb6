/**
 * `@article-bot <question>` in a channel → the answer in the mention's thread. A mention inside a
 * thread gets the thread's earlier questions as history.
 */
import type { App } from "@slack/bolt";
import { parseMention, slackToPlain } from "../input";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { conversationKey } from "../stores";
import { threadSurface } from "../surfaces";

export function registerMention(app: App, rt: SlackRuntime): void {
  app.event("app_mention", async ({ event, body, client, context }) => {
    // Bots (ourselves included) and edits (`subtype: message_changed`…) never get an answer: no loops, no doubles.
    if (event.bot_id !== undefined || event.subtype !== undefined || event.user === undefined) return;
    // A mention in a DM is answered by the DM listener (message.im); answering here too would double it.
    if (event.channel.startsWith("D")) return;
    const threadTs = event.thread_ts ?? event.ts;
    const team = body.team_id ?? context.teamId;
    const surface = threadSurface(client, {
      name: "mention",
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
    await handleInput(rt, surface, parseMention(slackToPlain(event.text, context.botUserId)));
  });
}
