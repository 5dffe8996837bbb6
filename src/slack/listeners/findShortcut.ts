/**
 * *Find in the article* on any message: privately, with a Share button, the verbatim passages
 * closest to that message's text, or that the article has nothing like it. The fastest way to
 * check a claim someone wrote. Acked at once; answered through the shortcut's response_url.
 */
import type { App, MessageShortcut } from "@slack/bolt";
import { renderNotice } from "../blocks/notices";
import { describeError } from "../errors";
import { slackToPlain } from "../input";
import { handleInput } from "../pipeline";
import type { SlackRuntime } from "../runtime";
import { privateSurface } from "../surfaces";
import { SHORTCUT_IDS } from "./shortcutIds";

export function registerFindShortcut(app: App, rt: SlackRuntime): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUT_IDS.find, type: "message_action" }, async ({ ack, shortcut, respond, context }) => {
    await ack();
    const team = shortcut.team?.id ?? context.teamId;
    const surface = privateSurface(respond, {
      name: "shortcut",
      ...(team !== undefined ? { team } : {}),
      user: shortcut.user.id,
      channel: shortcut.channel.id,
      botUserId: context.botUserId,
      progressDelayMs: rt.progressDelayMs,
      logFields: { team: shortcut.team?.id, shortcut: SHORTCUT_IDS.find },
    });
    const text = slackToPlain(shortcut.message.text ?? "", context.botUserId);
    if (text === "") {
      await surface.notify(renderNotice("That message has no text I could look up in the article.")).catch((err: unknown) => {
        rt.logger.warn({ surface: "shortcut", err: describeError(err) }, "notice could not be delivered");
      });
      return;
    }
    await handleInput(rt, surface, { kind: "quote", query: text, claim: true });
  });
}
