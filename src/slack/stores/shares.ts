/**
 * Results shown privately (slash command) and waiting for a possible "Share in channel" click.
 * A button value holds at most 2,000 chars, too little for a result, so the result is kept in the
 * store under a random id; the button also carries the request itself, so that after a restart (or
 * on a replica whose store lost it) the click re-runs the request instead of failing.
 */
import { LIMITS } from "../blocks/mrkdwn";
import type { JobResult, SlackJob } from "../job";

export interface SharedEntry {
  job: SlackJob;
  done: JobResult;
}

export interface ShareStore {
  /** Keeps the entry for a while and returns its id (random, unguessable). */
  put(entry: SharedEntry): Promise<string>;
  get(id: string): Promise<SharedEntry | undefined>;
}

export const SHARE_TTL_MS = 60 * 60 * 1000;

export interface ShareValue {
  id: string;
  job: SlackJob;
}

export function encodeShareValue(value: ShareValue): string {
  let encoded = JSON.stringify(value);
  if (encoded.length <= LIMITS.buttonValue) return encoded;
  // Quotes and backslashes double in JSON: shorten the words until the value fits.
  const job = { ...value.job };
  let budget = 1000;
  while (encoded.length > LIMITS.buttonValue && budget > 0) {
    if (job.kind === "ask") job.question = job.question.slice(0, budget);
    else if (job.kind === "quote") job.query = job.query.slice(0, budget);
    else if (job.topic !== undefined) job.topic = job.topic.slice(0, budget);
    encoded = JSON.stringify({ id: value.id, job });
    budget -= 200;
  }
  return encoded;
}

export function decodeShareValue(raw: string | undefined): ShareValue | undefined {
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const { id, job } = parsed as { id?: unknown; job?: unknown };
    if (typeof id !== "string" || typeof job !== "object" || job === null) return undefined;
    const j = job as Record<string, unknown>;
    if (j.kind === "ask" && typeof j.question === "string") return { id, job: { kind: "ask", question: j.question } };
    if (j.kind === "quote" && typeof j.query === "string") return { id, job: { kind: "quote", query: j.query } };
    if (j.kind === "summary") {
      const length = j.length === "short" || j.length === "medium" || j.length === "long" ? j.length : undefined;
      return {
        id,
        job: {
          kind: "summary",
          ...(typeof j.topic === "string" ? { topic: j.topic } : {}),
          ...(length !== undefined ? { length } : {}),
        },
      };
    }
    return undefined;
  } catch {
    return undefined;
  }
}
