/** The Slack front end: the Bolt app and the `serve` entry point. The engine knows nothing of it. */
export { createSlackApp, defaultClientOptions, SlackStartError } from "./app";
export type { SlackAppDeps, SlackAppHandle, SlackStartInfo } from "./app";
export { runServe, validateSlackConfig } from "./serve";
export type { ServeOptions } from "./serve";
export { MemoryDedupeStore } from "./dedupe";
export type { DedupeStore } from "./dedupe";
export { MemoryThreadMemory } from "./threads";
export type { ThreadMemory } from "./threads";
export { FeedbackLog } from "./feedback";
export type { FeedbackRecord, FeedbackSink } from "./feedback";
export { RateLimiter } from "./rateLimit";
