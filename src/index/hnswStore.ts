/**
 * A LangChain `VectorStore` over hnswlib-node's `HierarchicalNSW`, saved to and loaded from a folder.
 *
 * Written here rather than taken from `@langchain/community` (see NOTES: that package brings ~350
 * packages of unrelated peers and loads hnswlib through a dynamic import jest cannot run).
 * Scores returned are cosine *similarities* (higher is better), unlike community's HNSWLib distances.
 */
import { Document, type DocumentInterface } from "@langchain/core/documents";
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { SaveableVectorStore } from "@langchain/core/vectorstores";
import { HierarchicalNSW } from "hnswlib-node";
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";

export interface HnswParams {
  /** Graph degree: higher is more accurate and larger. */
  m: number;
  efConstruction: number;
  /** Candidates examined per search: the speed/recall knob at query time. */
  efSearch: number;
}

export const DEFAULT_HNSW_PARAMS: HnswParams = { m: 16, efConstruction: 200, efSearch: 64 };

const INDEX_FILE = "vectors.hnsw";
const DOCSTORE_FILE = "docstore.json";
const ARGS_FILE = "hnsw.json";

type Metadata = Record<string, unknown>;

export class HnswVectorStore extends SaveableVectorStore {
  declare FilterType: (doc: DocumentInterface<Metadata>) => boolean;

  private index: HierarchicalNSW | undefined;
  private dimensions: number | undefined;
  private readonly docs: Array<DocumentInterface<Metadata>> = [];

  constructor(
    embeddings: EmbeddingsInterface,
    readonly params: HnswParams = DEFAULT_HNSW_PARAMS,
  ) {
    super(embeddings, {});
  }

  _vectorstoreType(): string {
    return "hnswlib-node";
  }

  get size(): number {
    return this.docs.length;
  }

  async addDocuments(documents: DocumentInterface[]): Promise<void> {
    const vectors = await this.embeddings.embedDocuments(documents.map((d) => d.pageContent));
    await this.addVectors(vectors, documents);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; hnswlib is not
  async addVectors(vectors: number[][], documents: DocumentInterface[]): Promise<void> {
    if (vectors.length !== documents.length) throw new Error("addVectors: one vector per document is required");
    if (vectors.length === 0) return;
    const dims = vectors[0]?.length ?? 0;
    if (dims === 0) throw new Error("addVectors: empty vectors (is the embeddings server answering floats?)");
    if (!this.index) {
      this.dimensions = dims;
      this.index = new HierarchicalNSW("cosine", dims);
      this.index.initIndex({ maxElements: Math.max(vectors.length, 16), m: this.params.m, efConstruction: this.params.efConstruction });
    } else if (dims !== this.dimensions) {
      throw new Error(`addVectors: vectors of ${dims} dimensions added to an index of ${this.dimensions}`);
    }
    const needed = this.docs.length + vectors.length;
    if (needed > this.index.getMaxElements()) this.index.resizeIndex(Math.max(needed, this.index.getMaxElements() * 2));
    vectors.forEach((vector, i) => {
      if (vector.length !== dims) throw new Error("addVectors: vectors of different lengths");
      this.index?.addPoint(vector, this.docs.length);
      const doc = documents[i] as DocumentInterface<Metadata>;
      this.docs.push(new Document({ pageContent: doc.pageContent, metadata: doc.metadata, id: doc.id }));
    });
    this.index.setEf(this.params.efSearch);
  }

  // eslint-disable-next-line @typescript-eslint/require-await -- the interface is async; hnswlib is not
  async similaritySearchVectorWithScore(query: number[], k: number, filter?: this["FilterType"]): Promise<[DocumentInterface, number][]> {
    return this.searchSync(query, k, filter);
  }

  /** Synchronous search, for hot paths that already hold the query vector. */
  searchSync(query: number[], k: number, filter?: (doc: DocumentInterface<Metadata>) => boolean): [DocumentInterface<Metadata>, number][] {
    if (!this.index || this.docs.length === 0) return [];
    if (query.length !== this.dimensions) throw new Error(`query of ${query.length} dimensions against an index of ${this.dimensions}`);
    const wanted = Math.min(k, this.docs.length);
    const result = filter
      ? this.index.searchKnn(query, wanted, (label: number) => {
          const doc = this.docs[label];
          return doc !== undefined && filter(doc);
        })
      : this.index.searchKnn(query, wanted);
    return result.neighbors.map((label, i) => [this.docs[label] as DocumentInterface<Metadata>, 1 - (result.distances[i] ?? 1)]);
  }

  setEfSearch(ef: number): void {
    this.index?.setEf(ef);
  }

  async save(directory: string): Promise<void> {
    if (!this.index) throw new Error("cannot save an empty vector index");
    this.index.writeIndexSync(path.join(directory, INDEX_FILE));
    await writeFile(path.join(directory, ARGS_FILE), JSON.stringify({ dimensions: this.dimensions, params: this.params, count: this.docs.length }));
    await writeFile(path.join(directory, DOCSTORE_FILE), JSON.stringify(this.docs.map((d) => ({ pageContent: d.pageContent, metadata: d.metadata, id: d.id }))));
  }

  static override async load(directory: string, embeddings: EmbeddingsInterface): Promise<HnswVectorStore> {
    for (const file of [INDEX_FILE, ARGS_FILE, DOCSTORE_FILE]) {
      if (!existsSync(path.join(directory, file))) throw new Error(`vector index file ${file} is missing`);
    }
    const args = JSON.parse(await readFile(path.join(directory, ARGS_FILE), "utf8")) as { dimensions: number; params: HnswParams; count: number };
    const docs = JSON.parse(await readFile(path.join(directory, DOCSTORE_FILE), "utf8")) as Array<{ pageContent: string; metadata: Metadata; id?: string }>;
    if (!Array.isArray(docs) || docs.length !== args.count) throw new Error("vector docstore does not match the index");
    const store = new HnswVectorStore(embeddings, args.params);
    const index = new HierarchicalNSW("cosine", args.dimensions);
    index.readIndexSync(path.join(directory, INDEX_FILE));
    if (index.getCurrentCount() !== args.count) throw new Error("vector index holds a different number of points than its docstore");
    index.setEf(args.params.efSearch);
    store.index = index;
    store.dimensions = args.dimensions;
    for (const d of docs) store.docs.push(new Document(d));
    return store;
  }
}
