/**
 * The Slack app: a real Bolt `App` over HTTP (Events API, slash command and interactivity on
 * `/slack/events`, plus `GET /healthz`) or over Socket Mode when an app-level token is set.
 */
import type { ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, type InstallationStore, SocketModeReceiver, type webApi } from "@slack/bolt";
import type { SlackConfig } from "../config";
import type { Logger } from "../log";
import type { Engine } from "../contract";
import { boltLogger } from "./boltLogger";
import { describeError } from "./errors";
import { registerListeners } from "./listeners";
import { outboundFetch } from "./outbound";
import { registerUninstall } from "./listeners/uninstall";
import { dedupeEvents, trackInFlight } from "./middleware";
import { oauthReceiverOptions, oauthSettings } from "./oauth";
import type { SlackRuntime } from "./runtime";
import { noteArrival } from "./turns";
import { InFlight, type SlackStores } from "./stores";
import type { Backend } from "./stores/backend";

type WebClientOptions = webApi.WebClientOptions;

export interface SlackAppDeps {
  engine: Engine;
  config: SlackConfig;
  logger: Logger;
  /** Built by the composition root (src/app/serve.ts), which picks the implementations. */
  stores: SlackStores;
  /** Shared backends behind the stores, reported (and pinged) by /healthz. */
  backends?: Backend[];
  /** Multi-workspace mode (SLACK_CLIENT_ID… and no SLACK_BOT_TOKEN): where installations are kept. */
  installationStore?: InstallationStore;
  /**
   * The bot's ids. When both are given no `auth.test` call is made (tests, or starting while Slack
   * is unreachable); otherwise `start()` calls auth.test and fails clearly on a bad token.
   */
  botId?: string;
  botUserId?: string;
  /** Interface to listen on in HTTP mode (default: all). */
  host?: string;
  /** Show progress when an answer takes longer than this (default 1000 ms). */
  progressDelayMs?: number;
  /** Longest Web API Retry-After (seconds) worth waiting for before apologising (default 3). */
  maxRateLimitWaitSec?: number;
  /** Merged over the defaults below (tests pass `retryConfig: { retries: 0 }`). */
  clientOptions?: WebClientOptions;
  /** How long `stop()` waits for answers still being written (default 10 s). */
  drainTimeoutMs?: number;
  /** Whether the engine can answer yet (serve listens while the index builds): 503 on /healthz until then. */
  readiness?: () => { ready: boolean; body: Record<string, unknown> };
}

/** Why start() failed, so that start-up can name the variable to fix. */
export class SlackStartError extends Error {
  constructor(
    readonly phase: "auth" | "listen" | "connect",
    cause: unknown,
  ) {
    super(`${phase}: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "SlackStartError";
  }
}

export type SlackStartInfo = { mode: "http"; port: number; address: string } | { mode: "socket" };

export interface SlackAppHandle {
  app: App;
  mode: "http" | "socket";
  start(): Promise<SlackStartInfo>;
  stop(): Promise<void>;
  /** Answers still being written (after Slack was acked). */
  inflight: InFlight;
}

/**
 * Web API defaults for a bot that must never hang nor post twice: the library's default retries for ~30
 * minutes, and retries a post that timed out after Slack had accepted it. Retries are outboundFetch's
 * (only calls that never reached Slack, and reads); 429s are handled by us (see withSlackRetry).
 */
function defaultClientOptions(config: SlackConfig, logger: Logger): WebClientOptions {
  const apiUrl = config.apiUrl ?? "https://slack.com/api/";
  const timeoutMs = config.httpTimeoutMs ?? 10_000;
  return {
    slackApiUrl: apiUrl,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: timeoutMs,
    // Bolt's respond() uses this fetch too: response_url posts get the timeout and the host check.
    fetch: outboundFetch({ apiUrl, responseUrlHosts: config.responseUrlHosts ?? ["hooks.slack.com"], timeoutMs, logger }),
  };
}

/** Bolt rejects request timestamps older than 5 minutes; one from the future is as suspect. */
const MAX_CLOCK_AHEAD_SEC = 5 * 60;

function rejectFutureTimestamps(receiver: HTTPReceiver, logger: Logger): void {
  const handle = receiver.requestListener;
  receiver.requestListener = (req, res) => {
    const header = req.headers["x-slack-request-timestamp"];
    const ts = Number(Array.isArray(header) ? header[0] : header);
    if (Number.isFinite(ts) && ts > Date.now() / 1000 + MAX_CLOCK_AHEAD_SEC) {
      logger.warn({ aheadSec: Math.round(ts - Date.now() / 1000) }, "request timestamp too far in the future; rejected");
      res.writeHead(401, { "content-type": "text/plain" });
      res.end("");
      return;
    }
    handle(req, res);
  };
}

export function createSlackApp(deps: SlackAppDeps): SlackAppHandle {
  const { config, engine } = deps;
  const logger = deps.logger.child({ component: "slack" });
  const oauth = oauthSettings(config);
  if (config.botToken === undefined && oauth === undefined) {
    throw new Error("SLACK_BOT_TOKEN (or SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_STATE_SECRET) is required to create the Slack app");
  }
  if (oauth !== undefined && deps.installationStore === undefined) throw new Error("multi-workspace mode needs an installation store");
  const socketMode = config.appToken !== undefined;
  if (oauth !== undefined && socketMode) throw new Error("multi-workspace install (OAuth) runs in HTTP mode: unset SLACK_APP_TOKEN");
  if (!socketMode && config.signingSecret === undefined) {
    throw new Error("SLACK_SIGNING_SECRET is required in HTTP mode (or set SLACK_APP_TOKEN for Socket Mode)");
  }
  const clientOptions: WebClientOptions = { ...defaultClientOptions(config, logger), ...deps.clientOptions };
  const boltLog = boltLogger(logger);
  const inflight = new InFlight();

  const healthz = {
    path: "/healthz",
    method: ["GET"],
    handler: async (_req: unknown, res: ServerResponse) => {
      try {
        const readiness = deps.readiness?.();
        if (readiness !== undefined && !readiness.ready) {
          res.writeHead(503, { "content-type": "application/json" });
          res.end(JSON.stringify({ ok: false, ...readiness.body, inflight: inflight.size }));
          return;
        }
        const status = engine.status();
        // Each backend and whether it answers now; a down one is degraded service, not a dead replica.
        const backends = await Promise.all((deps.backends ?? []).map((b) => b.check()));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            ok: true,
            ...readiness?.body,
            documents: status.documents,
            chunks: status.chunks,
            llm: status.llm.enabled ? (status.llm.model ?? "enabled") : "off",
            inflight: inflight.size,
            backends,
          }),
        );
      } catch (err) {
        logger.error({ err: describeError(err) }, "health check failed");
        res.writeHead(503, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: false }));
      }
    },
  };

  const httpReceiver =
    socketMode || config.signingSecret === undefined
      ? undefined
      : new HTTPReceiver({
          signingSecret: config.signingSecret,
          logger: boltLog,
          customRoutes: [healthz],
          ...(oauth !== undefined && deps.installationStore !== undefined ? oauthReceiverOptions(oauth, deps.installationStore, clientOptions) : {}),
        });
  const socketReceiver =
    socketMode && config.appToken !== undefined
      ? new SocketModeReceiver({ appToken: config.appToken, logger: boltLog, installerOptions: { clientOptions } })
      : undefined;
  if (httpReceiver !== undefined) rejectFutureTimestamps(httpReceiver, logger);
  const receiver = httpReceiver ?? socketReceiver;
  if (receiver === undefined) throw new Error("unreachable: no receiver");

  // With OAuth the ids come with each workspace's installation; there is no one token to check.
  const knownIds = oauth !== undefined || (deps.botId !== undefined && deps.botUserId !== undefined);
  const app = new App({
    receiver,
    ...(oauth === undefined ? { token: config.botToken } : {}),
    logger: boltLog,
    clientOptions,
    // Not needed: Bolt's conversation store is for multi-step flows we do not have.
    convoStore: false,
    ...(oauth !== undefined
      ? {}
      : knownIds
        ? { botId: deps.botId, botUserId: deps.botUserId, tokenVerificationEnabled: false }
        : // Defer auth.test to start(), where a failure is an error we report, not an unhandled rejection.
          { deferInitialization: true }),
  });

  const rt: SlackRuntime = {
    ...deps.stores,
    engine,
    config,
    logger,
    progressDelayMs: deps.progressDelayMs ?? 1000,
    maxRateLimitWaitSec: deps.maxRateLimitWaitSec ?? 3,
  };

  // Every event (HTTP or Socket Mode) holds answer work back for a moment (turns.ts).
  app.use(async ({ next }) => {
    noteArrival();
    await next();
  });
  app.use(trackInFlight(inflight));
  app.use(dedupeEvents(rt.dedupe, logger));
  registerListeners(app, rt);
  if (deps.installationStore !== undefined && oauth !== undefined) registerUninstall(app, deps.installationStore, logger);
  // Last line of defence: listeners catch their own errors, but nothing may reach the process.
  app.error(async (error) => {
    logger.error({ err: describeError(error) }, "unhandled error in a Slack listener");
    return Promise.resolve();
  });

  let started = false;
  let initialized = knownIds;
  return {
    app,
    mode: socketMode ? "socket" : "http",
    inflight,
    async start(): Promise<SlackStartInfo> {
      if (!initialized) {
        // auth.test: checks the bot token and learns the bot's ids (used to ignore our own messages).
        await app.init().catch((err: unknown) => {
          throw new SlackStartError("auth", err);
        });
        initialized = true;
      }
      if (httpReceiver !== undefined) {
        const listen = { port: config.port, ...(deps.host !== undefined ? { host: deps.host } : {}) };
        const server = await httpReceiver.start(listen).catch((err: unknown) => {
          throw new SlackStartError("listen", err);
        });
        started = true;
        // Sooner than the middleware: a connection just accepted is a request about to be read.
        server.on("connection", noteArrival);
        server.on("request", noteArrival);
        const address = server.address() as AddressInfo;
        return { mode: "http", port: address.port, address: address.address };
      }
      if (socketReceiver !== undefined) {
        started = true;
        await socketReceiver.start().catch((err: unknown) => {
          throw new SlackStartError("connect", err);
        });
        return { mode: "socket" };
      }
      throw new Error("unreachable: no receiver");
    },
    async stop(): Promise<void> {
      if (started) {
        started = false;
        if (httpReceiver !== undefined) await httpReceiver.stop();
        // The receiver's stop() returns before the socket has closed; wait for the client itself.
        if (socketReceiver !== undefined) await socketReceiver.client.disconnect();
      }
      const drained = await inflight.drain(deps.drainTimeoutMs ?? config.drainMs ?? 10_000);
      if (!drained) logger.warn({ inflight: inflight.size }, "stopped with answers still being written");
    },
  };
}
