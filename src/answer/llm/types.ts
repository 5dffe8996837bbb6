/**
 * Types shared between the engine (retrieval) and LLM mode (generation + grounding).
 * LLM mode knows nothing about indexes: the engine hands it numbered passages and a way to read documents.
 */
import type { z } from "zod";

/** A retrieved span of a document, numbered for the prompt ("[n]"). */
export interface Passage {
  /** 1-based number shown to the model. */
  n: number;
  docId: string;
  title: string;
  /** 1-based paragraph number of `start`. */
  paragraph: number;
  /** Offsets of the passage in the document's original text. */
  start: number;
  end: number;
  /** `documentText.slice(start, end)`. */
  text: string;
}

/** Read access to documents, for verifying quotes against the full original text. */
export interface DocumentLookup {
  text(docId: string): string | undefined;
  /** 1-based paragraph number containing `offset`. */
  paragraphAt(docId: string, offset: number): number;
}

export interface ChatMessage {
  role: "system" | "user";
  content: string;
}

export interface StructuredCallOptions {
  /** Name of the output (json_schema name / tool name). Letters, digits, _ and - only. */
  name: string;
}

/** One structured request to a chat model; throws `LlmError` on any failure. */
export interface ChatClient {
  readonly model: string;
  structuredCall<T extends Record<string, unknown>>(
    schema: z.ZodType<T>,
    messages: ChatMessage[],
    options: StructuredCallOptions,
  ): Promise<T>;
}
