/**
 * The buttons under results: "Share in channel" under private ones, 👍/👎 under visible ones, and
 * what each button's value carries (≤ 2,000 chars) so that a click can be understood on its own.
 */
import type { types } from "@slack/bolt";
import { type JobResult, type SlackJob, jobInput } from "../job";
import { type ContextBlock, type KnownBlock, LIMITS, mrkdwn, truncate, userMention } from "./mrkdwn";

type Button = types.Button;

export const ACTION_IDS = {
  feedbackUp: "feedback_up",
  feedbackDown: "feedback_down",
  share: "share_result",
} as const;

/** block_id prefix of the feedback buttons (the counts shown ride along; the store holds the real ones). */
export const FEEDBACK_BLOCK_PREFIX = "feedback";

/** Where a result's buttons go and what they carry. */
export type ResultActions =
  | { kind: "feedback"; value: string }
  | { kind: "share"; value: string }
  | { kind: "none" };

export function actionsBlock(actions: ResultActions): KnownBlock[] {
  if (actions.kind === "none") return [];
  if (actions.kind === "share") {
    const share: Button = {
      type: "button",
      action_id: ACTION_IDS.share,
      text: { type: "plain_text", text: "Share in channel", emoji: true },
      style: "primary",
      value: truncate(actions.value, LIMITS.buttonValue),
    };
    return [{ type: "actions", block_id: "share", elements: [share] }];
  }
  return [feedbackBlock(actions.value, { up: 0, down: 0 })];
}

export interface FeedbackCounts {
  up: number;
  down: number;
}

function feedbackBlock(value: string, counts: FeedbackCounts): types.ActionsBlock {
  const button = (id: string, label: string): Button => ({
    type: "button",
    action_id: id,
    text: { type: "plain_text", text: label, emoji: true },
    value: truncate(value, LIMITS.buttonValue),
  });
  return {
    type: "actions",
    block_id: `${FEEDBACK_BLOCK_PREFIX}:${counts.up}:${counts.down}`,
    elements: [button(ACTION_IDS.feedbackUp, ":thumbsup: Helpful"), button(ACTION_IDS.feedbackDown, ":thumbsdown: Not helpful")],
  };
}

/**
 * The message blocks after a feedback click: the buttons stay (others may vote too) with the new
 * counts, followed by a line that says the vote was counted.
 */
export function withFeedbackCounted(
  blocks: KnownBlock[],
  counts: FeedbackCounts,
  value: string,
  voter: string,
): KnownBlock[] {
  const kept = blocks.filter(
    (b) => !(b.block_id ?? "").startsWith(FEEDBACK_BLOCK_PREFIX) && b.block_id !== "feedback_counted",
  );
  const counted: ContextBlock = {
    type: "context",
    block_id: "feedback_counted",
    elements: [mrkdwn(`Thanks ${userMention(voter)}, feedback counted · :thumbsup: ${counts.up} · :thumbsdown: ${counts.down}`)],
  };
  return [...kept, feedbackBlock(value, counts), counted];
}

/** What a 👍/👎 button carries, so that the feedback record says what was rated. */
export interface FeedbackValue {
  kind: SlackJob["kind"];
  input: string;
  mode?: string;
  model?: string;
}

export function feedbackValue(job: SlackJob, done: JobResult): string {
  const value: FeedbackValue = { kind: job.kind, input: jobInput(job).slice(0, 500) };
  if (done.kind !== "quote") {
    value.mode = done.result.mode;
    if (done.result.model !== undefined) value.model = done.result.model;
  }
  return JSON.stringify(value);
}

export function parseFeedbackValue(raw: string | undefined): FeedbackValue | undefined {
  try {
    const parsed: unknown = JSON.parse(raw ?? "");
    if (typeof parsed !== "object" || parsed === null) return undefined;
    const v = parsed as Record<string, unknown>;
    if (v.kind !== "ask" && v.kind !== "quote" && v.kind !== "summary") return undefined;
    return {
      kind: v.kind,
      input: typeof v.input === "string" ? v.input : "",
      ...(typeof v.mode === "string" ? { mode: v.mode } : {}),
      ...(typeof v.model === "string" ? { model: v.model } : {}),
    };
  } catch {
    return undefined;
  }
}
