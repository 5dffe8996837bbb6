/**
 * Laying blocks out over several messages within Slack's limits (≤ 50 blocks and ~13k chars of
 * blocks per message, fallback text always set): long results are split, never rejected.
 */
import { type KnownBlock, LIMITS, type SlackMessage, context, truncate } from "./mrkdwn";

function blockChars(block: KnownBlock): number {
  return JSON.stringify(block).length;
}

export interface PaginateOptions {
  /** At most this many messages; the last one then says the rest was cut. response_url allows 5 posts. */
  maxMessages?: number;
}

/**
 * Lays blocks out over as many messages as the limits require. `tail` (mode line, buttons) ends the
 * last message; `fallback` is the first message's notification text.
 */
export function paginate(
  body: KnownBlock[],
  tail: KnownBlock[],
  fallback: string,
  options: PaginateOptions = {},
): SlackMessage[] {
  const maxMessages = Math.max(1, options.maxMessages ?? 10);
  const pages: KnownBlock[][] = [[]];
  let chars = 0;
  for (const block of body) {
    const size = blockChars(block);
    let page = pages[pages.length - 1] ?? [];
    if (page.length > 0 && (page.length + 1 > LIMITS.blocksPerMessage || chars + size > LIMITS.blockCharsPerMessage)) {
      page = [];
      pages.push(page);
      chars = 0;
    }
    page.push(block);
    chars += size;
  }
  const tailChars = tail.reduce((sum, b) => sum + blockChars(b), 0);
  const last = pages[pages.length - 1] ?? [];
  if (
    last.length > 0 &&
    (last.length + tail.length > LIMITS.blocksPerMessage || chars + tailChars > LIMITS.blockCharsPerMessage)
  ) {
    pages.push([...tail]);
  } else {
    last.push(...tail);
  }
  let kept = pages;
  if (pages.length > maxMessages) {
    kept = pages.slice(0, maxMessages);
    const final = kept[maxMessages - 1] ?? [];
    // Make room for the cut notice and the tail in the final message.
    while (final.length > 0 && final.length + tail.length + 1 > LIMITS.blocksPerMessage) final.pop();
    final.push(context("_(The rest was cut to stay within Slack's limits. Ask a narrower question for more.)_"), ...tail);
  }
  const total = kept.length;
  const firstText = truncate(fallback, LIMITS.fallbackText);
  return kept.map((blocks, i) => ({
    blocks,
    text: i === 0 ? firstText : `(continued, part ${i + 1} of ${total})`,
  }));
}
