/** Every Slack surface the app listens on, one file each (as in Bolt's sample apps). */
import type { App } from "@slack/bolt";
import type { SlackRuntime } from "../runtime";
import { registerAskShortcut } from "./askShortcut";
import { registerCommand } from "./command";
import { registerDirectMessages } from "./dm";
import { registerFeedback } from "./feedback";
import { registerFindShortcut } from "./findShortcut";
import { registerHome } from "./home";
import { registerMention } from "./mention";
import { registerMessagesTab } from "./messagesTab";
import { registerShare } from "./share";
import { registerThreadFollowups } from "./threadFollowup";

export function registerListeners(app: App, rt: SlackRuntime): void {
  registerMention(app, rt);
  registerDirectMessages(app, rt);
  registerCommand(app, rt);
  registerShare(app, rt);
  registerFeedback(app, rt);
  registerHome(app, rt);
  registerMessagesTab(app, rt);
  registerFindShortcut(app, rt);
  registerAskShortcut(app, rt);
  registerThreadFollowups(app, rt);
}
