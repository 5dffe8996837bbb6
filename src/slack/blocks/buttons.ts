/**
 * The buttons under results: "Share in channel" under private ones, 👍/👎 under visible ones, and
 * what each button's value carries (≤ 2,000 chars) so that a click can be understood on its own.
 */
import type { types } from "@slack/bolt";
import { type JobResult, type SlackJob, jobInput } from "../job";
import { type ContextBlock, type KnownBlock, LIMITS, mrkdwn, truncate, userMention } from "./mrkdwn";

type Button = types.Button;

export const ACTION_IDS = {
  /** Slack's native feedback buttons (a `feedback_buttons` element in a `context_actions` block). */
  feedback: "feedback",
  /** The 👍/👎 buttons of messages posted before native feedback: their clicks still count. */
  legacyFeedbackUp: "feedback_up",
  legacyFeedbackDown: "feedback_down",
  share: "share_result",
} as const;

/** block_id prefix of the feedback block; the counts shown ride along so each update gets a new id. */
export const FEEDBACK_BLOCK_PREFIX = "feedback";
const COUNTED_BLOCK_ID = "feedback_counted";

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

/** Slack's own 👍/👎 pair; each button's value says which vote it is and what was rated. */
function feedbackBlock(value: string, counts: FeedbackCounts): types.ContextActionsBlock {
  const rated = parseFeedbackValue(value);
  const withVote = (vote: "up" | "down"): string => truncate(JSON.stringify({ ...rated, vote }), LIMITS.buttonValue);
  return {
    type: "context_actions",
    block_id: `${FEEDBACK_BLOCK_PREFIX}:${counts.up}:${counts.down}`,
    elements: [
      {
        type: "feedback_buttons",
        action_id: ACTION_IDS.feedback,
        positive_button: { text: { type: "plain_text", text: "Helpful" }, accessibility_label: "This answer was helpful", value: withVote("up") },
        negative_button: {
          text: { type: "plain_text", text: "Not helpful" },
          accessibility_label: "This answer was not helpful",
          value: withVote("down"),
        },
      },
    ],
  };
}

/**
 * The message blocks after a vote: the feedback buttons stay (others may vote too), followed by a
 * line with the counts from the feedback store.
 */
export function withFeedbackCounted(
  blocks: KnownBlock[],
  counts: FeedbackCounts,
  value: string,
  voter: string,
  changed: boolean,
): KnownBlock[] {
  // Drops the old feedback block and the old counts line ("feedback_counted" has the same prefix).
  const kept = blocks.filter((b) => !(b.block_id ?? "").startsWith(FEEDBACK_BLOCK_PREFIX));
  const what = changed ? "vote changed" : "feedback counted";
  const counted: ContextBlock = {
    type: "context",
    block_id: COUNTED_BLOCK_ID,
    elements: [mrkdwn(`Thanks ${userMention(voter)}, ${what} · :thumbsup: ${counts.up} · :thumbsdown: ${counts.down}`)],
  };
  return [...kept, feedbackBlock(value, counts), counted];
}

/** What a 👍/👎 button carries, so that the feedback record says what was rated. */
export interface FeedbackValue {
  kind: SlackJob["kind"];
  input: string;
  mode?: string;
  model?: string;
  /** Which button (native feedback buttons); legacy buttons say it by their action id. */
  vote?: "up" | "down";
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
      ...(v.vote === "up" || v.vote === "down" ? { vote: v.vote } : {}),
    };
  } catch {
    return undefined;
  }
}
