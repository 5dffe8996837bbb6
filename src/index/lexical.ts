/**
 * BM25 over chunks with minisearch (BM25+), using the engine's own term processing so that
 * "cost?" matches "cost", "Héctor" matches "Hector" and "deported" matches "deportation".
 * Rebuilt from the chunks at load (milliseconds even for thousands of chunks), so it can never be stale.
 */
import MiniSearch from "minisearch";
import { termOf, words } from "../text/tokens";
import type { Chunk } from "./chunk";

export interface LexicalHit {
  chunkId: string;
  score: number;
}

function tokenize(text: string): string[] {
  const out: string[] = [];
  for (const word of words(text)) {
    out.push(word);
    if (word.includes("-")) out.push(...word.split("-"));
  }
  return out;
}

export class LexicalIndex {
  private readonly search: MiniSearch<{ id: string; text: string }>;

  constructor(chunks: Chunk[]) {
    this.search = new MiniSearch<{ id: string; text: string }>({
      fields: ["text"],
      idField: "id",
      tokenize,
      processTerm: (term) => termOf(term) ?? false,
      searchOptions: { combineWith: "OR" },
    });
    this.search.addAll(chunks.map((c) => ({ id: c.id, text: c.text })));
  }

  /** Best chunks for a query, by BM25+ score. A little fuzziness forgives one-letter typos in long words. */
  query(text: string, limit: number): LexicalHit[] {
    return this.search
      .search(text, { fuzzy: (term) => (term.length >= 6 ? 1 : false), weights: { fuzzy: 0.4, prefix: 0.3 } })
      .slice(0, limit)
      .map((r) => ({ chunkId: String(r.id), score: r.score }));
  }
}
