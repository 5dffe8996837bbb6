/**
 * Suggested prompts for the Messages tab, drawn from the corpus itself: a summary, a question about
 * each of the newest documents by its title, and "What did X say?" for people the article really
 * quotes (found by the verbatim-quote finder, so the prompt is one the corpus answers). Nothing
 * here knows a particular article. The set is kept until the documents change.
 */
import type { DocumentInfo, Engine } from "../contract";

export interface SuggestedPrompt {
  title: string;
  /** Sent as the person's own DM when clicked: plain text, no Slack markup. */
  message: string;
}

/** Slack shows at most four suggested prompts. */
export const MAX_PROMPTS = 4;
const TITLE_CHARS = 75;

/** Prompt text is posted as the person's message: no `<…>` may turn into a link or a ping there. */
function plain(text: string, max: number): string {
  const flat = text.replace(/[<>]/g, "").replace(/\s+/g, " ").trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}

function newestFirst(docs: DocumentInfo[]): DocumentInfo[] {
  return [...docs].sort((a, b) => (b.date ?? "").localeCompare(a.date ?? ""));
}

export async function suggestPrompts(engine: Engine): Promise<SuggestedPrompt[]> {
  const docs = newestFirst(engine.documents());
  if (docs.length === 0) return [];
  const prompts: SuggestedPrompt[] = [
    { title: docs.length === 1 ? "Summarize the article" : "Summarize the articles", message: "summary short" },
  ];
  for (const doc of docs.slice(0, 2)) {
    const title = plain(doc.title, 200);
    prompts.push({ title: plain(`About: ${doc.title}`, TITLE_CHARS), message: `What is “${title}” about?` });
  }
  const speakers = new Set<string>();
  for (const doc of docs.slice(0, 2)) {
    const found = await engine.findQuotes(doc.title, { limit: 10 });
    for (const match of found.matches) if (match.speaker !== null) speakers.add(plain(match.speaker, 60));
  }
  // A quoted person is the most concrete prompt: speakers go right after the summary, titles fill the rest.
  const quoted = [...speakers].map((speaker) => ({ title: plain(`What did ${speaker} say?`, TITLE_CHARS), message: `What did ${speaker} say?` }));
  const [summary, ...titles] = prompts;
  return [...(summary !== undefined ? [summary] : []), ...quoted.slice(0, 2), ...titles].slice(0, MAX_PROMPTS);
}

/** Recomputed only when the set of documents changes (a re-index), not on every tab opening. */
export class PromptCache {
  private key = "";
  private value: Promise<SuggestedPrompt[]> | undefined;

  constructor(private readonly engine: Engine) {}

  get(): Promise<SuggestedPrompt[]> {
    const key = this.engine
      .documents()
      .map((d) => `${d.id}:${d.sentences}`)
      .join("|");
    if (this.value === undefined || key !== this.key) {
      this.key = key;
      this.value = suggestPrompts(this.engine);
      // A failed computation is retried on the next opening rather than cached.
      this.value.catch(() => {
        if (this.key === key) this.value = undefined;
      });
    }
    return this.value;
  }
}
