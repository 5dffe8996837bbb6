/**
 * Structured logging (pino), always to stderr so that stdout stays clean for `--json` output.
 * Message text from people is never logged at info level: log ids, sizes and timings instead.
 */
import pino from "pino";

export type Logger = pino.Logger;

export function createLogger(level: pino.LevelWithSilent = "info", name = "article-bot"): Logger {
  return pino({ name, level }, pino.destination({ dest: 2, sync: true }));
}

/** A logger that drops everything, for tests and for library callers that bring none. */
export const silentLogger: Logger = pino({ level: "silent" });
