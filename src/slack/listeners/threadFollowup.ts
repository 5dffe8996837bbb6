/**
 * Follow-ups without a re-mention (opt-in, SLACK_THREAD_FOLLOWUPS=true): a question-shaped reply
 * in a channel thread where the bot has already answered is answered like a mention there, with
 * the thread's earlier questions. Needs `message.channels` / `channels:history`, i.e. the bot
 * receives every message of its channels: that privacy cost is why this is off by default.
 */
import type { App } from "@slack/bolt";
import { parseThreadReply, slackToPlain } from "../input";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { conversationKey } from "../stores";
import { threadSurface } from "../surfaces";

export function registerThreadFollowups(app: App, rt: SlackRuntime): void {
  if (rt.config.threadFollowups !== true) return;
  app.event("message", async ({ event, body, client, context }) => {
    // DMs have their own listener; only plain human replies inside a thread count.
    if (event.channel_type === "im" || event.subtype !== undefined || event.bot_id !== undefined) return;
    if (event.thread_ts === undefined || event.thread_ts === event.ts || event.user === context.botUserId) return;
    // A reply that mentions the bot also arrives as app_mention and is answered there.
    if (context.botUserId !== undefined && (event.text ?? "").includes(`<@${context.botUserId}>`)) return;
    const team = body.team_id ?? context.teamId;
    const historyKey = conversationKey(event.channel, event.thread_ts, team);
    // Only threads the bot took part in: it remembers their questions.
    if ((await rt.threads.get(historyKey)).length === 0) return;
    const input = parseThreadReply(slackToPlain(event.text ?? "", context.botUserId));
    if (input === undefined) return;
    const surface = threadSurface(client, {
      name: "followup",
      ...(team !== undefined ? { team } : {}),
      user: event.user,
      channel: event.channel,
      threadTs: event.thread_ts,
      messageTs: event.ts,
      historyKey,
      botUserId: context.botUserId,
      progressDelayMs: rt.progressDelayMs,
      logFields: { eventId: body.event_id, team: body.team_id, retryNum: context.retryNum },
    });
    await handleInput(rt, surface, input);
  });
}
