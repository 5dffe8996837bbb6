/** The App Home tab: documents in the corpus, how to use the bot, example questions. */
import type { App } from "@slack/bolt";
import { describeError, withSlackRetry } from "../errors";
import { renderHome } from "../blocks/home";
import type { SlackRuntime } from "../runtime";

export function registerHome(app: App, rt: SlackRuntime): void {
  app.event("app_home_opened", async ({ event, client, context }) => {
    // The event also fires for the Messages tab: listeners/messagesTab.ts answers that one.
    if (event.tab !== undefined && event.tab !== "home") return;
    const log = rt.logger.child({ surface: "home", user: event.user });
    try {
      const view = renderHome({
        documents: rt.engine.documents(),
        status: rt.engine.status(),
        command: rt.config.command,
        ...(context.botUserId !== undefined ? { botUserId: context.botUserId } : {}),
      });
      await withSlackRetry(() => client.views.publish({ user_id: event.user, view }), rt.maxRateLimitWaitSec);
      log.info({ blocks: view.blocks.length }, "home published");
    } catch (err) {
      log.error({ err: describeError(err) }, "home could not be published");
    }
  });
}
