/**
 * Scale: HNSW (the project's `HnswVectorStore` over hnswlib-node, filled with `addVectors` in batches
 * of 5,000 and searched with `searchSync`, as retrieval does) against exact brute-force search (a plain
 * loop over unit Float32Array vectors) on the same 512-dimensional vectors and 200 held-out queries:
 * latency of each, the ratio, and HNSW recall@10 against the exact top 10; for several efSearch values
 * and, at the largest size, several M. Three vector sets: clustered around the article's real sentence
 * embeddings, a more diffuse clustered set, and random unit vectors (the worst case).
 */
import { Document } from "@langchain/core/documents";
import { FakeEmbeddings } from "@langchain/core/utils/testing";
import { loadCorpus } from "../../src/corpus/load";
import { createEmbeddingProvider } from "../../src/index/embeddings";
import { DEFAULT_HNSW_PARAMS, HnswVectorStore } from "../../src/index/hnswStore";
import { openIndex } from "../../src/index/store";
import { progress } from "../lib/log";
import { ARTICLE_CORPUS } from "../lib/setup";
import { collectGarbage, distribution, now, round } from "../lib/stats";
import { type ClusterSpec, ClusteredSource, DEFAULT_CLUSTER_SPEC, type VectorSet, exactTopK, meanNearestCosine, randomUnitVectors, row } from "../lib/vectors";

export interface ScaleInput {
  /** The article's index, for its real sentence embeddings. */
  articleIndexDir: string;
  sizes: number[];
  queries: number;
  efSearch: number[];
  /** M values tried at the largest size on the clustered set; other runs use the default M. */
  mValues: number[];
  sets: Array<"clustered" | "diffuse" | "random">;
}

export interface EfPoint {
  efSearch: number;
  recallAt10: number;
  p50Ms: number;
  meanMs: number;
  /** Exact p50 over HNSW p50. */
  speedup: number;
}

export interface ScaleRun {
  set: string;
  size: number;
  m: number;
  efConstruction: number;
  buildMs: number;
  exactP50Ms: number;
  exactMeanMs: number;
  points: EfPoint[];
}

export interface ScaleSetInfo {
  name: string;
  description: string;
  /** Mean cosine of a query to its nearest indexed neighbour, at the largest size. */
  nearestCosine: number;
}

export interface ScaleResult {
  dims: number;
  queries: number;
  defaultParams: { m: number; efConstruction: number; efSearch: number };
  sets: ScaleSetInfo[];
  runs: ScaleRun[];
  builtWith: string;
}

const DIFFUSE_SPEC: ClusterSpec = { centres: 256, localDims: 128, spread: 1.0, iso: 0.6 };
const BATCH = 5000;
const K = 10;

/** The article's real sentence embeddings, read from its index (built by the model if missing). */
async function articleEmbeddings(indexDir: string): Promise<Float32Array[]> {
  const corpus = await loadCorpus(ARTICLE_CORPUS);
  const index = await openIndex(corpus, await createEmbeddingProvider({ provider: "local", openaiModel: "unused" }), indexDir);
  return [...index.sentenceVectors.values()];
}

function prefix(set: VectorSet, n: number): VectorSet {
  return { n, dims: set.dims, data: set.data.subarray(0, n * set.dims) };
}

async function buildStore(set: VectorSet, m: number): Promise<{ store: HnswVectorStore; ms: number }> {
  const store = new HnswVectorStore(new FakeEmbeddings(), { m, efConstruction: DEFAULT_HNSW_PARAMS.efConstruction, efSearch: DEFAULT_HNSW_PARAMS.efSearch });
  const t0 = now();
  for (let i = 0; i < set.n; i += BATCH) {
    const count = Math.min(BATCH, set.n - i);
    const vectors: number[][] = [];
    const docs: Document[] = [];
    for (let j = 0; j < count; j++) {
      vectors.push(Array.from(row(set, i + j)));
      docs.push(new Document({ pageContent: "", metadata: { i: i + j } }));
    }
    await store.addVectors(vectors, docs);
  }
  return { store, ms: now() - t0 };
}

function exactAll(set: VectorSet, queries: VectorSet): { truth: Array<Set<number>>; times: number[] } {
  const truth: Array<Set<number>> = [];
  const times: number[] = [];
  for (let q = 0; q < queries.n; q++) {
    const t = now();
    const { ids } = exactTopK(set, row(queries, q), K);
    times.push(now() - t);
    truth.push(new Set(ids));
  }
  return { truth, times };
}

function sweep(store: HnswVectorStore, queries: VectorSet, truth: Array<Set<number>>, efs: number[], exactP50: number): EfPoint[] {
  const points: EfPoint[] = [];
  for (const ef of efs) {
    store.setEfSearch(ef);
    // One untimed pass so that every ef is measured warm.
    for (let q = 0; q < Math.min(20, queries.n); q++) store.searchSync(Array.from(row(queries, q)), K);
    const times: number[] = [];
    let found = 0;
    for (let q = 0; q < queries.n; q++) {
      const t = now();
      const hits = store.searchSync(Array.from(row(queries, q)), K);
      times.push(now() - t);
      const want = truth[q] as Set<number>;
      for (const [doc] of hits) if (want.has(doc.metadata.i as number)) found++;
    }
    const d = distribution(times);
    points.push({ efSearch: ef, recallAt10: round(found / (queries.n * K)), p50Ms: round(d.p50), meanMs: round(d.mean), speedup: round(exactP50 / d.p50) });
  }
  store.setEfSearch(DEFAULT_HNSW_PARAMS.efSearch);
  return points;
}

export async function runScale(input: ScaleInput): Promise<ScaleResult> {
  const dims = 512;
  const largest = Math.max(...input.sizes);
  const real = input.sets.some((s) => s !== "random") ? await articleEmbeddings(input.articleIndexDir) : [];
  const runs: ScaleRun[] = [];
  const sets: ScaleSetInfo[] = [];

  for (const name of input.sets) {
    let all: VectorSet;
    let queries: VectorSet;
    let description: string;
    if (name === "random") {
      all = randomUnitVectors(largest, dims, 7);
      queries = randomUnitVectors(input.queries, dims, 8);
      description = "random unit vectors (Gaussian, normalized): the worst case";
    } else {
      const spec = name === "clustered" ? DEFAULT_CLUSTER_SPEC : DIFFUSE_SPEC;
      const source = new ClusteredSource(real, spec, name === "clustered" ? 11 : 13);
      all = source.take(largest);
      queries = source.take(input.queries);
      description =
        `${source.centreCount} centres (the article's ${real.length} real sentence embeddings + mixes of two), ` +
        `${spec.localDims}-dim local subspace, spread ${spec.spread}, isotropic noise ${spec.iso}`;
    }
    progress(`scale: ${name}: ${largest} vectors generated`);
    for (const size of [...input.sizes].sort((a, b) => a - b)) {
      const set = prefix(all, size);
      const exact = exactAll(set, queries);
      const ex = distribution(exact.times);
      const ms = name === "clustered" && size === largest ? input.mValues : [DEFAULT_HNSW_PARAMS.m];
      for (const m of ms) {
        const { store, ms: buildMs } = await buildStore(set, m);
        const points = sweep(store, queries, exact.truth, input.efSearch, ex.p50);
        runs.push({ set: name, size, m, efConstruction: DEFAULT_HNSW_PARAMS.efConstruction, buildMs: round(buildMs), exactP50Ms: round(ex.p50), exactMeanMs: round(ex.mean), points });
        const def = points.find((p) => p.efSearch === DEFAULT_HNSW_PARAMS.efSearch) ?? points[0];
        progress(`scale: ${name} ${size} M=${m}: built in ${Math.round(buildMs)} ms; ef=${def?.efSearch} recall ${def?.recallAt10} at ${def?.p50Ms} ms vs exact ${round(ex.p50)} ms`);
        collectGarbage();
      }
      if (size === largest) sets.push({ name, description, nearestCosine: round(meanNearestCosine(set, queries, 50)) });
    }
    collectGarbage();
  }
  return {
    dims,
    queries: input.queries,
    defaultParams: { ...DEFAULT_HNSW_PARAMS },
    sets,
    runs,
    builtWith: "HnswVectorStore.addVectors (src/index/hnswStore.ts, hnswlib-node, space cosine), batches of 5,000; searched with searchSync(Array.from(query), 10)",
  };
}
