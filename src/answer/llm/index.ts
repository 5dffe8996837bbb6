/** LLM mode, as the engine uses it. */
export { answerWithLlm, answerMessages, AnswerSchema, NOT_IN_ARTICLE } from "./answer";
export type { AnswerInput, LlmDeps } from "./answer";
export { summarizeWithLlm, summaryMessages, SummarySchema } from "./summary";
export type { SummaryInput } from "./summary";
export { createChatClient, OpenAIChatClient } from "./client";
export { LlmError, fallbackNotice } from "./errors";
export type { LlmErrorKind } from "./errors";
export { verifyQuote, verifyQuotes } from "./ground";
export type { ChatClient, ChatMessage, DocumentLookup, Passage, StructuredCallOptions } from "./types";
