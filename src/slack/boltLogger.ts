/**
 * Bolt, the Web API client and the Socket Mode client log through `@slack/logger`'s interface;
 * this adapter sends their lines into our pino logger so that everything is one structured stream.
 * The level is pino's: Bolt's `setLevel` calls are ignored, otherwise Bolt would reset LOG_LEVEL to info.
 */
import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../log";

function show(part: unknown): string {
  if (part instanceof Error) return part.message;
  if (typeof part === "string") return part;
  try {
    return JSON.stringify(part) ?? String(part);
  } catch {
    return String(part); // circular objects (sockets, requests) must not make logging throw
  }
}

function format(parts: unknown[]): string {
  return parts.map(show).join(" ");
}

export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: "bolt" });
  return {
    debug: (...msg: unknown[]) => child.debug(format(msg)),
    // Bolt's info lines are start-up chatter ("Now connected to Slack"); keep them, they carry no message text.
    info: (...msg: unknown[]) => child.info(format(msg)),
    warn: (...msg: unknown[]) => child.warn(format(msg)),
    error: (...msg: unknown[]) => child.error(format(msg)),
    setLevel: () => undefined,
    getLevel: () => {
      switch (child.level) {
        case "trace":
        case "debug":
          return LogLevel.DEBUG;
        case "info":
          return LogLevel.INFO;
        case "warn":
          return LogLevel.WARN;
        default:
          return LogLevel.ERROR;
      }
    },
    setName: () => undefined,
  };
}
