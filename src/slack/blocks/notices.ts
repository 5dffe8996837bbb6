/** Help, short notices, the apology and the rate-limit notice: the bot's own words, no results. */
import { type SlackMessage, escapeMrkdwn, mrkdwn, userMention } from "./mrkdwn";

export interface HelpOptions {
  command: string;
  botUserId?: string;
  unknown?: string;
  missingFor?: "ask" | "quote";
}

export function renderHelp(options: HelpOptions): SlackMessage {
  const cmd = escapeMrkdwn(options.command);
  const bot = options.botUserId !== undefined ? userMention(options.botUserId) : "@article-bot";
  const lines: string[] = [];
  if (options.unknown !== undefined && options.unknown !== "") {
    lines.push(`I don't know “${escapeMrkdwn(options.unknown)}”. Here is what I can do:`);
  } else if (options.missingFor === "ask") {
    lines.push(`Tell me the question too, e.g. \`${cmd} ask who is quoted in the article?\``);
  } else if (options.missingFor === "quote") {
    lines.push(`Tell me the words you remember too, e.g. \`${cmd} quote <a few words from the article>\``);
  } else {
    lines.push("I answer questions about the articles in my corpus, always with verbatim quotes.");
  }
  const body = [
    lines.join("\n"),
    [
      `*In a DM:* send words you remember to get the matching passages word for word, with speaker and ¶ number. ` +
        `Send a question (ending in “?” or starting with who/what/when/…) to get an answer.`,
      `*In a channel:* mention me with a question, e.g. ${bot} what is the visit about? I answer in the thread; ` +
        `follow-ups in the same thread (“and when?”) use the earlier questions.`,
      `*Anywhere:* \`${cmd} summary [topic] [short|long]\`, \`${cmd} ask <question>\`, \`${cmd} quote <words>\`, ` +
        `\`${cmd} help\`. Only you see the result, with a button to share it.`,
    ].join("\n"),
  ];
  return { text: lines.join(" "), blocks: body.map((t) => ({ type: "section", text: mrkdwn(t) })) };
}

export function renderNotice(text: string): SlackMessage {
  return { text, blocks: [{ type: "section", text: mrkdwn(text) }] };
}

export const INVITE_ME =
  "I can't post in this conversation. Invite me first (`/invite @article-bot`), then try again.";

export const APOLOGY =
  "Sorry, something went wrong on my side while working on that. Please try again in a minute.";

/** The engine refused the request because too many are waiting (`EngineBusyError`): nothing broke. */
export const BUSY = "I'm busy with a lot of questions right now; please try again in a moment.";

export function renderRateLimited(retryAfterMs: number, limit: number): SlackMessage {
  const wait = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return renderNotice(
    `You're asking faster than I can keep up (${limit} requests a minute). Please try again in about ${wait} s.`,
  );
}
