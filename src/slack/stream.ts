/**
 * LLM mode shows its steps while it works (searching, writing, checking N quotes) as task updates
 * in a streamed message (`chat.startStream` / `appendStream` / `stopStream`), and the stream ends
 * with the final, verified blocks. Only the bot's own step titles and counts are streamed: no text
 * the model wrote reaches Slack before its quotes are checked against the article. If streaming
 * fails at any point, the caller posts the answer the ordinary way.
 */
import type { webApi } from "@slack/bolt";
import type { AskProgress } from "../contract";
import type { Logger } from "../log";
import type { SlackMessage } from "./blocks/mrkdwn";
import { describeError } from "./errors";

type TaskUpdate = { type: "task_update"; id: string; title: string; status: "pending" | "in_progress" | "complete" | "error"; details?: string };

export interface ProgressStream {
  /** The engine started a step (called synchronously by the engine: never throws, never waits). */
  update(step: AskProgress): void;
  /** Ends the stream with `message`'s blocks; false when the stream failed and `message` still needs posting. */
  finish(message: SlackMessage): Promise<boolean>;
  /** The answer failed: close the stream with the open step marked as failed. */
  fail(): Promise<void>;
}

export interface StreamTarget {
  channel: string;
  threadTs: string;
  /** Required by Slack outside DMs: whom the stream is for. */
  user: string;
  team?: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

/** Task updates for a step: the previous step completes, this one starts. */
function tasksFor(step: AskProgress): TaskUpdate[] {
  switch (step.step) {
    case "searching":
      return [{ type: "task_update", id: "search", title: "Searching the article", status: "in_progress" }];
    case "writing":
      return [
        { type: "task_update", id: "search", title: "Searching the article", status: "complete" },
        { type: "task_update", id: "write", title: `Writing the ${step.writes} (${step.model})`, status: "in_progress" },
      ];
    case "checking":
      return [
        { type: "task_update", id: "write", title: "Writing", status: "complete" },
        { type: "task_update", id: "check", title: `Checking ${plural(step.quotes, "quote")} against the article`, status: "in_progress" },
      ];
    case "checked":
      return [
        {
          type: "task_update",
          id: "check",
          title: `Checking ${plural(step.quotes, "quote")} against the article`,
          status: "complete",
          details: `${step.verified} of ${step.quotes} found word for word`,
        },
      ];
  }
}

export function openProgressStream(client: webApi.WebClient, target: StreamTarget, log: Logger): ProgressStream {
  const streamer = client.chatStream({
    channel: target.channel,
    thread_ts: target.threadTs,
    recipient_user_id: target.user,
    ...(target.team !== undefined ? { recipient_team_id: target.team } : {}),
    task_display_mode: "timeline",
  });
  // Appends run one after another, in the order the engine reported its steps.
  let chain: Promise<void> = Promise.resolve();
  let broken = false;
  // Slack's startStream needs a first chunk: a stream that was never told a step has nothing to stop.
  let started = false;
  const open = new Map<string, TaskUpdate>();
  const run = (work: () => Promise<unknown>): Promise<void> => {
    chain = chain.then(async () => {
      if (broken) return;
      try {
        await work();
      } catch (err) {
        broken = true;
        log.warn({ err: describeError(err) }, "progress stream failed; the answer will be posted instead");
      }
    });
    return chain;
  };
  const remember = (tasks: TaskUpdate[]): TaskUpdate[] => {
    for (const task of tasks) {
      if (task.status === "in_progress") open.set(task.id, task);
      else open.delete(task.id);
    }
    return tasks;
  };
  const closing = (status: "complete" | "error"): TaskUpdate[] => [...open.values()].map((task) => ({ ...task, status }));
  return {
    update(step) {
      // A step that completes keeps the title it was shown with ("Writing the summary (model)").
      const chunks = remember(tasksFor(step).map((task) => (task.status !== "in_progress" && open.has(task.id) ? { ...task, title: open.get(task.id)!.title } : task)));
      started = true;
      void run(() => streamer.append({ chunks }));
    },
    async finish(message) {
      if (!started) return false;
      await run(() => streamer.stop({ chunks: closing("complete"), blocks: message.blocks }));
      return !broken;
    },
    async fail() {
      if (!started) return;
      await run(() => streamer.stop({ chunks: closing("error") }));
    },
  };
}
