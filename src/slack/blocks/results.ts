/**
 * Engine results → Block Kit messages: answers, verbatim-quote lookups and summaries, each a
 * verbatim blockquote per citation with its ¶ number and title. Pure functions, no Web API calls.
 * Text from the article or a model (answers, short answers, quotes, bullets, titles) is literal rich
 * text (`literal.ts`): shown as written, never read as mrkdwn. Our own wording is mrkdwn.
 */
import type { AnswerMode, AskResult, Citation, DocumentInfo, QuoteMatch, QuotesResult, SummaryResult } from "../../contract";
import type { JobResult, SlackJob } from "../job";
import { type ResultActions, actionsBlock } from "./buttons";
import { type Piece, literal, literalQuote } from "./literal";
import { quoteUrl } from "./links";
import {
  type KnownBlock,
  type SlackMessage,
  context,
  escapeMrkdwn,
  header,
  sections,
  truncate,
} from "./mrkdwn";
import { paginate } from "./pagination";

export interface RenderContext {
  documents: DocumentInfo[];
}

export interface ResultRenderOptions {
  actions: ResultActions;
  /** Repeat the request at the top (ephemeral results and shared results, where it is not visible). */
  header?: KnownBlock[];
  maxMessages?: number;
  /** The quote lookup checks someone's message (*Find in the article*): say so, and what nothing found means. */
  claim?: boolean;
}

function modeLabel(mode: AnswerMode, model?: string): string {
  return mode === "extractive" ? "offline (extractive)" : (model ?? "language model");
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** "— ¶N · _Title_", with the speaker first when known; the title links to the quote in its source. */
function attribution(ctx: RenderContext, citation: Citation | QuoteMatch): Piece[] {
  const speaker: Piece[] = "speaker" in citation && citation.speaker !== null ? [{ text: citation.speaker, bold: true }, { text: " · " }] : [];
  const doc = ctx.documents.find((d) => d.id === citation.docId);
  const url = quoteUrl(doc?.source, citation.quote);
  return [{ text: "— " }, ...speaker, { text: `¶${citation.paragraph} · ` }, { text: doc?.title ?? citation.docId, italic: true, ...(url !== undefined ? { url } : {}) }];
}

/** A verbatim quote as a blockquote, then its attribution, all literal. */
function citationBlocks(ctx: RenderContext, citation: Citation | QuoteMatch): KnownBlock[] {
  return literalQuote(citation.quote, attribution(ctx, citation));
}

/** Extractive answers and summary bullets are often the quoted sentence itself: don't print it twice. */
function sameText(a: string, b: string): boolean {
  const norm = (s: string): string => s.replace(/\s+/g, " ").trim();
  return norm(a) === norm(b);
}

function renderAnswer(result: AskResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const body: KnownBlock[] = [];
  if (options.header !== undefined) body.push(...options.header);
  if (result.resolvedQuestion !== undefined && result.resolvedQuestion !== result.question) {
    // The completed question is the person's words (and the article's, for a follow-up): literal, like answers.
    body.push(...literal({ text: `Answering: ${result.resolvedQuestion}`, italic: true }));
  }
  // A typed question's answer leads, in bold: the article's own words (a span of the first quote). Never
  // over a refusal, whatever a result from an older store holds: a bold claim there would be a wrong answer.
  const short = result.answerable ? result.short?.text.replace(/\s+/g, " ").trim() : undefined;
  if (short) body.push(...literal({ text: short, bold: true }));
  const answer = result.answer.trim() !== "" ? result.answer.trim() : "I couldn't find an answer to that in the article.";
  // When the answer is the first quote word for word, the blockquote below (with ¶ and title) says it all.
  const first = result.citations[0];
  if (first === undefined || !sameText(first.quote, answer)) body.push(...literal({ text: answer }));
  if (result.notice !== undefined) body.push(context(`:information_source: ${escapeMrkdwn(result.notice)}`));
  for (const citation of result.citations) body.push(...citationBlocks(ctx, citation));
  const quotes = result.citations.length;
  const modeLine = `Answered ${result.mode === "llm" ? "by " : ""}${escapeMrkdwn(modeLabel(result.mode, result.model))} · ${quotes} ${quotes === 1 ? "quote" : "quotes"} · ${seconds(result.ms)}`;
  const tail: KnownBlock[] = [context(modeLine), ...actionsBlock(options.actions)];
  // Notifications show the fallback text as typed: the short answer leads there too, without mrkdwn bold.
  const fallback = short ? `${escapeMrkdwn(short)} — ${escapeMrkdwn(answer)}` : escapeMrkdwn(answer);
  return paginate(body, tail, fallback, { maxMessages: options.maxMessages });
}

/** "_Title_ (source, date)": the title (the article's own text, so literal) links to its source when that is a web page. */
function documentPieces(doc: DocumentInfo): Piece[] {
  const url = quoteUrl(doc.source);
  // A web source is the title's link; a named one ("Reuters") is shown beside it.
  const details = [url === undefined ? doc.source : undefined, doc.date].filter((s): s is string => s !== undefined && s !== "");
  return [{ text: doc.title, italic: true, ...(url !== undefined ? { url } : {}) }, ...(details.length > 0 ? [{ text: ` (${details.join(", ")})` }] : [])];
}

function renderSummary(result: SummaryResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const topic = result.topic !== null && result.topic !== "" ? result.topic : undefined;
  const body: KnownBlock[] = [header(topic !== undefined ? `Summary: ${topic}` : "Summary")];
  if (options.header !== undefined) body.push(...options.header);
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
        body.push(...literal({ text: `• ${bullet.text}\n` }, ...attribution(ctx, first)));
        for (const citation of others) body.push(...citationBlocks(ctx, citation));
      } else {
        body.push(...literal({ text: `• ${bullet.text}` }));
        for (const citation of bullet.citations) body.push(...citationBlocks(ctx, citation));
      }
    }
  }
  if (result.notice !== undefined) body.push(context(`:information_source: ${escapeMrkdwn(result.notice)}`));
  // Titles are the articles' text: a literal line of their own (a context block can only hold mrkdwn).
  const sources = result.documents.flatMap((doc, i) => (i === 0 ? documentPieces(doc) : [{ text: "; " }, ...documentPieces(doc)]));
  const from: KnownBlock[] = sources.length > 0 ? literal({ text: "From " }, ...sources) : [];
  const modeLine = `${escapeMrkdwn(modeLabel(result.mode, result.model))} · ${result.length} · ${seconds(result.ms)}`;
  // Nothing found is neither worth sharing nor rating.
  const tail: KnownBlock[] = [...from, context(modeLine), ...(result.found && result.bullets.length > 0 ? actionsBlock(options.actions) : [])];
  return paginate(body, tail, fallback, { maxMessages: options.maxMessages });
}

function renderQuotes(result: QuotesResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  const query = escapeMrkdwn(result.query);
  const body: KnownBlock[] = [];
  if (options.header !== undefined) body.push(...options.header);
  let fallback: string;
  if (result.matches.length === 0) {
    fallback = options.claim === true
      ? "The article has nothing like this message: no passage says anything close to it."
      : `No passage in the article matches “${query}”. Try fewer or different words you remember, or ask a question ending with “?”.`;
    body.push(...sections(fallback));
  } else {
    const n = result.matches.length;
    fallback = options.claim === true
      ? `What the article says closest to this message, word for word (${n} ${n === 1 ? "passage" : "passages"})`
      : `${n} ${n === 1 ? "passage matches" : "passages match"} “${query}”`;
    body.push(...sections(`*${fallback}:*`));
    for (const match of result.matches) body.push(...citationBlocks(ctx, match));
  }
  const tail: KnownBlock[] = [
    context(`Verbatim passages from the article · ${seconds(result.ms)}`),
    ...(result.matches.length > 0 ? actionsBlock(options.actions) : []),
  ];
  return paginate(body, tail, fallback, { maxMessages: options.maxMessages });
}

/** The renderer that belongs to each kind of result. */
export function renderResult(done: JobResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  switch (done.kind) {
    case "ask":
      return renderAnswer(done.result, ctx, options);
    case "quote":
      return renderQuotes(done.result, ctx, options);
    case "summary":
      return renderSummary(done.result, ctx, options);
  }
}

/**
 * A compact line naming the request, for private and shared results where the request is not
 * otherwise visible; the person's words in it are literal, like answers. A private summary needs none:
 * its header already names the topic.
 */
export function requestLine(job: SlackJob, sharedBy?: string): KnownBlock[] | undefined {
  // Only a real user id from Slack's payload becomes a mention; anything else stays text.
  const sharer: Piece[] = sharedBy === undefined ? [] : [/^[UW][A-Z0-9]{2,}$/.test(sharedBy) ? { text: "", user: sharedBy } : { text: sharedBy }, { text: " shared · " }];
  switch (job.kind) {
    case "ask":
      return literal(...sharer, { text: "", emoji: "speech_balloon" }, { text: ` ${truncate(job.question, 500)}` });
    case "quote":
      return literal(...sharer, { text: "", emoji: "mag" }, { text: `${job.claim === true ? " checking: " : " "}${truncate(job.query, 500)}` });
    case "summary":
      return sharedBy === undefined ? undefined : literal(...sharer, { text: "", emoji: "memo" }, { text: ` summary${job.length !== undefined ? ` (${job.length})` : ""}` });
  }
}
