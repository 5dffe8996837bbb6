/** What every listener needs, built once by `createSlackApp` and passed to each `register*`. */
import type { SlackConfig } from "../config";
import type { Logger } from "../log";
import type { Engine } from "../contract";
import type { RenderContext } from "./render";
import type { DedupeStore, FeedbackStore, InFlight, RateLimiter, ShareStore, ThreadMemory } from "./stores";

export interface SlackRuntime {
  engine: Engine;
  config: SlackConfig;
  logger: Logger;
  dedupe: DedupeStore;
  threads: ThreadMemory;
  limiter: RateLimiter;
  feedback: FeedbackStore;
  shares: ShareStore;
  inflight: InFlight;
  /** Show progress (reaction or "Thinking…") when the engine takes longer than this. */
  progressDelayMs: number;
  /** Wait for a Web API 429 at most this long before giving up (see withSlackRetry). */
  maxRateLimitWaitSec: number;
}

export function renderContext(rt: SlackRuntime): RenderContext {
  return { documents: rt.engine.documents() };
}
