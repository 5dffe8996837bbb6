/**
 * What people typed, turned into a request for the engine. Slack sends message text in its own
 * markup (`<@U123>`, `<!channel>`, `<https://…|label>`, `&amp;`); the engine wants plain words.
 * Decoding here also means that nothing Slack would expand into a ping survives into a reply:
 * `<!channel>` becomes the harmless words "@channel", which the renderer escapes again.
 */
import type { SummaryLength } from "../contract";
import type { SlackInput } from "./job";

/** Longest input passed to the engine: enough for any real question, bounded for cost and logs. */
const MAX_INPUT_CHARS = 1500;

/** Decodes Slack markup into plain text; mentions of the bot itself are dropped. */
export function slackToPlain(text: string, botUserId?: string): string {
  const decoded = text.replace(/<([^<>]*)>/g, (_match, inner: string) => {
    const bar = inner.indexOf("|");
    const target = bar === -1 ? inner : inner.slice(0, bar);
    const label = bar === -1 ? undefined : inner.slice(bar + 1);
    if (target.startsWith("@")) {
      if (botUserId !== undefined && target.slice(1) === botUserId) return " ";
      return label !== undefined && label !== "" ? `@${label.replace(/^@/, "")}` : target;
    }
    if (target.startsWith("#")) return label !== undefined && label !== "" ? `#${label}` : target;
    if (target.startsWith("!")) {
      // <!channel>, <!here>, <!everyone>, <!subteam^S1|@team>, <!date^…|fallback>
      if (label !== undefined && label !== "") return label.startsWith("@") || target.startsWith("!date") ? label : `@${label}`;
      return `@${target.slice(1).split("^")[0] ?? ""}`;
    }
    return label !== undefined && label !== "" ? label : target;
  });
  const plain = decoded.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return plain.replace(/\s+/g, " ").trim().slice(0, MAX_INPUT_CHARS);
}

const QUESTION_START =
  /^(who|whom|whose|what|what's|when|where|why|how|which|did|does|do|is|are|was|were|can|could|will|would|should|has|have|had)\b/i;

/** A question ends with "?" or starts with a question word; anything else in a DM is a quote lookup. */
function isQuestion(text: string): boolean {
  const t = text.trim();
  return t.endsWith("?") || QUESTION_START.test(t);
}

const LENGTHS: ReadonlySet<string> = new Set<SummaryLength>(["short", "medium", "long"]);

/** `[topic words…] [short|medium|long]`; the length may also come first. */
function parseSummaryArgs(rest: string): { topic?: string; length?: SummaryLength } {
  const words = rest.split(/\s+/).filter((w) => w !== "");
  let length: SummaryLength | undefined;
  const last = words.at(-1)?.toLowerCase();
  const first = words[0]?.toLowerCase();
  if (last !== undefined && LENGTHS.has(last)) {
    length = last as SummaryLength;
    words.pop();
  } else if (first !== undefined && LENGTHS.has(first)) {
    length = first as SummaryLength;
    words.shift();
  }
  const topic = words.join(" ").trim();
  return { ...(topic !== "" ? { topic } : {}), ...(length !== undefined ? { length } : {}) };
}

function splitFirstWord(text: string): [string, string] {
  const match = /^(\S+)\s*([\s\S]*)$/.exec(text.trim());
  return match === null ? ["", ""] : [(match[1] ?? "").toLowerCase(), (match[2] ?? "").trim()];
}

/** A leading keyword shared by every surface: help, ask, quote, summary. */
function parseKeyword(text: string): SlackInput | undefined {
  const [word, rest] = splitFirstWord(text);
  switch (word) {
    case "":
    case "help":
    case "help?":
      return { kind: "help" };
    case "ask":
      return rest === "" ? { kind: "help", missingFor: "ask" } : { kind: "ask", question: rest };
    case "quote":
    case "quotes":
      return rest === "" ? { kind: "help", missingFor: "quote" } : { kind: "quote", query: rest };
    case "summary":
    case "summarize":
    case "summarise":
      return { kind: "summary", ...parseSummaryArgs(rest) };
    default:
      return undefined;
  }
}

/** `/article <subcommand> …`: anything but a known subcommand gets the help. */
export function parseCommand(plain: string): SlackInput {
  const keyword = parseKeyword(plain);
  if (keyword !== undefined) return keyword;
  return { kind: "help", unknown: splitFirstWord(plain)[0] };
}

/** A DM: quote lookup by default, an answer for question-shaped messages. */
export function parseDirectMessage(plain: string): SlackInput {
  const keyword = parseKeyword(plain);
  if (keyword !== undefined) return keyword;
  return isQuestion(plain) ? { kind: "ask", question: plain } : { kind: "quote", query: plain };
}

/** A mention in a channel is a question unless it starts with a keyword. */
export function parseMention(plain: string): SlackInput {
  return parseKeyword(plain) ?? { kind: "ask", question: plain };
}

/**
 * A reply in a thread the bot answered in, without a mention (SLACK_THREAD_FOLLOWUPS): only a
 * question is taken as a follow-up; "thanks!" or chatter between people gets nothing.
 */
export function parseThreadReply(plain: string): SlackInput | undefined {
  return isQuestion(plain) ? { kind: "ask", question: plain } : undefined;
}
