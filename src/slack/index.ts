/** The Slack front end: the Bolt app and the `serve` entry point. The engine knows nothing of it. */
export { createSlackApp, defaultClientOptions, SlackStartError } from "./app";
export type { SlackAppDeps, SlackAppHandle, SlackStartInfo } from "./app";
export { runServe, validateSlackConfig } from "./serve";
export type { ServeOptions } from "./serve";
export { JsonlFeedbackStore, MemoryDedupeStore, MemoryRateLimiter, MemoryThreadMemory, memoryStores } from "./stores";
export type { DedupeStore, FeedbackRecord, FeedbackStore, RateLimiter, SlackStores, ThreadMemory } from "./stores";
