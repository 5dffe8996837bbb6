/**
 * Earlier questions per conversation (a channel thread, or a DM), passed to `engine.ask` as
 * `history` so that follow-ups such as "and when?" are completed from the previous question.
 *
 * Why remember questions here rather than read the thread back with `conversations.replies`:
 * - the engine wants earlier *questions to the bot*, which is exactly what passes through here;
 * - reading threads would need `channels:history`, `groups:history` and `mpim:history`, i.e. the
 *   right to read every message in every channel the bot is in: far more than it needs;
 * - it costs no Web API call (Tier 3 limits) and works the same in Socket Mode.
 * In memory it is lost on restart and not shared between replicas; Redis shares it.
 */

export interface ThreadMemory {
  /** Earlier questions of the conversation, oldest first. */
  get(key: string): Promise<string[]>;
  add(key: string, question: string): Promise<void>;
}

export interface ThreadLimits {
  /** Questions kept per conversation: follow-ups refer to the last few, not to the whole thread. */
  maxQuestions: number;
  /** A thread idle for this long is forgotten. */
  ttlMs: number;
}

export const THREAD_LIMITS: ThreadLimits = { maxQuestions: 5, ttlMs: 24 * 60 * 60 * 1000 };

/**
 * One conversation per thread; a DM without a thread is one conversation. Channel ids are unique
 * per workspace only, so the team id leads the key when there is one (several workspaces).
 */
export function conversationKey(channel: string, threadTs?: string, team?: string): string {
  const local = threadTs === undefined ? channel : `${channel}:${threadTs}`;
  return team === undefined ? local : `${team}:${local}`;
}
