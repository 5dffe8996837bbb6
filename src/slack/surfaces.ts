/**
 * How to answer on each surface: in a channel thread or a DM through the Web API, or privately
 * through a slash command's `response_url`. Every post sets `parse: "none"` and no `link_names`,
 * so Slack never turns words into pings; the renderer has already escaped the text.
 */
import type { RespondFn, webApi } from "@slack/bolt";
import type { SlackMessage } from "./blocks/mrkdwn";

type WebClient = webApi.WebClient;

/** Where a request came from and how to answer there. */
export interface Surface {
  name: "mention" | "dm" | "command";
  /** The workspace: user and channel ids are unique only within it (the rate limit is per team and user). */
  team?: string;
  user: string;
  channel: string;
  /** Conversation whose earlier questions are passed as history; none for one-off requests. */
  historyKey?: string;
  /** Buttons under results: 👍/👎 on visible messages, "Share in channel" on private ones. */
  buttons: "feedback" | "share";
  /** Repeat the request above the result (private results, where the command text is not shown). */
  showRequest: boolean;
  maxMessages?: number;
  /** The bot's own user id, to write "@article-bot" as a real mention in help texts. */
  botUserId?: string;
  /** Ids for log lines (event id, team…); never text. */
  logFields: Record<string, unknown>;
  post(message: SlackMessage): Promise<void>;
  /** A short private notice to the person (rate limit, apology). */
  notify(message: SlackMessage): Promise<void>;
  progress?: { show(): Promise<void>; hide(): Promise<void> };
}

const PROGRESS_REACTION = "hourglass_flowing_sand";

export interface MessageSurfaceOptions {
  name: "mention" | "dm";
  team?: string;
  user: string;
  channel: string;
  /** Reply in this thread; undefined for a top-level DM reply. */
  threadTs?: string;
  /** The person's message: the progress reaction goes on it. */
  messageTs: string;
  historyKey: string;
  botUserId?: string;
  logFields: Record<string, unknown>;
}

export function slackSurface(client: WebClient, options: MessageSurfaceOptions): Surface {
  const thread = options.threadTs !== undefined ? { thread_ts: options.threadTs } : {};
  const post = async (message: SlackMessage): Promise<void> => {
    await client.chat.postMessage({
      channel: options.channel,
      text: message.text,
      blocks: message.blocks,
      parse: "none",
      unfurl_links: false,
      unfurl_media: false,
      ...thread,
    });
  };
  // In a channel, notices (rate limit, apology) are for the asker only; a DM is already private.
  const notify =
    options.name === "dm"
      ? post
      : async (message: SlackMessage): Promise<void> => {
          await client.chat.postEphemeral({
            channel: options.channel,
            user: options.user,
            text: message.text,
            blocks: message.blocks,
            parse: "none",
            ...thread,
          });
        };
  return {
    name: options.name,
    user: options.user,
    channel: options.channel,
    historyKey: options.historyKey,
    buttons: "feedback",
    showRequest: false,
    ...(options.botUserId !== undefined ? { botUserId: options.botUserId } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    logFields: options.logFields,
    post,
    notify,
    progress: {
      show: async () => {
        await client.reactions.add({ channel: options.channel, timestamp: options.messageTs, name: PROGRESS_REACTION });
      },
      hide: async () => {
        await client.reactions.remove({ channel: options.channel, timestamp: options.messageTs, name: PROGRESS_REACTION });
      },
    },
  };
}

export interface CommandSurfaceOptions {
  team?: string;
  user: string;
  channel: string;
  botUserId?: string;
  logFields: Record<string, unknown>;
}

/** A response_url takes 5 posts in 30 minutes: one may be "Thinking…", so results use at most 4. */
const RESPONSE_URL_MAX_RESULT_MESSAGES = 4;

export function commandSurface(respond: RespondFn, options: CommandSurfaceOptions): Surface {
  // Once "Thinking…" is shown, the next post replaces it instead of stacking under it.
  let replaceNext = false;
  const send = async (message: SlackMessage): Promise<void> => {
    const replace = replaceNext;
    replaceNext = false;
    await respond({ response_type: "ephemeral", replace_original: replace, text: message.text, blocks: message.blocks });
  };
  return {
    name: "command",
    user: options.user,
    channel: options.channel,
    buttons: "share",
    showRequest: true,
    maxMessages: RESPONSE_URL_MAX_RESULT_MESSAGES,
    ...(options.botUserId !== undefined ? { botUserId: options.botUserId } : {}),
    ...(options.team !== undefined ? { team: options.team } : {}),
    logFields: options.logFields,
    post: send,
    notify: send,
    progress: {
      show: async () => {
        await respond({ response_type: "ephemeral", text: ":hourglass_flowing_sand: Thinking…" });
        replaceNext = true;
      },
      hide: () => Promise.resolve(),
    },
  };
}
