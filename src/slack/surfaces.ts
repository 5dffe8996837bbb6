/**
 * How to answer on each surface: in a thread through the Web API (mentions, DMs, the *Ask*
 * shortcut), or privately through a `response_url` (slash command, the *Find* shortcut). Every post
 * sets `parse: "none"` and no `link_names`, so Slack never turns words into pings (the blocks are
 * already escaped), and never unfurls links (source links are for clicking, not for previews).
 */
import type { RespondFn, webApi } from "@slack/bolt";
import type { SlackMessage } from "./blocks/mrkdwn";
import type { Logger } from "../log";
import { type Progress, delayedNotice, threadProgress } from "./progress";
import { type ProgressStream, openProgressStream } from "./stream";

type WebClient = webApi.WebClient;

/** Where a request came from and how to answer there. */
export interface Surface {
  name: "mention" | "dm" | "command" | "shortcut" | "followup";
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
  progress?: Progress;
  /** A streamed message showing the engine's steps, ended by the answer (thread surfaces only). */
  openStream?: (log: Logger) => ProgressStream;
}

export interface ThreadSurfaceOptions {
  name: "mention" | "dm" | "shortcut" | "followup";
  /** The workspace (scopes history and limits; Slack also needs it to stream outside DMs). */
  team?: string;
  user: string;
  channel: string;
  /** Every answer goes in a thread: the mention's, the DM message's own, the shortcut message's. */
  threadTs: string;
  /** The person's message: the fallback progress reaction goes on it. */
  messageTs: string;
  historyKey: string;
  botUserId?: string;
  /** Show the fallback reaction when the engine takes longer than this. */
  progressDelayMs: number;
  logFields: Record<string, unknown>;
  /** Private notices go here instead of chat.postEphemeral (the shortcut's response_url). */
  respond?: RespondFn;
}

export function threadSurface(client: WebClient, options: ThreadSurfaceOptions): Surface {
  const post = async (message: SlackMessage): Promise<void> => {
    await client.chat.postMessage({
      channel: options.channel,
      thread_ts: options.threadTs,
      text: message.text,
      blocks: message.blocks,
      parse: "none",
      unfurl_links: false,
      unfurl_media: false,
    });
  };
  const respond = options.respond;
  // In a channel, notices (rate limit, apology) are for the asker only; a DM is already private.
  const notify =
    respond !== undefined
      ? async (message: SlackMessage): Promise<void> => {
          await respond({ response_type: "ephemeral", replace_original: false, text: message.text, blocks: message.blocks });
        }
      : options.name === "dm"
        ? post
        : async (message: SlackMessage): Promise<void> => {
            await client.chat.postEphemeral({
              channel: options.channel,
              user: options.user,
              thread_ts: options.threadTs,
              text: message.text,
              blocks: message.blocks,
              parse: "none",
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
    openStream: (log) =>
      openProgressStream(
        client,
        { channel: options.channel, threadTs: options.threadTs, user: options.user, ...(options.team !== undefined ? { team: options.team } : {}) },
        log,
      ),
    progress: threadProgress(client, {
      channel: options.channel,
      threadTs: options.threadTs,
      messageTs: options.messageTs,
      delayMs: options.progressDelayMs,
    }),
  };
}

export interface PrivateSurfaceOptions {
  name: "command" | "shortcut";
  team?: string;
  user: string;
  channel: string;
  botUserId?: string;
  progressDelayMs: number;
  logFields: Record<string, unknown>;
}

/** A response_url takes 5 posts in 30 minutes: one may be "Thinking…", so results use at most 4. */
const RESPONSE_URL_MAX_RESULT_MESSAGES = 4;

/** Private results through a response_url, with a Share button (slash command, *Find in the article*). */
export function privateSurface(respond: RespondFn, options: PrivateSurfaceOptions): Surface {
  // Once "Thinking…" is shown, the next post replaces it instead of stacking under it.
  let replaceNext = false;
  const send = async (message: SlackMessage): Promise<void> => {
    const replace = replaceNext;
    replaceNext = false;
    await respond({ response_type: "ephemeral", replace_original: replace, text: message.text, blocks: message.blocks });
  };
  return {
    name: options.name,
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
    progress: delayedNotice(options.progressDelayMs, async () => {
      await respond({ response_type: "ephemeral", text: ":hourglass_flowing_sand: Thinking…" });
      replaceNext = true;
    }),
  };
}
