/** What every listener needs, built once by `createSlackApp` and passed to each `register*`. */
import type { SlackConfig } from "../config";
import type { Engine } from "../contract";
import type { Logger } from "../log";
import type { RenderContext } from "./blocks/results";
import type { SlackStores } from "./stores";

/** The stores (chosen by the composition root) plus what every request reads. */
export interface SlackRuntime extends SlackStores {
  engine: Engine;
  config: SlackConfig;
  logger: Logger;
  /** Show progress (reaction or "Thinking…") when the engine takes longer than this. */
  progressDelayMs: number;
  /** Wait for a Web API 429 at most this long before giving up (see withSlackRetry). */
  maxRateLimitWaitSec: number;
}

export function renderContext(rt: SlackRuntime): RenderContext {
  return { documents: rt.engine.documents() };
}
