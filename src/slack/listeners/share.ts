/** The "Share in channel" button: acked at once, the post happens after (interactions/share.ts). */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { ACTION_IDS } from "../blocks/buttons";
import { shareResult } from "../interactions/share";
import type { SlackRuntime } from "../runtime";

export function registerShare(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTION_IDS.share, async ({ ack, body, action, client, respond }) => {
    await ack();
    await shareResult(rt, body, action, client, respond);
  });
}
