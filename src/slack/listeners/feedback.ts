/** The 👍/👎 buttons: acked at once, the vote recorded after (interactions/feedback.ts). */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_IDS } from "../blocks/buttons";
import { recordFeedback } from "../interactions/feedback";
import type { SlackRuntime } from "../runtime";

export function registerFeedback(app: App, rt: SlackRuntime): void {
  for (const [actionId, vote] of [
    [ACTION_IDS.feedbackUp, "up"],
    [ACTION_IDS.feedbackDown, "down"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      await recordFeedback(rt, vote, body, action, client, respond);
    });
  }
}
