/**
 * mrkdwn primitives and the one escaping function. Every block builder under `blocks/` goes through
 * these, which is how the safety rules hold everywhere:
 * - Text from people, the article or a model is escaped (`&`, `<`, `>`) before it meets mrkdwn,
 *   so `<!channel>`, `<!here>` or `<@U…>` inside a question, a quote or an answer never pings. Where it
 *   is the message itself (answers, quotes, bullets) it is not mrkdwn at all but literal rich text
 *   (`literal.ts`): mrkdwn has no escape for `*`, `_`, `~`, `` ` ``.
 * - mrkdwn text objects are `verbatim: true`: Slack then does not auto-link names or parse
 *   mentions in them ("certain mentions will be automatically parsed" otherwise).
 * - Slack limits (LIMITS below): section text ≤ 3,000 chars, header ≤ 150, button value ≤ 2,000.
 */
import type { types } from "@slack/bolt";

export type KnownBlock = types.KnownBlock;
export type SectionBlock = types.SectionBlock;
export type ContextBlock = types.ContextBlock;

export const LIMITS = {
  sectionText: 3000,
  blocksPerMessage: 50,
  /** Slack fails with msg_blocks_too_long a little above 13k; keep a margin. */
  blockCharsPerMessage: 12_000,
  fallbackText: 3000,
  headerText: 150,
  buttonValue: 2000,
  homeBlocks: 100,
} as const;

export interface SlackMessage {
  /** Fallback text (notifications, screen readers, old clients): always set, always escaped. */
  text: string;
  blocks: KnownBlock[];
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** `<@U…>` for a real user id from Slack's payload; anything else is shown as escaped text. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cuts escaped mrkdwn into pieces of at most `max` chars: at a line break if possible, else a space,
 * never inside an entity such as `&amp;` or a link, and a blockquote cut mid-line stays a blockquote. */
function splitMrkdwn(text: string, max: number = LIMITS.sectionText): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > max) {
    let cut = rest.lastIndexOf("\n", max);
    const atNewline = cut > max / 2;
    if (!atNewline) {
      cut = rest.lastIndexOf(" ", max);
      if (cut <= max / 2) cut = max;
    }
    const amp = rest.lastIndexOf("&", cut - 1);
    if (amp !== -1 && cut - amp < 6 && !rest.slice(amp, cut).includes(";")) cut = amp;
    // Escaped text holds no raw "<": one is the start of our own <url|label> link, never cut in half.
    const link = rest.lastIndexOf("<", cut - 1);
    if (link > 0 && rest.indexOf(">", link) >= cut) cut = link;
    const head = rest.slice(0, cut);
    rest = atNewline ? rest.slice(cut + 1) : rest.slice(cut);
    const headLastLine = head.slice(head.lastIndexOf("\n") + 1);
    if (!atNewline && headLastLine.startsWith(">") && !rest.startsWith(">")) rest = `> ${rest.trimStart()}`;
    pieces.push(head);
  }
  if (rest !== "" || pieces.length === 0) pieces.push(rest);
  return pieces;
}

export function mrkdwn(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

/** One or more sections for escaped mrkdwn of any length. */
export function sections(text: string): SectionBlock[] {
  return splitMrkdwn(text).map((piece) => ({ type: "section", text: mrkdwn(piece) }));
}

export function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(truncate(text, LIMITS.sectionText))] };
}

export function header(text: string): types.HeaderBlock {
  // plain_text is shown as typed (no mrkdwn, no mentions): it must not be escaped, only cut.
  return { type: "header", text: { type: "plain_text", text: truncate(text, LIMITS.headerText), emoji: true } };
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
