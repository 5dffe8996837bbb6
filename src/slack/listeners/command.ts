/**
 * The slash command (`/article` by default, SLACK_COMMAND): summary, ask, quote, help.
 * Acked at once (Slack gives 3 s), answered privately through `respond()` afterwards.
 */
import type { App } from "@slack/bolt";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { privateSurface } from "../surfaces";
import { parseCommand, slackToPlain } from "../input";

export function registerCommand(app: App, rt: SlackRuntime): void {
  app.command(rt.config.command, async ({ ack, command, respond, context }) => {
    await ack();
    const surface = privateSurface(respond, {
      name: "command",
      team: command.team_id,
      user: command.user_id,
      channel: command.channel_id,
      botUserId: context.botUserId,
      progressDelayMs: rt.progressDelayMs,
      logFields: { team: command.team_id, command: command.command },
    });
    const input = parseCommand(slackToPlain(command.text, context.botUserId));
    await handleInput(rt, surface, input);
  });
}
