/**
 * The vector index itself: hnswlib-node's `HierarchicalNSW` (cosine space) with one stored document per
 * point, saved to and loaded from a folder. No LangChain here: LangChain's `VectorStore` base class pulls
 * in its whole runnables stack (~0.1 s of a cold `ask` on a quiet machine, far more on a busy one), and the
 * hot path only needs `searchSync`. `HnswVectorStore` (hnswStore.ts) is the LangChain adapter over it.
 * Scores returned are cosine *similarities* (higher is better).
 */
import type { DocumentInterface } from "@langchain/core/documents";
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

export type Metadata = Record<string, unknown>;

/** What each point carries: LangChain's document shape, as plain data (no class needed to read it). */
export type StoredDocument = DocumentInterface<Metadata>;

export class HnswIndex {
  private index: HierarchicalNSW | undefined;
  private dimensions: number | undefined;
  private readonly docs: StoredDocument[] = [];

  constructor(readonly params: HnswParams = DEFAULT_HNSW_PARAMS) {}

  get size(): number {
    return this.docs.length;
  }

  add(vectors: number[][], documents: StoredDocument[]): void {
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
      const doc = documents[i] as StoredDocument;
      this.docs.push({ pageContent: doc.pageContent, metadata: doc.metadata, ...(doc.id !== undefined ? { id: doc.id } : {}) });
    });
    this.index.setEf(this.params.efSearch);
  }

  /** Synchronous search, for hot paths that already hold the query vector. */
  searchSync(query: number[], k: number, filter?: (doc: StoredDocument) => boolean): [StoredDocument, number][] {
    if (!this.index || this.docs.length === 0) return [];
    if (query.length !== this.dimensions) throw new Error(`query of ${query.length} dimensions against an index of ${this.dimensions}`);
    const wanted = Math.min(k, this.docs.length);
    const result = filter
      ? this.index.searchKnn(query, wanted, (label: number) => {
          const doc = this.docs[label];
          return doc !== undefined && filter(doc);
        })
      : this.index.searchKnn(query, wanted);
    return result.neighbors.map((label, i) => [this.docs[label] as StoredDocument, 1 - (result.distances[i] ?? 1)]);
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

  static async load(directory: string): Promise<HnswIndex> {
    for (const file of [INDEX_FILE, ARGS_FILE, DOCSTORE_FILE]) {
      if (!existsSync(path.join(directory, file))) throw new Error(`vector index file ${file} is missing`);
    }
    const args = JSON.parse(await readFile(path.join(directory, ARGS_FILE), "utf8")) as { dimensions: number; params: HnswParams; count: number };
    const docs = JSON.parse(await readFile(path.join(directory, DOCSTORE_FILE), "utf8")) as Array<{ pageContent: string; metadata: Metadata; id?: string }>;
    if (!Array.isArray(docs) || docs.length !== args.count) throw new Error("vector docstore does not match the index");
    const store = new HnswIndex(args.params);
    const index = new HierarchicalNSW("cosine", args.dimensions);
    index.readIndexSync(path.join(directory, INDEX_FILE));
    if (index.getCurrentCount() !== args.count) throw new Error("vector index holds a different number of points than its docstore");
    index.setEf(args.params.efSearch);
    store.index = index;
    store.dimensions = args.dimensions;
    for (const d of docs) store.docs.push({ pageContent: d.pageContent, metadata: d.metadata, ...(d.id !== undefined && d.id !== null ? { id: d.id } : {}) });
    return store;
  }
}
