/**
 * Engine results → Slack Block Kit messages. Pure functions: no Web API calls, easy to test.
 *
 * Safety rules every function here follows:
 * - Text from people, the article or a model is escaped (`&`, `<`, `>`) before it meets mrkdwn,
 *   so `<!channel>`, `<!here>` or `<@U…>` inside a question, a quote or an answer never pings.
 * - mrkdwn text objects are `verbatim: true`: Slack then does not auto-link names or parse
 *   mentions in them ("certain mentions will be automatically parsed" otherwise).
 * - Slack limits: section text ≤ 3,000 chars, ≤ 50 blocks and ~13k chars of blocks per message,
 *   fallback `text` always set. Long results are split across several messages, never rejected.
 */
import type { types } from "@slack/bolt";
import type {
  AnswerMode,
  AskResult,
  Citation,
  DocumentInfo,
  EngineStatus,
  QuoteMatch,
  QuotesResult,
  SummaryResult,
} from "../contract";
import type { SlackJob } from "./text";

export type KnownBlock = types.KnownBlock;
type SectionBlock = types.SectionBlock;
type ContextBlock = types.ContextBlock;
type ActionsBlock = types.ActionsBlock;
type HeaderBlock = types.HeaderBlock;
type Button = types.Button;
export type HomeView = types.HomeView;

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

export const ACTION_IDS = {
  feedbackUp: "feedback_up",
  feedbackDown: "feedback_down",
  share: "share_result",
} as const;

/** block_id prefix of the feedback buttons; the counts so far ride along in the block_id. */
export const FEEDBACK_BLOCK_PREFIX = "feedback";

/** `<@U…>` for a real user id from Slack's payload; anything else is shown as escaped text. */
export function userMention(userId: string): string {
  return /^[UW][A-Z0-9]{2,}$/.test(userId) ? `<@${userId}>` : escapeMrkdwn(userId);
}

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Cuts escaped mrkdwn into pieces of at most `max` chars: at a line break if possible, else a space,
 * never inside an entity such as `&amp;`, and a blockquote cut mid-line stays a blockquote. */
export function splitMrkdwn(text: string, max: number = LIMITS.sectionText): string[] {
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
    const head = rest.slice(0, cut);
    rest = atNewline ? rest.slice(cut + 1) : rest.slice(cut);
    const headLastLine = head.slice(head.lastIndexOf("\n") + 1);
    if (!atNewline && headLastLine.startsWith(">") && !rest.startsWith(">")) rest = `> ${rest.trimStart()}`;
    pieces.push(head);
  }
  if (rest !== "" || pieces.length === 0) pieces.push(rest);
  return pieces;
}

function mrkdwn(text: string): types.MrkdwnElement {
  return { type: "mrkdwn", text, verbatim: true };
}

/** One or more sections for escaped mrkdwn of any length. */
export function sections(text: string): SectionBlock[] {
  return splitMrkdwn(text).map((piece) => ({ type: "section", text: mrkdwn(piece) }));
}

function context(text: string): ContextBlock {
  return { type: "context", elements: [mrkdwn(truncate(text, LIMITS.sectionText))] };
}

function header(text: string): HeaderBlock {
  // plain_text is shown as typed (no mrkdwn, no mentions): it must not be escaped, only cut.
  return { type: "header", text: { type: "plain_text", text: truncate(text, LIMITS.headerText), emoji: true } };
}

function blockquote(escaped: string): string {
  return escaped
    .split("\n")
    .map((line) => `> ${line}`)
    .join("\n");
}

export function modeLabel(mode: AnswerMode, model?: string): string {
  return mode === "extractive" ? "offline (extractive)" : (model ?? "language model");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export interface RenderContext {
  documents: DocumentInfo[];
}

function title(ctx: RenderContext, docId: string): string {
  return ctx.documents.find((d) => d.id === docId)?.title ?? docId;
}

/** "— ¶N · _Title_", with the speaker first when known. */
function attribution(ctx: RenderContext, citation: Citation | QuoteMatch): string {
  const speaker = "speaker" in citation && citation.speaker !== null ? `*${escapeMrkdwn(citation.speaker)}* · ` : "";
  return `— ${speaker}¶${citation.paragraph} · _${escapeMrkdwn(title(ctx, citation.docId))}_`;
}

/** A verbatim quote as a blockquote, then its attribution. */
function citationSections(ctx: RenderContext, citation: Citation | QuoteMatch): SectionBlock[] {
  return sections(`${blockquote(escapeMrkdwn(citation.quote))}\n${attribution(ctx, citation)}`);
}

/** Extractive answers and summary bullets are often the quoted sentence itself: don't print it twice. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

/** Where a result's buttons go and what they carry. */
export type ResultActions =
  | { kind: "feedback"; value: string }
  | { kind: "share"; value: string }
  | { kind: "none" };

function actionsBlock(actions: ResultActions): KnownBlock[] {
  if (actions.kind === "none") return [];
  if (actions.kind === "share") {
    const share: Button = {
      type: "button",
      action_id: ACTION_IDS.share,
      text: { type: "plain_text", text: "Share in channel", emoji: true },
      style: "primary",
      value: truncate(actions.value, LIMITS.buttonValue),
    };
    return [{ type: "actions", block_id: "share", elements: [share] }];
  }
  return [feedbackBlock(actions.value, { up: 0, down: 0 })];
}

export interface FeedbackCounts {
  up: number;
  down: number;
}

export function feedbackBlock(value: string, counts: FeedbackCounts): ActionsBlock {
  const button = (id: string, label: string): Button => ({
    type: "button",
    action_id: id,
    text: { type: "plain_text", text: label, emoji: true },
    value: truncate(value, LIMITS.buttonValue),
  });
  return {
    type: "actions",
    block_id: `${FEEDBACK_BLOCK_PREFIX}:${counts.up}:${counts.down}`,
    elements: [button(ACTION_IDS.feedbackUp, ":thumbsup: Helpful"), button(ACTION_IDS.feedbackDown, ":thumbsdown: Not helpful")],
  };
}

export function parseFeedbackCounts(blockId: string | undefined): FeedbackCounts {
  const match = /^feedback:(\d+):(\d+)$/.exec(blockId ?? "");
  return match === null ? { up: 0, down: 0 } : { up: Number(match[1]), down: Number(match[2]) };
}

/**
 * The message blocks after a feedback click: the buttons stay (others may vote too) with the new
 * counts, followed by a line that says the vote was counted.
 */
export function withFeedbackCounted(
  blocks: KnownBlock[],
  counts: FeedbackCounts,
  value: string,
  voter: string,
): KnownBlock[] {
  const kept = blocks.filter(
    (b) => !(b.block_id ?? "").startsWith(FEEDBACK_BLOCK_PREFIX) && b.block_id !== "feedback_counted",
  );
  const counted: ContextBlock = {
    type: "context",
    block_id: "feedback_counted",
    elements: [mrkdwn(`Thanks ${userMention(voter)}, feedback counted · :thumbsup: ${counts.up} · :thumbsdown: ${counts.down}`)],
  };
  return [...kept, feedbackBlock(value, counts), counted];
}

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

export interface ResultRenderOptions {
  actions: ResultActions;
  /** Repeat the request at the top (ephemeral results and shared results, where it is not visible). */
  header?: string;
  maxMessages?: number;
}

export function renderAnswer(result: AskResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const body: KnownBlock[] = [];
  if (options.header !== undefined) body.push(context(options.header));
  if (result.resolvedQuestion !== undefined && result.resolvedQuestion !== result.question) {
    body.push(context(`_Answering: ${escapeMrkdwn(result.resolvedQuestion)}_`));
  }
  const answer = result.answer.trim() !== "" ? result.answer.trim() : "I couldn't find an answer to that in the article.";
  // When the answer is the first quote word for word, the blockquote below (with ¶ and title) says it all.
  const first = result.citations[0];
  if (first === undefined || !sameText(first.quote, answer)) body.push(...sections(escapeMrkdwn(answer)));
  if (result.notice !== undefined) body.push(context(`:information_source: ${escapeMrkdwn(result.notice)}`));
  for (const citation of result.citations) body.push(...citationSections(ctx, citation));
  const quotes = result.citations.length;
  const modeLine = `Answered ${result.mode === "llm" ? "by " : ""}${escapeMrkdwn(modeLabel(result.mode, result.model))} · ${quotes} ${quotes === 1 ? "quote" : "quotes"} · ${seconds(result.ms)}`;
  const tail: KnownBlock[] = [context(modeLine), ...actionsBlock(options.actions)];
  return paginate(body, tail, escapeMrkdwn(answer), { maxMessages: options.maxMessages });
}

function documentLine(doc: DocumentInfo): string {
  const details = [doc.source, doc.date].filter((s): s is string => s !== undefined && s !== "");
  const suffix = details.length > 0 ? ` (${escapeMrkdwn(details.join(", "))})` : "";
  return `_${escapeMrkdwn(doc.title)}_${suffix}`;
}

export function renderSummary(result: SummaryResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const topic = result.topic !== null && result.topic !== "" ? result.topic : undefined;
  const body: KnownBlock[] = [header(topic !== undefined ? `Summary: ${topic}` : "Summary")];
  if (options.header !== undefined) body.push(context(options.header));
  let fallback: string;
  if (!result.found || result.bullets.length === 0) {
    fallback =
      topic !== undefined
        ? `I found nothing about “${escapeMrkdwn(topic)}” in the article. Try another topic, or /article summary without one.`
        : "There is nothing to summarise yet: the corpus is empty.";
    body.push(...sections(fallback));
  } else {
    fallback = result.bullets.map((b) => `• ${escapeMrkdwn(b.text)}`).join("\n");
    for (const bullet of result.bullets) {
      const [first, ...others] = bullet.citations;
      if (first !== undefined && sameText(first.quote, bullet.text)) {
        // A verbatim bullet: the bullet is the quote, so it only needs its attribution.
        body.push(...sections(`• ${escapeMrkdwn(bullet.text)}\n${attribution(ctx, first)}`));
        for (const citation of others) body.push(...citationSections(ctx, citation));
      } else {
        body.push(...sections(`• ${escapeMrkdwn(bullet.text)}`));
        for (const citation of bullet.citations) body.push(...citationSections(ctx, citation));
      }
    }
  }
  if (result.notice !== undefined) body.push(context(`:information_source: ${escapeMrkdwn(result.notice)}`));
  const from = result.documents.length > 0 ? `From ${result.documents.map(documentLine).join("; ")} · ` : "";
  const modeLine = `${from}${escapeMrkdwn(modeLabel(result.mode, result.model))} · ${result.length} · ${seconds(result.ms)}`;
  // Nothing found is neither worth sharing nor rating.
  const tail: KnownBlock[] = [context(modeLine), ...(result.found && result.bullets.length > 0 ? actionsBlock(options.actions) : [])];
  return paginate(body, tail, fallback, { maxMessages: options.maxMessages });
}

export function renderQuotes(result: QuotesResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const query = escapeMrkdwn(result.query);
  const body: KnownBlock[] = [];
  if (options.header !== undefined) body.push(context(options.header));
  let fallback: string;
  if (result.matches.length === 0) {
    fallback = `No passage in the article matches “${query}”. Try fewer or different words you remember, or ask a question ending with “?”.`;
    body.push(...sections(fallback));
  } else {
    const n = result.matches.length;
    fallback = `${n} ${n === 1 ? "passage matches" : "passages match"} “${query}”`;
    body.push(...sections(`*${fallback}:*`));
    for (const match of result.matches) body.push(...citationSections(ctx, match));
  }
  const tail: KnownBlock[] = [
    context(`Verbatim passages from the article · ${seconds(result.ms)}`),
    ...(result.matches.length > 0 ? actionsBlock(options.actions) : []),
  ];
  return paginate(body, tail, fallback, { maxMessages: options.maxMessages });
}

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

export const APOLOGY =
  "Sorry, something went wrong on my side while working on that. Please try again in a minute.";

export function renderRateLimited(retryAfterMs: number, limit: number): SlackMessage {
  const wait = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return renderNotice(
    `You're asking faster than I can keep up (${limit} requests a minute). Please try again in about ${wait} s.`,
  );
}

export interface HomeOptions {
  documents: DocumentInfo[];
  status: EngineStatus;
  command: string;
  botUserId?: string;
}

/** The Home tab: the documents, how to use the bot, and example questions. */
export function renderHome(options: HomeOptions): HomeView {
  const cmd = escapeMrkdwn(options.command);
  const bot = options.botUserId !== undefined ? userMention(options.botUserId) : "@article-bot";
  const llm = options.status.llm;
  const mode = llm.enabled ? `answers written by ${escapeMrkdwn(llm.model ?? "a language model")}` : "offline (extractive) answers";
  const blocks: KnownBlock[] = [
    header("Article bot"),
    ...sections("Ask me about the articles below. Every answer comes with verbatim quotes and their paragraph numbers."),
    { type: "divider" },
    header(`Documents (${options.documents.length})`),
  ];
  const docLimit = LIMITS.homeBlocks - 20;
  for (const doc of options.documents.slice(0, docLimit)) {
    const details = [doc.source, doc.date, `${doc.paragraphs} paragraphs`].filter(
      (s): s is string => s !== undefined && s !== "",
    );
    blocks.push(...sections(`*${escapeMrkdwn(truncate(doc.title, 300))}*\n${escapeMrkdwn(details.join(" · "))}`));
  }
  if (options.documents.length > docLimit) blocks.push(context(`…and ${options.documents.length - docLimit} more.`));
  if (options.documents.length === 0) blocks.push(context("_No documents are loaded yet._"));
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? "" : "s"}`;
  blocks.push(
    { type: "divider" },
    header("How to use"),
    ...sections(
      [
        `• *Mention me* in a channel: ${bot} what is the article about? I answer in the thread, and follow-ups there (“and when?”) build on earlier questions.`,
        "• *DM me* words you remember to find the exact passage and who said it, or a question ending in “?”.",
        `• *Slash command:* \`${cmd} summary [topic] [short|long]\`, \`${cmd} ask <question>\`, \`${cmd} quote <words>\`. Only you see the result until you press Share.`,
      ].join("\n"),
    ),
    header("Try"),
    ...sections(
      [
        `• \`${cmd} summary short\``,
        `• ${bot} who is quoted in the article?`,
        `• ${bot} what happened, and when?`,
        "• DM me a few words you remember from the article",
      ].join("\n"),
    ),
    context(
      `${plural(options.status.documents, "document")} · ${plural(options.status.chunks, "passage")} indexed · ${mode}`,
    ),
  );
  return { type: "home", blocks: blocks.slice(0, LIMITS.homeBlocks) };
}

/**
 * A compact line naming the request, for private and shared results where the request is not
 * otherwise visible. A private summary needs none: its header already names the topic.
 */
export function requestLine(job: SlackJob, sharedBy?: string): string | undefined {
  const who = sharedBy !== undefined ? `${userMention(sharedBy)} shared · ` : "";
  switch (job.kind) {
    case "ask":
      return `${who}:speech_balloon: ${escapeMrkdwn(truncate(job.question, 500))}`;
    case "quote":
      return `${who}:mag: ${escapeMrkdwn(truncate(job.query, 500))}`;
    case "summary":
      return sharedBy === undefined ? undefined : `${who}:memo: summary${job.length !== undefined ? ` (${job.length})` : ""}`;
  }
}
