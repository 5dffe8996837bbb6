/**
 * Earlier questions per conversation (a channel thread, or a DM), passed to `engine.ask` as
 * `history` so that follow-ups such as "and when?" are completed from the previous question.
 *
 * Why remember questions here rather than read the thread back with `conversations.replies`:
 * - the engine wants earlier *questions to the bot*, which is exactly what passes through here;
 * - reading threads would need `channels:history`, `groups:history` and `mpim:history`, i.e. the
 *   right to read every message in every channel the bot is in: far more than it needs;
 * - it costs no Web API call (Tier 3 limits) and works the same in Socket Mode.
 * The price: memory is lost on restart and not shared between replicas. It sits behind an
 * interface so that a shared store can replace it.
 */

export interface ThreadMemory {
  /** Earlier questions of the conversation, oldest first. */
  get(key: string): Promise<string[]>;
  add(key: string, question: string): Promise<void>;
}

export interface MemoryThreadMemoryOptions {
  /** Questions kept per conversation: follow-ups refer to the last few, not to the whole thread. */
  maxQuestions?: number;
  maxConversations?: number;
  /** A thread idle for this long is forgotten. */
  ttlMs?: number;
  now?: () => number;
}

interface Entry {
  questions: string[];
  touched: number;
}

export class MemoryThreadMemory implements ThreadMemory {
  private readonly entries = new Map<string, Entry>();
  private readonly maxQuestions: number;
  private readonly maxConversations: number;
  private readonly ttlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryThreadMemoryOptions = {}) {
    this.maxQuestions = options.maxQuestions ?? 5;
    this.maxConversations = options.maxConversations ?? 5000;
    this.ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000;
    this.now = options.now ?? Date.now;
  }

  get(key: string): Promise<string[]> {
    const entry = this.entries.get(key);
    if (entry === undefined || entry.touched + this.ttlMs <= this.now()) return Promise.resolve([]);
    return Promise.resolve([...entry.questions]);
  }

  add(key: string, question: string): Promise<void> {
    const now = this.now();
    const entry = this.entries.get(key);
    const live = entry !== undefined && entry.touched + this.ttlMs > now ? entry.questions : [];
    const questions = [...live, question].slice(-this.maxQuestions);
    // Re-insert so the Map's order is least-recently-used first.
    this.entries.delete(key);
    this.entries.set(key, { questions, touched: now });
    while (this.entries.size > this.maxConversations) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return Promise.resolve();
  }
}

/** One conversation per thread; a DM without a thread is one conversation. */
export function conversationKey(channel: string, threadTs?: string): string {
  return threadTs === undefined ? channel : `${channel}:${threadTs}`;
}
