/**
 * What a request is and what it produced: the types every stage of the pipeline shares
 * (input → job → result → blocks → post). No logic beyond naming a job's words.
 */
import type { AskResult, QuotesResult, SummaryLength, SummaryResult } from "../contract";

export type SlackJob =
  | { kind: "ask"; question: string }
  | {
      kind: "quote";
      query: string;
      /** The words are someone's message to check against the article (*Find in the article*), not words remembered. */
      claim?: boolean;
    }
  | { kind: "summary"; topic?: string; length?: SummaryLength };

export type SlackInput =
  | SlackJob
  | {
      kind: "help";
      /** What the person typed when it was not understood (for a friendlier help message). */
      unknown?: string;
      /** A subcommand given without the words it needs, e.g. `/article quote`. */
      missingFor?: "ask" | "quote";
    };

export type JobResult =
  | { kind: "ask"; result: AskResult }
  | { kind: "quote"; result: QuotesResult }
  | { kind: "summary"; result: SummaryResult };

/** The words a job was asked with, for logs (length only) and feedback records. */
export function jobInput(job: SlackJob): string {
  switch (job.kind) {
    case "ask":
      return job.question;
    case "quote":
      return job.query;
    case "summary":
      return [job.topic, job.length].filter((s) => s !== undefined).join(" ");
  }
}
