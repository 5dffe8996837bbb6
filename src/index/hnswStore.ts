/**
 * LangChain's `VectorStore` over the project's `HnswIndex` (hnswIndex.ts): for code that wants LangChain's
 * API (`similaritySearch`, `asRetriever`, `addDocuments`). The engine itself searches the `HnswIndex`
 * directly, so loading an index and answering never loads LangChain's retriever/runnable stack.
 *
 * Written here rather than taken from `@langchain/community` (see NOTES: that package brings ~350
 * packages of unrelated peers and loads hnswlib through a dynamic import jest cannot run).
 * Scores returned are cosine *similarities* (higher is better), unlike community's HNSWLib distances.
 */
import type { DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { SaveableVectorStore } from "@langchain/core/vectorstores";
import { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams, type Metadata } from "./hnswIndex";

export { DEFAULT_HNSW_PARAMS, HnswIndex, type HnswParams } from "./hnswIndex";

export class HnswVectorStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface<Metadata>) => boolean;

  readonly index: HnswIndex;

  constructor(embeddings: EmbeddingsInterface, paramsOrIndex: HnswParams | HnswIndex = DEFAULT_HNSW_PARAMS) {
    super(embeddings, {});
    this.index = paramsOrIndex instanceof HnswIndex ? paramsOrIndex : new HnswIndex(paramsOrIndex);
  }

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get params(): HnswParams {
    return this.index.params;
  }

  get size(): number {
    return this.index.size;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    await this.addVectors(vectors, documents);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; hnswlib is not
  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    this.index.add(vectors, documents as Array<DocumentInterface<Metadata>>);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; hnswlib is not
  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    return this.index.searchSync(query, k, filter);
  }

  searchSync(query: number[], k: number, filter?: (doc: DocumentInterface<Metadata>) => boolean): [DocumentInterface<Metadata>, number][] {
    return this.index.searchSync(query, k, filter);
  }

  setEfSearch(ef: number): void {
    this.index.setEfSearch(ef);
  }

  save(directory: string): Promise<void> {
    return this.index.save(directory);
  }

  static override async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswVectorStore> {
    return new HnswVectorStore(embeddings, await HnswIndex.load(directory));
  }
}
