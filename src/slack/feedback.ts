/**
 * 👍/👎 feedback, appended as JSON lines to `<DATA_DIR>/feedback.jsonl`: one self-contained record
 * per click, easy to grep, to load in a notebook, and to append to safely from one process.
 */
import { appendFile, mkdir } from "node:fs/promises";
import path from "node:path";

export type Vote = "up" | "down";

export interface FeedbackRecord {
  /** ISO time of the click. */
  at: string;
  vote: Vote;
  user: string;
  team?: string;
  channel?: string;
  /** The rated message. */
  messageTs?: string;
  /** What was rated: an answer, a summary or a quote lookup. */
  kind: string;
  /** The question, topic or words that produced the result (kept short by the button value limit). */
  input?: string;
  mode?: string;
  model?: string;
}

export interface FeedbackSink {
  append(record: FeedbackRecord): Promise<void>;
}

export class FeedbackLog implements FeedbackSink {
  readonly file: string;
  // Appends are chained so that two clicks in the same millisecond never interleave their lines.
  private queue: Promise<void> = Promise.resolve();
  private dirReady: Promise<unknown> | undefined;

  constructor(dataDir: string, fileName = "feedback.jsonl") {
    this.file = path.join(dataDir, fileName);
  }

  append(record: FeedbackRecord): Promise<void> {
    const line = `${JSON.stringify(record)}\n`;
    const next = this.queue.then(async () => {
      this.dirReady ??= mkdir(path.dirname(this.file), { recursive: true });
      await this.dirReady;
      await appendFile(this.file, line, "utf8");
    });
    // A failed write must not poison later ones; the caller still sees this one's error.
    this.queue = next.catch(() => undefined);
    return next;
  }
}
