/**
 * Ingest: time to build the index (embeddings of every chunk and sentence, HNSW, files) for the article
 * and for synthetic corpora of N chunks, with the model already loaded (its load time is its own row).
 * For each synthetic corpus the warm `ask` latency on that index is measured too: the bot must stay
 * fast as the corpus grows.
 */
import path from "node:path";
import { loadCorpus } from "../../src/corpus/load";
import { ArticleEngine } from "../../src/engine";
import { chunkDocument } from "../../src/index/chunk";
import { LocalSentenceEmbeddings, createEmbeddingProvider } from "../../src/index/embeddings";
import { buildIndex } from "../../src/index/store";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS, evalQuestions, folderBytes, offlineConfig, removeDir } from "../lib/setup";
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
  /** Of embedMs: the chunk texts (embedded first) and the sentences. */
  chunkEmbedMs: number;
  sentenceEmbedMs: number;
  /** HNSW insertion and writing the files, after the last embedding. */
  indexWriteMs: number;
  sentencesPerSec: number;
  textsPerSec: number;
  indexMB: number;
  /** Warm ask latency on this index (synthetic corpora only). */
  ask?: Distribution;
}

export interface IngestResult {
  modelLoadMs: number;
  rows: IngestRow[];
  seed: number;
}

const SEED = 20250326;

export async function runIngest(input: IngestInput): Promise<IngestResult> {
  const embedding = await createEmbeddingProvider({ provider: "local", openaiModel: "unused" });
  const t0 = now();
  if (embedding.embeddings instanceof LocalSentenceEmbeddings) await embedding.embeddings.warmUp();
  const modelLoadMs = now() - t0;
  progress(`ingest: model loaded in ${Math.round(modelLoadMs)} ms`);

  const article = await loadCorpus(ARTICLE_CORPUS);
  const questions = evalQuestions();
  const corpora: Array<{ name: string; dir: string }> = [{ name: "article", dir: ARTICLE_CORPUS }];
  for (const n of input.syntheticChunks) {
    const dir = path.join(input.workDir, `synthetic-${n}`);
    const info = writeSyntheticCorpus(dir, article.documents, n, SEED + n);
    corpora.push({ name: `synthetic ${n.toLocaleString("en-US")} chunks`, dir });
    progress(`ingest: wrote ${info.paragraphs} paragraphs (${info.sentences} sentences) in ${info.files} files to ${dir}`);
  }

  const rows: IngestRow[] = [];
  for (const c of corpora) {
    const isArticle = c.dir === ARTICLE_CORPUS;
    const indexDir = isArticle ? input.articleIndexDir : path.join(input.workDir, `index-${rows.length}`);
    if (isArticle) removeDir(indexDir); // always a full build, even if a previous section left one
    const l0 = now();
    const corpus = await loadCorpus(c.dir);
    const loadMs = now() - l0;
    let lastEmbedAt = 0;
    let chunksDoneAt = 0;
    // buildIndex embeds every chunk text first, then every sentence.
    const chunkTexts = corpus.documents.reduce((n, d) => n + chunkDocument(d).length, 0);
    const b0 = now();
    const index = await buildIndex(corpus, embedding, indexDir, {
      onProgress: (done, total) => {
        lastEmbedAt = now();
        if (done <= chunkTexts) chunksDoneAt = lastEmbedAt;
        if (done === total || done % 2048 < 64) progress(`ingest: ${c.name}: embedded ${done}/${total}`);
      },
    });
    const buildMs = now() - b0;
    const sentences = index.manifest.counts.sentences;
    const chunks = index.manifest.counts.chunks;
    const row: IngestRow = {
      corpus: c.name,
      documents: index.manifest.counts.documents,
      chunks,
      sentences,
      embeddedTexts: chunks + sentences,
      loadMs: round(loadMs),
      buildMs: round(buildMs),
      embedMs: round(lastEmbedAt - b0),
      chunkEmbedMs: round(chunksDoneAt - b0),
      sentenceEmbedMs: round(lastEmbedAt - chunksDoneAt),
      indexWriteMs: round(b0 + buildMs - lastEmbedAt),
      sentencesPerSec: round(sentences / (buildMs / 1000)),
      textsPerSec: round((chunks + sentences) / (buildMs / 1000)),
      indexMB: Math.round((folderBytes(indexDir) / 1024 ** 2) * 10) / 10,
    };
    if (!isArticle) {
      const engine = new ArticleEngine(index, offlineConfig(c.dir, indexDir));
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
    progress(`ingest: ${c.name}: ${chunks} chunks, ${sentences} sentences in ${Math.round(buildMs)} ms (${row.sentencesPerSec} sentences/s)`);
    if (!isArticle) removeDir(indexDir);
  }
  return { modelLoadMs: round(modelLoadMs), rows, seed: SEED };
}
