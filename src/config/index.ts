/**
 * Configuration, read once at the edge (CLI or server start-up) from the environment and passed down.
 * Nothing below `config/` reads `process.env`.
 */
import path from "node:path";
import { z } from "zod";

const emptyToUndefined = (value: unknown): unknown =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const optionalString = z.preprocess(emptyToUndefined, z.string().optional());

const positiveInt = (fallback: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().positive().default(fallback));

const url = z.preprocess(
  emptyToUndefined,
  z
    .string()
    .url("a URL such as http://127.0.0.1:11434/v1")
    .optional(),
);

/** A URL whose scheme is one of `protocols`; the value itself is never echoed (it may hold a password). */
const serviceUrl = (protocols: string[], example: string) =>
  z.preprocess(
    emptyToUndefined,
    z
      .string()
      .refine((value) => {
        try {
          const parsed = new URL(value);
          return protocols.includes(parsed.protocol) && parsed.hostname !== "";
        } catch {
          return false;
        }
      }, example)
      .optional(),
  );

const EnvSchema = z.object({
  // Corpus and index
  CORPUS_DIR: z.preprocess(emptyToUndefined, z.string().default("corpus")),
  INDEX_DIR: z.preprocess(emptyToUndefined, z.string().default(".index")),
  DATA_DIR: z.preprocess(emptyToUndefined, z.string().default(".data")),
  // Documents adding up to more than this are refused: embedding them would take hours.
  MAX_CORPUS_MB: z.preprocess(emptyToUndefined, z.coerce.number().positive().default(5)),
  // `serve` rebuilds this long after the corpus folder last changed; 0 turns watching off.
  CORPUS_WATCH_MS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).default(1000)),

  // Embeddings: local unless asked otherwise, even when an OpenAI key is present.
  EMBEDDINGS_PROVIDER: z.preprocess(emptyToUndefined, z.enum(["local", "openai"]).default("local")),
  OPENAI_EMBEDDING_MODEL: z.preprocess(emptyToUndefined, z.string().default("text-embedding-3-small")),
  // Worker threads for the local model (unset: 1 for serve and ask, every core for ingest; 0: the main thread).
  EMBED_WORKERS: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(64).optional()),
  // Embedding requests waiting or running before the bot answers "busy, try again in a moment".
  EMBED_QUEUE_MAX: positiveInt(256),

  // Chat model
  LLM_PROVIDER: z.preprocess(emptyToUndefined, z.enum(["openai", "none"]).optional()),
  OPENAI_API_KEY: optionalString,
  OPENAI_BASE_URL: url,
  OPENAI_CHAT_MODEL: z.preprocess(emptyToUndefined, z.string().default("gpt-4o-mini")),
  LLM_TIMEOUT_MS: positiveInt(20000),
  LLM_MAX_TOKENS: positiveInt(2048),
  LLM_STRUCTURED_OUTPUT: z.preprocess(
    emptyToUndefined,
    z.enum(["jsonSchema", "functionCalling", "jsonMode"]).default("jsonSchema"),
  ),
  LLM_TEMPERATURE: z.preprocess(emptyToUndefined, z.coerce.number().min(0).max(2).default(0)),

  // Slack
  SLACK_BOT_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith("xoxb-", "a bot token starting with xoxb-").optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    emptyToUndefined,
    z.string().startsWith("xapp-", "an app-level token starting with xapp-").optional(),
  ),
  SLACK_SIGNING_SECRET: optionalString,
  SLACK_API_URL: url,
  // Where a response_url may point (comma-separated host names): a signed payload cannot name any other.
  SLACK_RESPONSE_URL_HOSTS: z.preprocess(emptyToUndefined, z.string().default("hooks.slack.com")),
  // Per attempt, every outbound Slack call (Web API and response_url).
  SLACK_HTTP_TIMEOUT_MS: positiveInt(10000),
  // On SIGTERM, answers in progress get this long; then the process exits whatever is still pending.
  SLACK_DRAIN_MS: positiveInt(10000),
  SLACK_COMMAND: z.preprocess(
    emptyToUndefined,
    z.string().regex(/^\/[a-z0-9_-]+$/, "a slash command such as /article").default("/article"),
  ),
  SLACK_RATE_LIMIT_PER_MINUTE: positiveInt(10),
  // Follow-up questions in a thread without mentioning the bot: reads channel messages, so off unless asked.
  SLACK_THREAD_FOLLOWUPS: z.preprocess(emptyToUndefined, z.enum(["true", "false"]).default("false")),
  // Multi-workspace install (OAuth): all three, and no SLACK_BOT_TOKEN.
  SLACK_CLIENT_ID: optionalString,
  SLACK_CLIENT_SECRET: optionalString,
  SLACK_STATE_SECRET: optionalString,

  // Shared state for several replicas; unset = kept in this process (memory, feedback.jsonl).
  REDIS_URL: serviceUrl(["redis:", "rediss:"], "a Redis URL such as redis://127.0.0.1:6379"),
  DATABASE_URL: serviceUrl(["postgres:", "postgresql:"], "a PostgreSQL URL such as postgres://user:password@127.0.0.1:5432/articlebot"),
  PORT: z.preprocess(emptyToUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),

  // The learned answer judge (data/judge/model.json). Off by default until it beats the hand rules on the
  // held-out sets (README, Quality); "on" to measure it.
  ANSWER_JUDGE: z.preprocess(emptyToUndefined, z.enum(["on", "off"]).default("off")),

  LOG_LEVEL: z.preprocess(
    emptyToUndefined,
    z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  ),
});

export type StructuredOutputMethod = "jsonSchema" | "functionCalling" | "jsonMode";

export interface LlmConfig {
  apiKey: string;
  baseURL?: string;
  model: string;
  timeoutMs: number;
  /** `max_tokens` of every chat request. */
  maxTokens: number;
  structuredOutput: StructuredOutputMethod;
  temperature: number;
}

export interface EmbeddingsConfig {
  provider: "local" | "openai";
  /** Worker threads for the local model; undefined lets the command choose (see EMBED_WORKERS). */
  workers?: number;
  /** Requests queued or running in the embedding pool before new ones are refused as busy. */
  queueMax?: number;
  openaiModel: string;
  openaiApiKey?: string;
  openaiBaseURL?: string;
}

export interface SlackConfig {
  botToken?: string;
  appToken?: string;
  signingSecret?: string;
  apiUrl?: string;
  /** `SLACK_RESPONSE_URL_HOSTS` (default hooks.slack.com). */
  responseUrlHosts?: string[];
  /** `SLACK_HTTP_TIMEOUT_MS` (default 10 s). */
  httpTimeoutMs?: number;
  /** `SLACK_DRAIN_MS` (default 10 s). */
  drainMs?: number;
  command: string;
  rateLimitPerMinute: number;
  /**
   * Answer question-shaped replies in a thread the bot answered in, without a mention
   * (SLACK_THREAD_FOLLOWUPS=true; needs channels:history, i.e. the bot receives every message of its channels).
   */
  threadFollowups?: boolean;
  /** OAuth (multi-workspace): set together, instead of botToken. */
  clientId?: string;
  clientSecret?: string;
  stateSecret?: string;
  port: number;
}

/** Where the Slack app's state lives; each unset URL = in this process. */
export interface StateConfig {
  redisUrl?: string;
  databaseUrl?: string;
}

export interface Config {
  corpusDir: string;
  indexDir: string;
  dataDir: string;
  /** `MAX_CORPUS_MB` in bytes. */
  maxCorpusBytes: number;
  /** `CORPUS_WATCH_MS`: debounce of `serve`'s corpus watch (0: off). */
  watchDebounceMs: number;
  embeddings: EmbeddingsConfig;
  /** Undefined when answers are extractive (offline). */
  llm?: LlmConfig;
  slack: SlackConfig;
  state: StateConfig;
  /** Use the learned answer judge (ANSWER_JUDGE=on; off when unset). */
  judge?: boolean;
  logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
}

/** URLs that may carry a password, so that an error line never echoes them. */
const SECRET_URLS = new Set(["REDIS_URL", "DATABASE_URL"]);

/** One line per bad variable, naming it and what it accepts. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join("\n"));
    this.name = "ConfigError";
  }
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  overrides: { corpusDir?: string; indexDir?: string } = {},
  cwd: string = process.cwd(),
): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join(".");
        const value = env[name];
        const secret = /TOKEN|SECRET|KEY/.test(name) || SECRET_URLS.has(name);
        const shown = value === undefined || secret ? "" : ` (got "${value}")`;
        return `${name}: ${issue.message}${shown}`;
      }),
    );
  }
  const e = parsed.data;

  const llmEnabled = e.LLM_PROVIDER === "openai" || (e.LLM_PROVIDER !== "none" && e.OPENAI_API_KEY !== undefined);
  let llm: LlmConfig | undefined;
  if (llmEnabled) {
    // A local OpenAI-compatible server often needs no key; the client still wants a non-empty string.
    const apiKey = e.OPENAI_API_KEY ?? (e.OPENAI_BASE_URL ? "not-needed" : undefined);
    if (apiKey === undefined) {
      throw new ConfigError(["OPENAI_API_KEY: required when LLM_PROVIDER=openai without OPENAI_BASE_URL"]);
    }
    llm = {
      apiKey,
      baseURL: e.OPENAI_BASE_URL,
      model: e.OPENAI_CHAT_MODEL,
      timeoutMs: e.LLM_TIMEOUT_MS,
      maxTokens: e.LLM_MAX_TOKENS,
      structuredOutput: e.LLM_STRUCTURED_OUTPUT,
      temperature: e.LLM_TEMPERATURE,
    };
  }
  if (e.EMBEDDINGS_PROVIDER === "openai" && e.OPENAI_API_KEY === undefined && e.OPENAI_BASE_URL === undefined) {
    throw new ConfigError(["EMBEDDINGS_PROVIDER: 'openai' needs OPENAI_API_KEY (or OPENAI_BASE_URL for a local server)"]);
  }

  return {
    corpusDir: path.resolve(cwd, overrides.corpusDir ?? e.CORPUS_DIR),
    indexDir: path.resolve(cwd, overrides.indexDir ?? e.INDEX_DIR),
    dataDir: path.resolve(cwd, e.DATA_DIR),
    maxCorpusBytes: Math.round(e.MAX_CORPUS_MB * 1024 * 1024),
    watchDebounceMs: e.CORPUS_WATCH_MS,
    embeddings: {
      provider: e.EMBEDDINGS_PROVIDER,
      workers: e.EMBED_WORKERS,
      queueMax: e.EMBED_QUEUE_MAX,
      openaiModel: e.OPENAI_EMBEDDING_MODEL,
      openaiApiKey: e.OPENAI_API_KEY ?? (e.OPENAI_BASE_URL ? "not-needed" : undefined),
      openaiBaseURL: e.OPENAI_BASE_URL,
    },
    llm,
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      appToken: e.SLACK_APP_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      apiUrl: e.SLACK_API_URL,
      responseUrlHosts: e.SLACK_RESPONSE_URL_HOSTS.split(",").map((h) => h.trim()).filter((h) => h !== ""),
      httpTimeoutMs: e.SLACK_HTTP_TIMEOUT_MS,
      drainMs: e.SLACK_DRAIN_MS,
      command: e.SLACK_COMMAND,
      rateLimitPerMinute: e.SLACK_RATE_LIMIT_PER_MINUTE,
      threadFollowups: e.SLACK_THREAD_FOLLOWUPS === "true",
      clientId: e.SLACK_CLIENT_ID,
      clientSecret: e.SLACK_CLIENT_SECRET,
      stateSecret: e.SLACK_STATE_SECRET,
      port: e.PORT,
    },
    state: { redisUrl: e.REDIS_URL, databaseUrl: e.DATABASE_URL },
    judge: e.ANSWER_JUDGE === "on",
    logLevel: e.LOG_LEVEL,
  };
}
