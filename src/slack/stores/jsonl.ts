/**
 * The default feedback store: JSON lines in `<DATA_DIR>/feedback.jsonl`, one self-contained record
 * per recorded or changed vote, easy to grep and to load in a notebook. A changed vote appends a
 * new line; for a given (team, channel, message, user) the last line is the vote that counts. A
 * repeated identical click writes nothing. The file is read once, on first use, to know the votes
 * already cast; appends then go through one queue so lines never interleave.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { FeedbackRecord, FeedbackStore, MessageRef, VoteCounts, VoteOutcome } from "./feedback";
import { MemoryFeedbackStore } from "./memory";

/**
 * JSON.stringify leaves U+2028/U+2029 raw; some line readers (and JavaScript before ES2019) treat
 * them as line breaks, so a question holding one would split its record in two for them.
 */
export function jsonLine(value: unknown): string {
  return `${JSON.stringify(value).replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029")}\n`;
}

export class JsonlFeedbackStore implements FeedbackStore {
  readonly file: string;
  private readonly index = new MemoryFeedbackStore();
  private queue: Promise<unknown> = Promise.resolve();
  private loaded = false;

  constructor(dataDir: string, fileName = "feedback.jsonl") {
    this.file = path.join(dataDir, fileName);
  }

  vote(record: FeedbackRecord): Promise<VoteOutcome> {
    return this.serially(async () => {
      await this.load();
      const result = this.index.peek(record);
      if (result.outcome === "unchanged") return result;
      await mkdir(path.dirname(this.file), { recursive: true });
      await appendFile(this.file, jsonLine(record), "utf8");
      // Applied only once written: a vote that could not be kept is not counted either.
      this.index.apply(record);
      return result;
    });
  }

  counts(message: MessageRef): Promise<VoteCounts> {
    return this.serially(async () => {
      await this.load();
      return this.index.counts(message);
    });
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work);
    // A failed write must not poison later ones; the caller still sees this one's error.
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    let text = "";
    try {
      text = await readFile(this.file, "utf8");
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "ENOENT") throw err;
    }
    for (const line of text.split("\n")) {
      const record = parseRecord(line);
      if (record !== undefined) this.index.apply(record);
    }
    this.loaded = true;
  }
}

/** A line of the file, or undefined for a blank, torn or foreign line (skipped, not fatal). */
function parseRecord(line: string): FeedbackRecord | undefined {
  if (line.trim() === "") return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value !== "object" || value === null) return undefined;
    const r = value as Partial<FeedbackRecord>;
    if ((r.vote !== "up" && r.vote !== "down") || typeof r.user !== "string") return undefined;
    return r as FeedbackRecord;
  } catch {
    return undefined;
  }
}
