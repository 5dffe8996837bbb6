/**
 * 👍/👎: Slack's native feedback buttons (the value says which vote), and the legacy buttons of
 * messages posted before them (the action id says it). Acked at once; the vote is recorded after.
 */
import type { App, BlockAction, ButtonAction, FeedbackButtonsAction } from "@slack/bolt";
import { ACTION_IDS, parseFeedbackValue } from "../blocks/buttons";
import { recordFeedback } from "../interactions/feedback";
import type { SlackRuntime } from "../runtime";

export function registerFeedback(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<FeedbackButtonsAction>>(ACTION_IDS.feedback, async ({ ack, body, action, client, respond }) => {
    await ack();
    const rated = parseFeedbackValue(action.value);
    if (rated?.vote === undefined) {
      rt.logger.warn({ surface: "feedback", user: body.user.id }, "feedback click with an unreadable value");
      return;
    }
    await recordFeedback(rt, { vote: rated.vote, rated, value: action.value }, body, client, respond);
  });
  for (const [actionId, vote] of [
    [ACTION_IDS.legacyFeedbackUp, "up"],
    [ACTION_IDS.legacyFeedbackDown, "down"],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client, respond }) => {
      await ack();
      const value = action.value ?? "";
      await recordFeedback(rt, { vote, rated: parseFeedbackValue(value), value }, body, client, respond);
    });
  }
}
