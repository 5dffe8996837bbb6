/**
 * LLM-mode summaries: bullets written by the model, each kept only if at least one of its quotes is
 * found in the article. Failure, or no bullet surviving verification, returns the offline summary.
 */
import { z } from "zod";
import { type AskProgress, type DocumentInfo, SUMMARY_BULLETS as BULLETS, type SummaryBullet, type SummaryLength, type SummaryResult } from "../../contract";
import type { LlmDeps } from "./answer";
import { MAX_QUOTE_CHARS, toLlmFailure } from "./answer";
import { LlmError, fallbackNotice } from "./errors";
import { cleanModelText, verifyQuotes } from "./ground";
import { asData, formatPassages, oneLine, renderPrompt } from "./prompts";
import type { Passage } from "./types";

export interface SummaryInput {
  /** Null for a summary of the whole corpus. */
  topic: string | null;
  length: SummaryLength;
  passages: Passage[];
  documents: DocumentInfo[];
  /** The extractive summary for the same request (called only when needed). */
  fallback: () => Promise<SummaryResult>;
  /** Told when checking the quotes starts and ends (counts only, never the model's text). */
  onProgress?: (step: AskProgress) => void;
}



export const MAX_BULLET_CITATIONS = 2;
export const MAX_BULLET_CHARS = 400;

/** Caps in the schema itself, as for answers: a runaway reply is unusable output. */
export const SummarySchema = z.object({
  bullets: z.array(z.object({ text: z.string().max(2 * MAX_BULLET_CHARS), quotes: z.array(z.string().max(MAX_QUOTE_CHARS)).max(4) })).max(2 * BULLETS.long),
});

export function summaryMessages(input: Pick<SummaryInput, "topic" | "length" | "passages">) {
  const topic = input.topic?.trim();
  return renderPrompt("summary", {
    passages: formatPassages(input.passages),
    topic: topic ? asData(oneLine(topic)) : "(none: summarise the passages as a whole)",
    bullets: String(BULLETS[input.length]),
  });
}

export async function summarizeWithLlm(deps: LlmDeps, input: SummaryInput): Promise<SummaryResult> {
  const began = Date.now();
  if (input.passages.length === 0) return input.fallback();

  let output: z.infer<typeof SummarySchema>;
  try {
    output = await deps.client.structuredCall(SummarySchema, summaryMessages(input), { name: "summary" });
  } catch (error) {
    return offline(deps, input, toLlmFailure(deps.logger, error), began);
  }

  const bullets: SummaryBullet[] = [];
  const quotes = output.bullets.reduce((n, b) => n + b.quotes.length, 0);
  input.onProgress?.({ step: "checking", quotes });
  let verified = 0;
  for (const [index, bullet] of output.bullets.entries()) {
    if (bullets.length >= BULLETS[input.length]) break;
    const text = cleanModelText(bullet.text, MAX_BULLET_CHARS);
    const citations = await verifyQuotes(bullet.quotes, input.passages, deps.docs, deps.logger, { limit: MAX_BULLET_CITATIONS, deadline: began + deps.client.timeoutMs });
    if (text === "" || citations.length === 0) {
      deps.logger.warn({ bulletIndex: index, empty: text === "" }, "summary bullet without a verified quote; dropped");
      continue;
    }
    verified += citations.length;
    bullets.push({ text, citations });
  }
  input.onProgress?.({ step: "checked", quotes, verified });
  if (bullets.length === 0) {
    const error = new LlmError("bad_output", "no summary bullet had a verified quote");
    return offline(deps, input, error, began);
  }

  const used = new Set(bullets.flatMap((b) => b.citations.map((c) => c.docId)));
  const documents = input.documents.filter((d) => used.has(d.id));
  return {
    topic: input.topic,
    length: input.length,
    bullets,
    documents: documents.length > 0 ? documents : input.documents,
    mode: "llm",
    model: deps.client.model,
    ms: Date.now() - began,
    found: true,
  };
}

async function offline(deps: LlmDeps, input: SummaryInput, error: LlmError, began: number): Promise<SummaryResult> {
  deps.logger.warn({ kind: error.kind, status: error.details.status }, "llm summary failed; using the extractive summary");
  const { model: _unused, ...result } = await input.fallback();
  const notice = fallbackNotice(error, "summary");
  return {
    ...result,
    mode: "extractive",
    notice: result.notice ? `${notice} ${result.notice}` : notice,
    ms: Date.now() - began,
  };
}
