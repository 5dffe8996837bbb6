/**
 * The on-disk index: chunk vectors in HNSW, sentence vectors for scoring inside chunks, and a manifest
 * that says what the index was built from. `openIndex` loads it when it matches the corpus and the
 * embedding provider, and rebuilds it (saying why) when it is missing, stale, unreadable or in any doubt:
 * no command ever answers from a stale index or crashes on a corrupt one. Where the files live, and how a
 * new build replaces the old one without a gap or a race, is `lifecycle.ts`.
 */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { open, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { type Corpus, type CorpusDocument, sentenceKey } from "../corpus/types";
import { type Chunk, type ChunkOptions, DEFAULT_CHUNK_OPTIONS, chunkDocument } from "./chunk";
import { embedAll } from "./embedAll";
import type { EmbeddingProvider } from "./embeddings";
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from "./hnswIndex";
import { LexicalIndex } from "./lexical";
import { currentGeneration, newGeneration, publish, removeLeftovers, withBuildLock } from "./lifecycle";
import { DATA_FILES, INDEX_FORMAT_VERSION, MANIFEST_FILE, type Manifest, SENTENCE_VECTORS_FILE, parseManifest } from "./manifest";
import { VectorCache } from "./vectorCache";
import { unit } from "./vectors";

export { INDEX_FORMAT_VERSION, type Manifest } from "./manifest";

export interface ArticleIndex {
  corpus: Corpus;
  documents: Map<string, CorpusDocument>;
  chunks: Chunk[];
  chunkById: Map<string, Chunk>;
  /** Chunk vectors; `new HnswVectorStore(embeddings, index.vectors)` (hnswStore.ts) gives LangChain's VectorStore API over it. */
  vectors: HnswIndex;
  lexical: LexicalIndex;
  /** Unit-length sentence vectors, keyed by `${docId}:${sentenceIndex}`. */
  sentenceVectors: Map<string, Float32Array>;
  embedding: EmbeddingProvider;
  manifest: Manifest;
}

export interface OpenIndexOptions {
  /** Where human-readable notices go (rebuild reasons, progress); stderr in the CLI. */
  notify?: (message: string) => void;
  /** Called as embeddings are computed during a build (texts embedded so far, texts to embed). */
  onProgress?: (done: number, total: number) => void;
  /** Reuse vectors of texts embedded by earlier builds (`vectorCache.ts`); default true. */
  vectorCache?: boolean;
  /** Build even when a valid index exists (`article-bot ingest`). */
  forceRebuild?: boolean;
  chunking?: ChunkOptions;
  hnsw?: HnswParams;
}

function sha256(data: Buffer | string): string {
  return createHash("sha256").update(data).digest("hex");
}

function describeStaleness(manifest: Manifest, corpus: Corpus, provider: EmbeddingProvider, chunking: ChunkOptions, hnsw: HnswParams): string | null {
  if (manifest.formatVersion !== INDEX_FORMAT_VERSION) return `it has format ${manifest.formatVersion}, this version reads ${INDEX_FORMAT_VERSION}`;
  if (manifest.corpusHash !== corpus.hash) return "the corpus has changed since it was built";
  if (manifest.embeddings.provider !== provider.provider || manifest.embeddings.model !== provider.model) {
    return `it was built with ${manifest.embeddings.provider}/${manifest.embeddings.model} embeddings, now ${provider.provider}/${provider.model}`;
  }
  if (JSON.stringify(manifest.chunking) !== JSON.stringify(chunking) || JSON.stringify(manifest.hnsw) !== JSON.stringify(hnsw)) {
    return "its chunking or HNSW settings differ";
  }
  return null;
}

function assemble(corpus: Corpus, chunks: Chunk[], vectors: HnswIndex, sentenceVectors: Map<string, Float32Array>, embedding: EmbeddingProvider, manifest: Manifest): ArticleIndex {
  return {
    corpus,
    documents: new Map(corpus.documents.map((d) => [d.id, d])),
    chunks,
    chunkById: new Map(chunks.map((c) => [c.id, c])),
    vectors,
    lexical: new LexicalIndex(chunks),
    sentenceVectors,
    embedding,
    manifest,
  };
}

/** Builds a new generation and swaps it in; holds the build lock (a concurrent builder waits). */
export async function buildIndex(corpus: Corpus, embedding: EmbeddingProvider, indexDir: string, options: OpenIndexOptions = {}): Promise<ArticleIndex> {
  const notify = options.notify ?? (() => undefined);
  return withBuildLock(indexDir, notify, () => buildLocked(corpus, embedding, indexDir, options));
}

async function buildLocked(corpus: Corpus, embedding: EmbeddingProvider, indexDir: string, options: OpenIndexOptions): Promise<ArticleIndex> {
  const notify = options.notify ?? (() => undefined);
  await removeLeftovers(indexDir, notify);
  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const hnsw = options.hnsw ?? DEFAULT_HNSW_PARAMS;
  const chunks = corpus.documents.flatMap((doc) => chunkDocument(doc, chunking));
  const sentences = corpus.documents.flatMap((doc) => doc.sentences.map((s) => ({ key: sentenceKey(doc.id, s.index), text: s.text })));

  const cache = options.vectorCache === false ? VectorCache.disabled(embedding.provider, embedding.model) : await VectorCache.open(indexDir, embedding.provider, embedding.model);
  if (cache.ignoredBecause) notify(`Not reusing earlier vectors: ${cache.ignoredBecause}.`);
  const [chunkVectors = [], rawSentenceVectors = []] = await embedAll(embedding, [chunks.map((c) => c.text), sentences.map((s) => s.text)], { cache, onProgress: options.onProgress });
  if (cache.hits > 0) notify(`Reused ${cache.hits} of ${cache.hits + cache.misses} vectors from earlier builds.`);
  const dimensions = chunkVectors[0]?.length ?? 0;

  const vectors = new HnswIndex(hnsw);
  vectors.add(
    chunkVectors,
    chunks.map((c) => ({ pageContent: c.text, metadata: { chunkId: c.id, docId: c.docId, paragraph: c.paragraph }, id: c.id })),
  );
  const sentenceVectors = new Map(sentences.map((s, i) => [s.key, unit(rawSentenceVectors[i] ?? [])]));

  // Write into a fresh generation and swap it in, so an interrupted build never leaves a half-written index.
  const staging = await newGeneration(indexDir);
  await vectors.save(staging);
  const flat = new Float32Array(sentences.length * dimensions);
  sentences.forEach((s, i) => flat.set(sentenceVectors.get(s.key) ?? new Float32Array(dimensions), i * dimensions));
  const sentenceBytes = Buffer.from(flat.buffer, flat.byteOffset, flat.byteLength);
  await writeFile(path.join(staging, SENTENCE_VECTORS_FILE), sentenceBytes);
  await writeFile(path.join(staging, "chunks.json"), JSON.stringify(chunks));

  const checksums: Record<string, string> = {};
  for (const file of DATA_FILES) {
    checksums[file] = sha256(await readFile(path.join(staging, file)));
    await flush(path.join(staging, file));
  }
  const manifest: Manifest = {
    formatVersion: INDEX_FORMAT_VERSION,
    corpusHash: corpus.hash,
    embeddings: { provider: embedding.provider, model: embedding.model, dimensions },
    chunking,
    hnsw,
    counts: { documents: corpus.documents.length, chunks: chunks.length, sentences: sentences.length },
    checksums: checksums as Manifest["checksums"],
    builtAt: new Date().toISOString(),
  };
  await writeFile(path.join(staging, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await flush(path.join(staging, MANIFEST_FILE));
  await flush(staging);
  await publish(indexDir, staging, notify);
  await flush(indexDir);
  await cache.save().catch((err: unknown) => notify(`The vector cache could not be saved (${(err as Error).message}); the index is fine.`));
  return assemble(corpus, chunks, vectors, sentenceVectors, embedding, manifest);
}

/** On disk before the swap: a power cut must not publish a generation whose files are still in the page cache. */
async function flush(file: string): Promise<void> {
  const handle = await open(file, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function loadIndex(corpus: Corpus, embedding: EmbeddingProvider, dir: string, manifest: Manifest): Promise<ArticleIndex> {
  for (const file of DATA_FILES) {
    if (sha256(await readFile(path.join(dir, file))) !== manifest.checksums[file]) throw new Error(`${file} does not match its checksum`);
  }
  const chunks = JSON.parse(await readFile(path.join(dir, "chunks.json"), "utf8")) as Chunk[];
  const vectors = await HnswIndex.load(dir);
  const bytes = await readFile(path.join(dir, SENTENCE_VECTORS_FILE));
  const dims = manifest.embeddings.dimensions;
  const flat = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const keys = corpus.documents.flatMap((doc) => doc.sentences.map((s) => sentenceKey(doc.id, s.index)));
  if (keys.length !== manifest.counts.sentences || flat.length !== keys.length * dims || chunks.length !== manifest.counts.chunks) {
    throw new Error("index contents do not match its manifest");
  }
  const sentenceVectors = new Map(keys.map((key, i) => [key, flat.subarray(i * dims, (i + 1) * dims)]));
  return assemble(corpus, chunks, vectors, sentenceVectors, embedding, manifest);
}

type Attempt = { index: ArticleIndex } | { why: string; generation: string | null };

/** The current generation if it is complete, valid and built from this corpus and settings; else why not. */
async function tryLoad(corpus: Corpus, embedding: EmbeddingProvider, indexDir: string, chunking: ChunkOptions, hnsw: HnswParams): Promise<Attempt> {
  const generation = await currentGeneration(indexDir);
  if (generation === null) {
    const flat = existsSync(path.join(indexDir, MANIFEST_FILE));
    return { why: flat ? `The index in ${indexDir} has an older layout: rebuilding it.` : `No index in ${indexDir}: building it (${corpus.documents.length} document(s)).`, generation };
  }
  let raw: string;
  try {
    raw = await readFile(path.join(generation, MANIFEST_FILE), "utf8");
  } catch {
    return { why: `The index manifest in ${indexDir} is unreadable: rebuilding the index.`, generation };
  }
  const parsed = parseManifest(raw);
  if ("problem" in parsed) return { why: `The index in ${indexDir} cannot be trusted (${parsed.problem}): rebuilding it.`, generation };
  const stale = describeStaleness(parsed.manifest, corpus, embedding, chunking, hnsw);
  if (stale) return { why: `The index in ${indexDir} is stale (${stale}): rebuilding it.`, generation };
  try {
    return { index: await loadIndex(corpus, embedding, generation, parsed.manifest) };
  } catch (err) {
    return { why: `The index in ${indexDir} could not be read (${(err as Error).message}): rebuilding it.`, generation };
  }
}

/** Load the index for this corpus and provider, or build it when that is the only honest option. */
export async function openIndex(corpus: Corpus, embedding: EmbeddingProvider, indexDir: string, options: OpenIndexOptions = {}): Promise<ArticleIndex> {
  const notify = options.notify ?? (() => undefined);
  const chunking = options.chunking ?? DEFAULT_CHUNK_OPTIONS;
  const hnsw = options.hnsw ?? DEFAULT_HNSW_PARAMS;
  if (options.forceRebuild) return buildIndex(corpus, embedding, indexDir, options);

  const first = await tryLoad(corpus, embedding, indexDir, chunking, hnsw);
  if ("index" in first) return first.index;
  return withBuildLock(indexDir, notify, async () => {
    // Another process may have built (or swapped) while this one waited for the lock, or between
    // reading `current` and its files: look again before spending a build.
    const again = (await currentGeneration(indexDir)) !== first.generation ? await tryLoad(corpus, embedding, indexDir, chunking, hnsw) : first;
    if ("index" in again) return again.index;
    notify(again.why);
    return buildLocked(corpus, embedding, indexDir, options);
  });
}
