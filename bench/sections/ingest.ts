/**
 * Ingest: time to build the index (embeddings of every chunk and sentence, HNSW, files) for the article
 * and for synthetic corpora of N chunks, on every core (`workers` embedding threads), with the models
 * already loaded (their load time is its own row). For each synthetic corpus the warm `ask` latency on
 * that index is measured too: the bot must stay fast as the corpus grows.
 *
 * Then, on the corpus of `compareChunks` chunks (ten documents), the design before issue 14 beside
 * today's, in this run: embeddings on the calling thread with no vector reuse (EMBED_WORKERS=0 and
 * `vectorCache: false` select exactly the old code path: one 64-text slice after the other), one worker,
 * every core; then a forced rebuild of the unchanged corpus and a rebuild after one document of the ten
 * was replaced, which reuse vectors today and re-embed everything in the old design.
 */
import { copyFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { loadCorpus } from "../../src/corpus/load";
import { ArticleEngine } from "../../src/engine";
import { type EmbeddingProvider, closeEmbeddingProvider, createEmbeddingProvider, warmUp } from "../../src/index/embeddings";
import { buildIndex } from "../../src/index/store";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions, folderBytes, removeDir } from "../lib/setup";
import { type Distribution, distribution, now, round, roundDistribution } from "../lib/stats";
import { writeSyntheticCorpus } from "../lib/synthetic";

export interface IngestInput {
  workDir: string;
  /** Where the article's index is built and kept, for the sections that follow. */
  articleIndexDir: string;
  /** Synthetic corpus sizes, in chunks. */
  syntheticChunks: number[];
  /** Questions asked on each synthetic index (a sample of the evaluation set). */
  askSample: number;
  /** Embedding worker threads for the builds ("every core"). */
  workers: number;
  /** Size of the corpus the old design is measured on, in chunks (10 documents of 100 paragraphs at 1,000). */
  compareChunks: number;
  /** Builds of the old design and of today's on every core, interleaved (the ratio is of their means). */
  compareRounds: number;
}

export interface IngestRow {
  corpus: string;
  documents: number;
  chunks: number;
  sentences: number;
  /** Chunks plus sentences: every text the model embeds. */
  embeddedTexts: number;
  loadMs: number;
  buildMs: number;
  embedMs: number;
  /** HNSW insertion and writing the files, after the last embedding. */
  indexWriteMs: number;
  sentencesPerSec: number;
  textsPerSec: number;
  indexMB: number;
  /** Warm ask latency on this index (synthetic corpora only). */
  ask?: Distribution;
}

export interface BuildFigure {
  buildMs: number;
  textsPerSec: number;
  /** Texts the model was asked to embed (the rest came from the vector cache). */
  embedded: number;
}

export interface IngestCompare {
  corpus: string;
  documents: number;
  texts: number;
  workers: number;
  /** Builds of each of `before` and `allWorkers`, interleaved; their figures are the means. */
  rounds: number;
  /** The old design: the calling thread, everything embedded. */
  before: BuildFigure;
  oneWorker: BuildFigure;
  allWorkers: BuildFigure;
  /** Forced rebuild of the unchanged corpus (today: vectors reused; the old design: `before` again). */
  unchanged: BuildFigure;
  /** Rebuild after one of the documents was replaced by new text. */
  oneChanged: BuildFigure & { changedDocumentTexts: number };
}

export interface IngestResult {
  modelLoadMs: number;
  workers: number;
  rows: IngestRow[];
  compare?: IngestCompare;
  seed: number;
}

const SEED = 20250326;

async function provider(workers: number): Promise<EmbeddingProvider> {
  const p = await createEmbeddingProvider({ provider: "local", openaiModel: "unused" }, { workers });
  await warmUp(p);
  return p;
}

interface Timed {
  ms: number;
  embedMs: number;
  embedded: number;
  index: Awaited<ReturnType<typeof buildIndex>>;
}

async function timedBuild(corpusDir: string, embedding: EmbeddingProvider, indexDir: string, vectorCache: boolean, label: string): Promise<Timed> {
  const corpus = await loadCorpus(corpusDir);
  let lastEmbedAt = 0;
  let embedded = 0;
  const b0 = now();
  const index = await buildIndex(corpus, embedding, indexDir, {
    vectorCache,
    onProgress: (done, total) => {
      lastEmbedAt = now();
      embedded = done;
      if (done === total || done % 2048 < 64) progress(`ingest: ${label}: embedded ${done}/${total}`);
    },
  });
  const ms = now() - b0;
  return { ms, embedMs: embedded > 0 ? lastEmbedAt - b0 : 0, embedded, index };
}

const figure = (t: Timed, texts: number): BuildFigure => ({ buildMs: round(t.ms), textsPerSec: round(texts / (t.ms / 1000)), embedded: t.embedded });

/** The mean of several builds of the same corpus, as one figure: total texts over total time. */
function meanFigure(builds: Timed[], texts: number): BuildFigure {
  const ms = builds.reduce((sum, b) => sum + b.ms, 0);
  return { buildMs: round(ms / builds.length), textsPerSec: round((texts * builds.length) / (ms / 1000)), embedded: builds[0]?.embedded ?? 0 };
}

async function compareDesigns(dir: string, articleDocs: Parameters<typeof writeSyntheticCorpus>[1], workDir: string, workers: number, chunks: number, rounds: number): Promise<IngestCompare> {
  const indexFor = (name: string) => path.join(workDir, `compare-${name}`);
  const inThread = await provider(0);
  const all = await provider(workers);
  const keep = indexFor("all");
  try {
    // The old design and today's, built in turn: A B B A … so that a slow minute on this shared machine
    // falls on both (one build of each, one after the other, gave 1.35× and 1.96× on the same day).
    const before: Timed[] = [];
    const allWorkers: Timed[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? ["before", "all"] : ["all", "before"];
      for (const design of order) {
        if (design === "before") {
          before.push(await timedBuild(dir, inThread, indexFor("before"), false, `old design (in-thread, no reuse), round ${r + 1}`));
          removeDir(indexFor("before"));
        } else {
          // A fresh folder each round, so no build reuses another's vectors; the last one is kept for the rebuilds.
          removeDir(keep);
          allWorkers.push(await timedBuild(dir, all, keep, true, `${workers} workers, round ${r + 1}`));
        }
      }
    }
    const first = before[0];
    if (first === undefined) throw new Error("no comparison rounds");
    const texts = first.index.manifest.counts.chunks + first.index.manifest.counts.sentences;
    progress(`ingest: old design ${before.map((b) => Math.round(b.ms)).join(", ")} ms; ${workers} workers ${allWorkers.map((b) => Math.round(b.ms)).join(", ")} ms`);

    const one = await provider(1);
    const oneWorker = await timedBuild(dir, one, indexFor("one"), false, "1 worker");
    await closeEmbeddingProvider(one);
    removeDir(indexFor("one"));

    const unchanged = await timedBuild(dir, all, keep, true, "unchanged rebuild");
    // One document of the ten replaced by new text (a corpus of other sentences, same size).
    const files = readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
    const victim = files[Math.floor(files.length / 2)];
    if (victim === undefined) throw new Error("the comparison corpus has no files");
    const replacement = path.join(workDir, "compare-replacement");
    writeSyntheticCorpus(replacement, articleDocs, Math.round(chunks / Math.max(1, files.length)), SEED + 7);
    copyFileSync(path.join(replacement, readdirSync(replacement)[0] ?? ""), path.join(dir, victim));
    const changed = await timedBuild(dir, all, keep, true, "one document changed");
    const changedDoc = (await loadCorpus(dir)).documents.find((d) => `${d.id}.txt` === victim || d.id === victim.replace(/\.txt$/, ""));
    const changedTexts = changedDoc ? changedDoc.sentences.length + changed.index.chunks.filter((c) => c.docId === changedDoc.id).length : Number.NaN;
    return {
      corpus: `synthetic ${chunks.toLocaleString("en-US")} chunks`,
      documents: first.index.manifest.counts.documents,
      texts,
      workers,
      rounds,
      before: meanFigure(before, texts),
      oneWorker: figure(oneWorker, texts),
      allWorkers: meanFigure(allWorkers, texts),
      unchanged: figure(unchanged, texts),
      oneChanged: { ...figure(changed, texts), changedDocumentTexts: changedTexts },
    };
  } finally {
    await closeEmbeddingProvider(all);
    await closeEmbeddingProvider(inThread);
    removeDir(keep);
  }
}

export async function runIngest(input: IngestInput): Promise<IngestResult> {
  const t0 = now();
  const embedding = await provider(input.workers);
  const modelLoadMs = now() - t0;
  progress(`ingest: ${input.workers} worker(s) loaded the model in ${Math.round(modelLoadMs)} ms`);

  const article = await loadCorpus(ARTICLE_CORPUS);
  const questions = evalQuestions();
  const corpora: Array<{ name: string; dir: string; chunks?: number }> = [{ name: "article", dir: ARTICLE_CORPUS }];
  for (const n of input.syntheticChunks) {
    const dir = path.join(input.workDir, `synthetic-${n}`);
    const info = writeSyntheticCorpus(dir, article.documents, n, SEED + n);
    corpora.push({ name: `synthetic ${n.toLocaleString("en-US")} chunks`, dir, chunks: n });
    progress(`ingest: wrote ${info.paragraphs} paragraphs (${info.sentences} sentences) in ${info.files} files to ${dir}`);
  }

  const rows: IngestRow[] = [];
  try {
    for (const c of corpora) {
      const isArticle = c.dir === ARTICLE_CORPUS;
      const indexDir = isArticle ? input.articleIndexDir : path.join(input.workDir, `index-${rows.length}`);
      if (isArticle) removeDir(indexDir); // always a full build, even if a previous section left one
      const l0 = now();
      await loadCorpus(c.dir);
      const loadMs = now() - l0;
      const built = await timedBuild(c.dir, embedding, indexDir, false, c.name);
      const { index } = built;
      const sentences = index.manifest.counts.sentences;
      const chunks = index.manifest.counts.chunks;
      const row: IngestRow = {
        corpus: c.name,
        documents: index.manifest.counts.documents,
        chunks,
        sentences,
        embeddedTexts: chunks + sentences,
        loadMs: round(loadMs),
        buildMs: round(built.ms),
        embedMs: round(built.embedMs),
        indexWriteMs: round(built.ms - built.embedMs),
        sentencesPerSec: round(sentences / (built.ms / 1000)),
        textsPerSec: round((chunks + sentences) / (built.ms / 1000)),
        indexMB: Math.round((folderBytes(indexDir) / 1024 ** 2) * 10) / 10,
      };
      if (!isArticle) {
        const engine = new ArticleEngine(index); // offline: no chat model
        const sample = questions.slice(0, Math.min(input.askSample, questions.length));
        for (const q of sample.slice(0, 5)) await engine.ask(q); // warm-up
        const times: number[] = [];
        for (const q of sample) {
          const a = now();
          await engine.ask(q);
          times.push(now() - a);
        }
        row.ask = roundDistribution(distribution(times));
      }
      rows.push(row);
      progress(`ingest: ${c.name}: ${chunks} chunks, ${sentences} sentences in ${Math.round(built.ms)} ms (${row.textsPerSec} texts/s)`);
      if (!isArticle) removeDir(indexDir);
    }
  } finally {
    await closeEmbeddingProvider(embedding);
  }

  let compare: IngestCompare | undefined;
  if (input.compareChunks > 0) {
    const dir = path.join(input.workDir, `compare-corpus-${input.compareChunks}`);
    writeSyntheticCorpus(dir, article.documents, input.compareChunks, SEED + input.compareChunks);
    compare = await compareDesigns(dir, article.documents, input.workDir, input.workers, input.compareChunks, input.compareRounds);
    removeDir(dir);
  }
  return { modelLoadMs: round(modelLoadMs), workers: input.workers, rows, ...(compare ? { compare } : {}), seed: SEED };
}
