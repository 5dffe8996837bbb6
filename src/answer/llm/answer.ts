/**
 * LLM-mode answers: the model writes the answer from numbered passages; its quotes are verified
 * against the article; any failure returns the extractive answer so nobody is left without one.
 */
import { z } from "zod";
import type { Logger } from "../../log";
import type { AskProgress, AskResult, Citation, ShortAnswer } from "../../contract";
import { LlmError, fallbackNotice } from "./errors";
import { cleanModelText, verifyQuotes } from "./ground";
import { asData, formatPassages, oneLine, renderPrompt } from "./prompts";
import type { ChatClient, DocumentLookup, Passage } from "./types";

export interface LlmDeps {
  client: ChatClient;
  docs: DocumentLookup;
  logger: Logger;
}

export interface AnswerInput {
  question: string;
  /** Earlier questions of the conversation, oldest first. */
  history?: string[];
  passages: Passage[];
  /** The extractive answer for the same question (called only when needed). */
  fallback: () => Promise<AskResult>;
  /** Told when the model's quotes are being checked and how many survived (counts only, never text). */
  onProgress?: (step: AskProgress) => void;
  /**
   * The short answer inside a verified citation (the engine's picker, which knows the documents); none
   * without it. Only ever given the model's first verified quote: the article's words, never the model's.
   */
  shortAnswer?: (citation: Citation) => ShortAnswer | null;
}

export const MAX_ANSWER_CITATIONS = 3;
export const MAX_ANSWER_CHARS = 1500;
/** Caps in the schema itself: a runaway reply (thousands of quotes, megabytes of answer) is unusable output. */
export const MAX_MODEL_QUOTES = 8;
export const MAX_MODEL_ANSWER_CHARS = 4000;
export const MAX_QUOTE_CHARS = 1000;
export const NOT_IN_ARTICLE = "The article doesn't say.";

export const AnswerSchema = z.object({
  answer: z.string().max(MAX_MODEL_ANSWER_CHARS),
  answerable: z.boolean(),
  quotes: z.array(z.string().max(MAX_QUOTE_CHARS)).max(MAX_MODEL_QUOTES),
});

export function answerMessages(input: Pick<AnswerInput, "question" | "history" | "passages">) {
  const history = (input.history ?? []).map((q) => `- ${asData(oneLine(q))}`).join("\n");
  return renderPrompt("answer", {
    passages: formatPassages(input.passages),
    history: history === "" ? "(none)" : history,
    question: asData(input.question.trim()),
  });
}

export async function answerWithLlm(deps: LlmDeps, input: AnswerInput): Promise<AskResult> {
  const began = Date.now();
  // Nothing retrieved: there is nothing to ground an answer on, and the offline path says so.
  if (input.passages.length === 0) return input.fallback();

  let output: z.infer<typeof AnswerSchema>;
  try {
    output = await deps.client.structuredCall(AnswerSchema, answerMessages(input), { name: "answer" });
  } catch (error) {
    return offline(deps, input, toLlmFailure(deps.logger, error), began);
  }

  const base = { question: input.question, mode: "llm" as const, model: deps.client.model };
  const text = cleanModelText(output.answer, MAX_ANSWER_CHARS);

  if (!output.answerable) {
    // The model's refusal in its own words may still assert things; the standard one asserts nothing.
    deps.logger.info({ quotes: output.quotes.length }, "model says the passages do not answer");
    return { ...base, answerable: false, answer: NOT_IN_ARTICLE, citations: [], short: null, ms: Date.now() - began };
  }
  // An empty answer is never shown in LLM mode: it counts as unusable output.
  if (text === "") {
    return offline(deps, input, new LlmError("bad_output", "the model returned an empty answer"), began);
  }

  input.onProgress?.({ step: "checking", quotes: output.quotes.length });
  const citations: Citation[] = await verifyQuotes(output.quotes, input.passages, deps.docs, deps.logger, {
    limit: MAX_ANSWER_CITATIONS,
    deadline: began + deps.client.timeoutMs,
  });
  input.onProgress?.({ step: "checked", quotes: output.quotes.length, verified: citations.length });
  if (citations.length === 0) {
    // Not one quote is in the article: the answer is unsupported, whatever real sentences could be
    // attached to it. The offline answer (or its "the article doesn't say") is shown instead.
    deps.logger.warn({ modelQuotes: output.quotes.length }, "no model quote verified; showing the offline answer");
    return offline(deps, input, new LlmError("unverified", "none of the model's quotes is in the article"), began);
  }
  const first = citations[0];
  const short = first !== undefined ? (input.shortAnswer?.(first) ?? null) : null;
  return { ...base, answerable: true, answer: text, citations, short, ms: Date.now() - began };
}

async function offline(deps: LlmDeps, input: AnswerInput, error: LlmError, began: number): Promise<AskResult> {
  deps.logger.warn({ kind: error.kind, status: error.details.status }, "llm answer failed; using the extractive answer");
  const { model: _unused, ...result } = await input.fallback();
  const notice = fallbackNotice(error, "answer");
  return {
    ...result,
    mode: "extractive",
    notice: result.notice ? `${notice} ${result.notice}` : notice,
    ms: Date.now() - began,
  };
}

/** Any failure (even a bug, such as a missing prompt file) gives the offline answer, not an error. */
export function toLlmFailure(logger: Logger, error: unknown): LlmError {
  if (error instanceof LlmError) return error;
  logger.error({ err: error }, "unexpected error in LLM mode");
  return new LlmError("server", error instanceof Error ? error.message : String(error), { cause: error });
}
