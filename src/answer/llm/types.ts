/**
 * Types shared between the engine (retrieval) and LLM mode (generation + grounding).
 * LLM mode knows nothing about indexes: the engine hands it numbered passages and a way to read documents.
 */
import type { z } from "zod";
import type { Citation } from "../../contract";

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
  /** The text quotes are located in (passages' offsets index it). */
  text(docId: string): string | undefined;
  /** The citation of `text(docId).slice(start, end)`, made and checked in one place; null if invalid. */
  citation(docId: string, start: number, end: number): Citation | null;
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
  /** The whole request's time limit (`LLM_TIMEOUT_MS`); work after the reply stays inside it too. */
  readonly timeoutMs: number;
  structuredCall<T extends Record<string, unknown>>(
    schema: z.ZodType<T>,
    messages: ChatMessage[],
    options: StructuredCallOptions,
  ): Promise<T>;
}
