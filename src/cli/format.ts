/** Terminal rendering of engine results (the `--json` output is the results themselves). */
import type { AskResult, Citation, QuotesResult, SummaryResult } from "../contract";

const modeLabel = (mode: string, model?: string): string => (mode === "llm" ? `written by ${model ?? "a chat model"}` : "offline, extractive");

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function where(c: Citation, docTitles: Map<string, string>, multipleDocs: boolean): string {
  const doc = multipleDocs ? `${docTitles.get(c.docId) ?? c.docId}, ` : "";
  return `${doc}¶${c.paragraph}`;
}

export interface FormatContext {
  docTitles: Map<string, string>;
}

export function formatAsk(result: AskResult, ctx: FormatContext): string {
  const lines: string[] = [];
  // The thing asked for, first: the article's own words (a span of the first quote), never rewritten.
  if (result.short && result.answerable) lines.push(`Short answer: ${oneLine(result.short.text)}`);
  if (result.notice) lines.push(`Note: ${result.notice}`);
  lines.push(oneLine(result.answer));
  const multi = new Set(result.citations.map((c) => c.docId)).size > 1 || ctx.docTitles.size > 1;
  if (result.citations.length > 0) {
    lines.push("");
    result.citations.forEach((c, i) => lines.push(`  [${i + 1}] “${oneLine(c.quote)}”`, `      — ${where(c, ctx.docTitles, multi)}`));
  }
  lines.push("", `(${modeLabel(result.mode, result.model)}; ${result.ms} ms)`);
  return lines.join("\n");
}

export function formatSummary(result: SummaryResult, ctx: FormatContext): string {
  const lines: string[] = [];
  if (result.notice) lines.push(`Note: ${result.notice}`);
  const titles = result.documents.map((d) => d.title).join("; ");
  if (!result.found) {
    lines.push(`The article doesn't cover “${result.topic ?? ""}”; nothing to summarize on that topic.`);
  } else {
    lines.push(`Summary${result.topic ? ` on “${result.topic}”` : ""} of: ${titles}`, "");
    const multi = ctx.docTitles.size > 1;
    for (const bullet of result.bullets) {
      const refs = bullet.citations.map((c) => where(c, ctx.docTitles, multi)).join(", ");
      lines.push(`  • ${oneLine(bullet.text)} (${refs})`);
    }
  }
  lines.push("", `(${result.length}; ${modeLabel(result.mode, result.model)}; ${result.ms} ms)`);
  return lines.join("\n");
}

export function formatQuotes(result: QuotesResult, ctx: FormatContext): string {
  if (result.matches.length === 0) return `No passage in the article matches “${oneLine(result.query)}”.`;
  const multi = ctx.docTitles.size > 1;
  const lines: string[] = [];
  result.matches.forEach((m, i) => {
    lines.push(`  [${i + 1}] “${oneLine(m.quote)}”`);
    lines.push(`      — ${m.speaker ? `${m.speaker}, ` : ""}${where(m, ctx.docTitles, multi)}`);
  });
  return lines.join("\n");
}
