/**
 * Running a request against the engine and rendering its result: the one place that knows which
 * engine call and which renderer belong to "ask", "quote" and "summary".
 */
import type { AskResult, Engine, QuotesResult, SummaryResult } from "../contract";
import { type RenderContext, type ResultRenderOptions, type SlackMessage, renderAnswer, renderQuotes, renderSummary } from "./render";
import { type SlackJob, jobInput } from "./text";

export type JobResult =
  | { kind: "ask"; result: AskResult }
  | { kind: "quote"; result: QuotesResult }
  | { kind: "summary"; result: SummaryResult };

/** Quote lookups show this many passages: enough to find the one you remember, short enough to read. */
export const QUOTE_LIMIT = 5;

export async function runJob(engine: Engine, job: SlackJob, history: string[]): Promise<JobResult> {
  switch (job.kind) {
    case "ask":
      return { kind: "ask", result: await engine.ask(job.question, { history }) };
    case "quote":
      return { kind: "quote", result: await engine.findQuotes(job.query, { limit: QUOTE_LIMIT }) };
    case "summary":
      return { kind: "summary", result: await engine.summarize({ topic: job.topic, length: job.length }) };
  }
}

export function renderJob(done: JobResult, ctx: RenderContext, options: ResultRenderOptions): SlackMessage[] {
  switch (done.kind) {
    case "ask":
      return renderAnswer(done.result, ctx, options);
    case "quote":
      return renderQuotes(done.result, ctx, options);
    case "summary":
      return renderSummary(done.result, ctx, options);
  }
}

/** Fields for the info log line: sizes, timings and modes, never the text itself. */
export function resultLogFields(done: JobResult): Record<string, unknown> {
  switch (done.kind) {
    case "ask":
      return {
        mode: done.result.mode,
        model: done.result.model,
        answerable: done.result.answerable,
        citations: done.result.citations.length,
        engineMs: done.result.ms,
      };
    case "quote":
      return { matches: done.result.matches.length, engineMs: done.result.ms };
    case "summary":
      return {
        mode: done.result.mode,
        model: done.result.model,
        found: done.result.found,
        bullets: done.result.bullets.length,
        engineMs: done.result.ms,
      };
  }
}

/** What a 👍/👎 button carries, so that the feedback record says what was rated. */
export interface FeedbackValue {
  kind: SlackJob["kind"];
  input: string;
  mode?: string;
  model?: string;
}

export function feedbackValue(job: SlackJob, done: JobResult): string {
  const value: FeedbackValue = { kind: job.kind, input: jobInput(job).slice(0, 500) };
  if (done.kind !== "quote") {
    value.mode = done.result.mode;
    if (done.result.model !== undefined) value.model = done.result.model;
  }
  return JSON.stringify(value);
}

export function parseFeedbackValue(raw: string | undefined): FeedbackValue | undefined {
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const v = parsed as Record<string, unknown>;
    if (v.kind !== "ask" && v.kind !== "quote" && v.kind !== "summary") return undefined;
    return {
      kind: v.kind,
      input: typeof v.input === "string" ? v.input : "",
      ...(typeof v.mode === "string" ? { mode: v.mode } : {}),
      ...(typeof v.model === "string" ? { model: v.model } : {}),
    };
  } catch {
    return undefined;
  }
}
