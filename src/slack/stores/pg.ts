/**
 * Feedback in PostgreSQL (table `feedback`), so that every replica's votes land in one place and
 * one vote per person per message holds across replicas: the unique key does it, and a changed
 * vote replaces the row. A vote Slack was told about (the click is acked first) is never silently
 * lost: a failing write is retried a few times, then the caller tells the person.
 */
import type { Logger } from "../../log";
import { errorText } from "./backend";
import type { FeedbackRecord, FeedbackStore, MessageRef, VoteCounts, VoteOutcome } from "./feedback";
import type { PgDatabase } from "./pgDatabase";

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

export interface RetryPolicy {
  attempts: number;
  /** Wait before the second attempt; doubled each time. */
  firstDelayMs: number;
}

/** About 3 s in all: a restart or fail-over of the database usually fits, a real outage does not. */
export const VOTE_RETRY: RetryPolicy = { attempts: 4, firstDelayMs: 400 };

export class PgFeedbackStore implements FeedbackStore {
  constructor(
    private readonly db: PgDatabase,
    private readonly logger: Logger,
    private readonly retry: RetryPolicy = VOTE_RETRY,
  ) {}

  vote(record: FeedbackRecord): Promise<VoteOutcome> {
    return this.withRetry("vote", async () => {
      // No row back = the same vote again (the WHERE stopped the update); xmax = 0 = a new row.
      const rows = await this.db.query<{ inserted: boolean }>(
        `INSERT INTO feedback AS f (at, team_id, channel_id, message_ts, user_id, vote, question, mode, kind, model)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
         ON CONFLICT (team_id, channel_id, message_ts, user_id)
         DO UPDATE SET vote = EXCLUDED.vote, at = EXCLUDED.at, question = EXCLUDED.question,
                       mode = EXCLUDED.mode, kind = EXCLUDED.kind, model = EXCLUDED.model
         WHERE f.vote IS DISTINCT FROM EXCLUDED.vote
         RETURNING (xmax = 0) AS inserted`,
        [
          record.at,
          record.team ?? "",
          record.channel ?? "",
          record.messageTs ?? "",
          record.user,
          record.vote,
          record.input ?? null,
          record.mode ?? null,
          record.kind,
          record.model ?? null,
        ],
      );
      const outcome = rows[0] === undefined ? "unchanged" : rows[0].inserted ? "recorded" : "changed";
      return { outcome, counts: await this.countsNow(record) };
    });
  }

  counts(message: MessageRef): Promise<VoteCounts> {
    return this.withRetry("counts", () => this.countsNow(message));
  }

  private async countsNow(m: MessageRef): Promise<VoteCounts> {
    const [row] = await this.db.query<{ up: string; down: string }>(
      `SELECT count(*) FILTER (WHERE vote = 'up') AS up, count(*) FILTER (WHERE vote = 'down') AS down
         FROM feedback WHERE team_id = $1 AND channel_id = $2 AND message_ts = $3`,
      [m.team ?? "", m.channel ?? "", m.messageTs ?? ""],
    );
    return { up: Number(row?.up ?? 0), down: Number(row?.down ?? 0) };
  }

  private async withRetry<T>(what: string, work: () => Promise<T>): Promise<T> {
    let delay = this.retry.firstDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (err) {
        if (attempt >= this.retry.attempts) throw err;
        this.logger.warn({ backend: "postgres", what, attempt, err: errorText(err) }, "PostgreSQL write failed; retrying");
        await sleep(delay);
        delay *= 2;
      }
    }
  }
}
