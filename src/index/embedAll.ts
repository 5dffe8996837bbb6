/**
 * Every text an index build needs a vector for: taken from the vector cache when an earlier build
 * embedded it, else embedded in slices of 64 texts, several slices at a time when a worker pool can run
 * them in parallel.
 *
 * The slices are the same as before the pool and the cache existed (each list cut in order into 64s),
 * so a build from nothing gives bit-identical vectors however many workers run it.
 */
import type { EmbeddingProvider } from "./embeddings";
import type { VectorCache } from "./vectorCache";

const EMBED_BATCH = 64;

export interface EmbedAllOptions {
  cache: VectorCache;
  /** Called once at the start and after each slice: texts embedded so far (cache hits not counted), texts to embed. */
  onProgress?: (done: number, total: number) => void;
}

interface Slice {
  list: number;
  /** Positions in that list. */
  positions: number[];
}

/** Vectors for each list of texts (e.g. chunks, then sentences), in the lists' order. */
export async function embedAll(provider: EmbeddingProvider, lists: string[][], options: EmbedAllOptions): Promise<number[][][]> {
  const out = lists.map((texts) => new Array<number[]>(texts.length));
  const slices: Slice[] = [];
  lists.forEach((texts, list) => {
    const missing: number[] = [];
    texts.forEach((text, i) => {
      const cached = options.cache.lookup(text);
      if (cached) (out[list] as number[][])[i] = Array.from(cached);
      else missing.push(i);
    });
    for (let i = 0; i < missing.length; i += EMBED_BATCH) slices.push({ list, positions: missing.slice(i, i + EMBED_BATCH) });
  });

  const total = slices.reduce((n, s) => n + s.positions.length, 0);
  let done = 0;
  let next = 0;
  let failed = false;
  if (total > 0) options.onProgress?.(0, total);
  // One slice at a time on the calling thread (as before); two per worker keep every worker fed.
  const lanes = Math.max(1, provider.workers * 2);
  const lane = async (): Promise<void> => {
    for (let s = slices[next++]; s !== undefined && !failed; s = slices[next++]) {
      const texts = s.positions.map((i) => lists[s.list]?.[i] ?? "");
      const vectors = await provider.embeddings.embedDocuments(texts).catch((err: unknown) => {
        failed = true; // the other lanes stop taking slices
        throw err;
      });
      if (vectors.length !== texts.length || vectors.some((v) => v.length === 0)) {
        throw new Error(`the ${provider.provider} embeddings returned ${vectors.length} vectors for ${texts.length} texts, or empty ones`);
      }
      s.positions.forEach((i, k) => {
        const vector = vectors[k] as number[];
        (out[s.list] as number[][])[i] = vector;
        options.cache.remember(texts[k] ?? "", vector);
      });
      done += texts.length;
      options.onProgress?.(done, total);
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, Math.max(1, slices.length)) }, lane));
  return out;
}
