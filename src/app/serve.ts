/**
 * `article-bot serve`, the Slack composition root: config → engine → stores → Bolt app. Validates
 * the Slack settings, starts the app, and stops gracefully on SIGINT/SIGTERM (finishing answers
 * already being written). `src/slack/` itself only sees the engine's contract, config and log.
 */
import { type Config, ConfigError, type SlackConfig } from "../config";
import { createEngine } from "../engine";
import type { Logger } from "../log";
import { type EngineFactory, LiveEngine } from "./liveEngine";
import { type SlackAppDeps, SlackStartError, createSlackApp } from "../slack/app";
import { describeError } from "../slack/errors";
import { oauthConfigProblems, oauthSettings } from "../slack/oauth";
import { type OpenedStores, StoreStartError, openStores } from "../slack/stores/open";

/** One line per missing or malformed variable, naming it and where to find the right value. */
export function validateSlackConfig(slack: SlackConfig): string[] {
  const problems: string[] = [];
  const oauthProblems = oauthConfigProblems(slack);
  if (oauthProblems !== undefined) {
    problems.push(...oauthProblems);
  } else if (slack.botToken === undefined || slack.botToken === "") {
    problems.push(
      "SLACK_BOT_TOKEN: missing; the Bot User OAuth Token (xoxb-…) from OAuth & Permissions, after installing the app " +
        "(or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET to let several workspaces install it)",
    );
  } else if (!slack.botToken.startsWith("xoxb-")) {
    problems.push("SLACK_BOT_TOKEN: malformed; a bot token starts with xoxb- (not a user xoxp- or app xapp- token)");
  }
  if (slack.appToken !== undefined) {
    if (!slack.appToken.startsWith("xapp-")) {
      problems.push("SLACK_APP_TOKEN: malformed; an app-level token starts with xapp- (Basic Information → App-Level Tokens)");
    }
  } else if (slack.signingSecret === undefined || slack.signingSecret === "") {
    problems.push(
      "SLACK_SIGNING_SECRET: missing; HTTP mode needs the Signing Secret (Basic Information → App Credentials), " +
        "or set SLACK_APP_TOKEN (xapp-…) to use Socket Mode instead",
    );
  } else if (!/^[0-9a-f]{16,}$/i.test(slack.signingSecret)) {
    problems.push("SLACK_SIGNING_SECRET: malformed; the Signing Secret is a string of hex digits (32 of them), not a token");
  }
  return problems;
}

export interface ServeOptions {
  /** Engine factory (tests pass a fake); the real one loads the corpus and the index. */
  createEngine?: EngineFactory;
  /** Stops the server like SIGTERM does (tests). */
  stopSignal?: AbortSignal;
  /** Extra app options (tests: fake ids, fast Web API retries, loopback host). */
  app?: Partial<Omit<SlackAppDeps, "engine" | "config" | "logger">>;
  /** Called once listening, with what `start()` returned. */
  onListening?: (info: Awaited<ReturnType<ReturnType<typeof createSlackApp>["start"]>>) => void;
}

function startProblem(err: SlackStartError, config: SlackConfig): string {
  const e = describeError(err.cause);
  const why = e.slackError ?? e.cause;
  switch (err.phase) {
    case "auth":
      return e.slackError !== undefined
        ? `SLACK_BOT_TOKEN: Slack rejected the bot token (${why}); copy it again from OAuth & Permissions, and reinstall the app if its scopes changed`
        : `SLACK_API_URL: could not reach the Slack Web API at ${config.apiUrl ?? "https://slack.com/api/"} (${why})`;
    case "connect":
      return `SLACK_APP_TOKEN: could not open a Socket Mode connection (${why}); the token needs the connections:write scope and Socket Mode must be enabled`;
    case "listen":
      return `PORT: cannot listen on port ${config.port} (${why})`;
  }
}

export async function runServe(config: Config, logger: Logger, options: ServeOptions = {}): Promise<void> {
  const problems = validateSlackConfig(config.slack);
  if (problems.length > 0) throw new ConfigError(problems);

  // Stores before the engine: an unreachable backend should fail in a second, not after the index build.
  let opened: OpenedStores;
  try {
    opened = await openStores({
      state: config.state,
      dataDir: config.dataDir,
      rateLimitPerMinute: config.slack.rateLimitPerMinute,
      multiWorkspace: oauthSettings(config.slack) !== undefined,
      logger,
    });
  } catch (err) {
    if (err instanceof StoreStartError) throw new ConfigError([err.message]);
    throw err;
  }
  try {
    await serveWith(config, logger, options, opened);
  } finally {
    await opened.close();
  }
}

async function serveWith(config: Config, logger: Logger, options: ServeOptions, opened: OpenedStores): Promise<void> {
  const log = logger.child({ component: "serve" });
  const makeEngine: EngineFactory = options.createEngine ?? ((c, o) => createEngine(c, o));
  // Listen first and build behind it: a liveness probe sees a live process (503 "building") instead of
  // refused connections for as long as the index takes, and Slack gets "busy, try again" meanwhile.
  const engine = new LiveEngine(config, makeEngine, logger);
  const handle = createSlackApp({
    engine,
    config: config.slack,
    logger,
    stores: opened.stores,
    backends: opened.backends,
    ...(opened.installations !== undefined ? { installationStore: opened.installations } : {}),
    readiness: () => engine.readiness(),
    ...options.app,
  });

  // The process must survive Slack outages: a stray rejection from a library is logged, not fatal.
  const onRejection = (reason: unknown): void => {
    log.error({ err: describeError(reason) }, "unhandled promise rejection");
  };
  process.on("unhandledRejection", onRejection);
  try {
    let info;
    try {
      info = await handle.start();
    } catch (err) {
      await handle.stop().catch(() => undefined);
      if (err instanceof SlackStartError) throw new ConfigError([startProblem(err, config.slack)]);
      throw err;
    }
    if (info.mode === "http") {
      const host = info.address === "::" || info.address === "0.0.0.0" ? "localhost" : info.address;
      log.info(
        { mode: "http", port: info.port, events: `http://${host}:${info.port}/slack/events`, health: `http://${host}:${info.port}/healthz` },
        "listening for Slack over HTTP",
      );
    } else {
      log.info({ mode: "socket" }, "connected to Slack (Socket Mode)");
    }
    options.onListening?.(info);

    const stopped = waitForStop(options.stopSignal);
    let buildError: Error | undefined;
    const built = engine.start().then(
      () => engine.watchCorpus(config.watchDebounceMs),
      (err: unknown) => {
        buildError = err instanceof Error ? err : new Error(String(err));
      },
    );
    const reason = await Promise.race([stopped, built.then(() => (buildError === undefined ? stopped : "the index could not be built"))]);
    log.info({ reason }, "shutting down: finishing answers in progress");
    await handle.stop();
    await engine.close();
    log.info("stopped");
    // A corpus that cannot be indexed is the same clear one-line error as before listening.
    if (buildError !== undefined) throw buildError;
  } finally {
    process.off("unhandledRejection", onRejection);
  }
}

/** Resolves on the first SIGINT/SIGTERM (a second one gets Node's default: exit at once). */
function waitForStop(stopSignal?: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    const finish = (reason: string): void => {
      process.off("SIGINT", onInt);
      process.off("SIGTERM", onTerm);
      stopSignal?.removeEventListener("abort", onAbort);
      resolve(reason);
    };
    const onInt = (): void => finish("SIGINT");
    const onTerm = (): void => finish("SIGTERM");
    const onAbort = (): void => finish("stop requested");
    process.once("SIGINT", onInt);
    process.once("SIGTERM", onTerm);
    if (stopSignal?.aborted === true) finish("stop requested");
    else stopSignal?.addEventListener("abort", onAbort, { once: true });
  });
}
