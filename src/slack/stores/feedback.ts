/**
 * 👍/👎 feedback. One vote per person per message: a second click on the other button changes the
 * vote, the same click again changes nothing, so one person cannot stuff the counts; the counts
 * shown under a message come from the store, never from the message itself (two concurrent
 * clicks would otherwise each add one to the same old count).
 */

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

export interface MessageRef {
  team?: string;
  channel?: string;
  messageTs?: string;
}

export interface VoteCounts {
  up: number;
  down: number;
}

export interface VoteOutcome {
  /** recorded: a first vote; changed: the person switched; unchanged: the same vote again (nothing written). */
  outcome: "recorded" | "changed" | "unchanged";
  /** The message's counts after this vote. */
  counts: VoteCounts;
}

export interface FeedbackStore {
  /** Records (or replaces) the person's vote on the message; rejects if it could not be kept. */
  vote(record: FeedbackRecord): Promise<VoteOutcome>;
  counts(message: MessageRef): Promise<VoteCounts>;
}

/** The message a vote is about; channel included because a message ts is unique per channel only. */
export function messageKey(m: MessageRef): string {
  return JSON.stringify([m.team ?? "", m.channel ?? "", m.messageTs ?? ""]);
}
