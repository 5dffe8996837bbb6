/** Every way a chat-model call can fail, reduced to what the caller needs to decide and to tell the user. */
export type LlmErrorKind = "timeout" | "connection" | "auth" | "rate_limit" | "server" | "bad_output" | "unverified";

export class LlmError extends Error {
  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    readonly details: { status?: number; attempts?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: details.cause });
    this.name = "LlmError";
  }
}

const KIND_TEXT: Record<LlmErrorKind, string> = {
  timeout: "timeout",
  connection: "connection failed",
  auth: "authentication failed",
  rate_limit: "rate limited",
  server: "server error",
  bad_output: "unusable output",
  unverified: "quotes not in the article",
};

/** The short notice shown to users when the offline result replaces the model's. */
export function fallbackNotice(error: LlmError, what: "answer" | "summary"): string {
  if (error.kind === "bad_output") return `The language model's reply was unusable; this is the offline ${what}.`;
  if (error.kind === "unverified") return `The language model's quotes could not be found in the article; this is the offline ${what}.`;
  return `The language model was unavailable (${KIND_TEXT[error.kind]}); this is the offline ${what}.`;
}
