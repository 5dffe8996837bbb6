/**
 * The Messages tab (Slack's agent view): when someone opens it, suggested prompts drawn from the
 * corpus. `setSuggestedPrompts` is called without `thread_ts`: under the agent view a call with one
 * silently does nothing. Their DMs are then answered by the DM listener, each in its own thread.
 */
import type { App } from "@slack/bolt";
import { describeError, withSlackRetry } from "../errors";
import { PromptCache } from "../prompts";
import type { SlackRuntime } from "../runtime";

export function registerMessagesTab(app: App, rt: SlackRuntime): void {
  const prompts = new PromptCache(rt.engine);
  app.event("app_home_opened", async ({ event, client }) => {
    if (event.tab !== "messages") return;
    const log = rt.logger.child({ surface: "messages_tab", user: event.user, channel: event.channel });
    try {
      const list = await prompts.get();
      if (list.length === 0) return;
      await withSlackRetry(
        () => client.assistant.threads.setSuggestedPrompts({ channel_id: event.channel, title: "Ask about the article", prompts: list }),
        rt.maxRateLimitWaitSec,
      );
      log.info({ prompts: list.length }, "suggested prompts set");
    } catch (err) {
      log.warn({ err: describeError(err) }, "suggested prompts could not be set");
    }
  });
}
