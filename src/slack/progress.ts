/**
 * Showing that the bot is working on a question, from the moment it is taken until the answer is
 * posted. In a thread: the assistant status ("is reading the article…", with rotating loading
 * messages), which Slack clears by itself when the reply lands. Where Slack refuses the status
 * (an old workspace, a missing scope), the :hourglass_flowing_sand: reaction on the question, shown
 * only if the answer takes longer than a second, so fast answers never flash one. Progress never
 * costs the answer: every failure here is only logged.
 */
import type { webApi } from "@slack/bolt";
import type { Logger } from "../log";
import { describeError } from "./errors";

export interface Progress {
  /** The question was taken. */
  begin(log: Logger): Promise<void>;
  /** The engine is done: stop pending indicators and remove the reaction (the status stays until the reply). */
  settle(log: Logger): Promise<void>;
  /** Nothing will be posted in the thread after all (a failure): clear the status too. */
  abandon(log: Logger): Promise<void>;
}

export const STATUS = "is reading the article…";
export const LOADING_MESSAGES = [
  "Reading the article…",
  "Looking for the exact words…",
  "Checking every quote against the text…",
];
const REACTION = "hourglass_flowing_sand";

/**
 * Runs `show` after `delayMs` unless settled first; `settle` waits for a `show` already under way
 * and runs `hide` if it succeeded.
 */
function delayed(delayMs: number, show: () => Promise<void>, hide?: () => Promise<void>) {
  let timer: NodeJS.Timeout | undefined;
  let shown: Promise<boolean> | undefined;
  return {
    arm(log: Logger): void {
      timer = setTimeout(() => {
        shown = show().then(
          () => true,
          (err: unknown) => {
            log.warn({ err: describeError(err) }, "progress indicator failed");
            return false;
          },
        );
      }, delayMs);
    },
    async settle(log: Logger): Promise<void> {
      clearTimeout(timer);
      timer = undefined;
      const wasShown = shown !== undefined && (await shown);
      shown = undefined;
      if (wasShown && hide !== undefined) {
        await hide().catch((err: unknown) => log.warn({ err: describeError(err) }, "progress indicator not removed"));
      }
    },
  };
}

export interface ThreadProgressOptions {
  channel: string;
  threadTs: string;
  /** The person's message: the fallback reaction goes on it. */
  messageTs: string;
  delayMs: number;
}

export function threadProgress(client: webApi.WebClient, options: ThreadProgressOptions): Progress {
  const { channel, threadTs, messageTs } = options;
  let status = false;
  const reaction = delayed(
    options.delayMs,
    async () => {
      await client.reactions.add({ channel, timestamp: messageTs, name: REACTION });
    },
    async () => {
      await client.reactions.remove({ channel, timestamp: messageTs, name: REACTION });
    },
  );
  return {
    async begin(log) {
      try {
        await client.assistant.threads.setStatus({
          channel_id: channel,
          thread_ts: threadTs,
          status: STATUS,
          loading_messages: LOADING_MESSAGES,
        });
        status = true;
      } catch (err) {
        log.info({ err: describeError(err) }, "assistant status refused; using the reaction");
        reaction.arm(log);
      }
    },
    settle: (log) => reaction.settle(log),
    async abandon(log) {
      await reaction.settle(log);
      if (!status) return;
      status = false;
      // An empty status clears it; otherwise it would spin until Slack's own timeout.
      await client.assistant.threads
        .setStatus({ channel_id: channel, thread_ts: threadTs, status: "" })
        .catch((err: unknown) => log.warn({ err: describeError(err) }, "assistant status not cleared"));
    },
  };
}

/** A private "Thinking…" (slash command), shown only if the answer is slow; the answer replaces it. */
export function delayedNotice(delayMs: number, show: () => Promise<void>): Progress {
  const notice = delayed(delayMs, show);
  return {
    begin: (log) => Promise.resolve(notice.arm(log)),
    settle: (log) => notice.settle(log),
    abandon: (log) => notice.settle(log),
  };
}
