/** The App Home tab: the documents, how to use the bot, and example questions (≤ 100 blocks). */
import type { types } from "@slack/bolt";
import type { DocumentInfo, EngineStatus } from "../../contract";
import { literal } from "./literal";
import { quoteUrl } from "./links";
import { type KnownBlock, LIMITS, context, escapeMrkdwn, header, plural, sections, truncate, userMention } from "./mrkdwn";

export interface HomeOptions {
  documents: DocumentInfo[];
  status: EngineStatus;
  command: string;
  botUserId?: string;
}

export function renderHome(options: HomeOptions): types.HomeView {
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
    const url = quoteUrl(doc.source);
    const details = [url === undefined ? doc.source : undefined, doc.date, `${doc.paragraphs} paragraphs`].filter(
      (s): s is string => s !== undefined && s !== "",
    );
    // The title and details come from the article's file: literal text, never mrkdwn.
    blocks.push(...literal({ text: truncate(doc.title, 300), bold: true, ...(url !== undefined ? { url } : {}) }, { text: `\n${details.join(" · ")}` }));
  }
  if (options.documents.length > docLimit) blocks.push(context(`…and ${options.documents.length - docLimit} more.`));
  if (options.documents.length === 0) blocks.push(context("_No documents are loaded yet._"));
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
