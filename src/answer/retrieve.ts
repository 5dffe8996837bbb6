/**
 * Hybrid retrieval: vector search and BM25 over chunks, fused by reciprocal-rank fusion, then every
 * sentence of the best chunks scored against the question (meaning, shared words, chunk rank).
 * Written against small interfaces (a vector search and LangChain's `Embeddings`), not the stores that
 * implement them. The vector search is synchronous on purpose: the index (`HnswIndex`) answers in
 * microseconds, and LangChain's async `VectorStore` would add its whole runnables stack to a cold start.
 */
import type { EmbeddingsInterface } from "@langchain/core/embeddings";
import { type CorpusDocument, type Sentence, sentenceKey } from "../corpus/types";
import type { Chunk } from "../index/chunk";
import type { LexicalHit } from "../index/lexical";
import { dot, unit } from "../index/vectors";
import type { CorpusTerms } from "./corpusTerms";
import type { QuestionReading } from "./reading";

export interface RetrievalParams {
  /** Candidates taken from each retriever before fusion. */
  candidates: number;
  /** RRF constant: larger flattens the difference between ranks. */
  rrfK: number;
  /** Fused chunks whose sentences are scored. */
  topChunks: number;
  weights: { semantic: number; lexical: number; chunk: number };
}

export const DEFAULT_RETRIEVAL_PARAMS: RetrievalParams = {
  candidates: 20,
  rrfK: 60,
  topChunks: 5,
  weights: { semantic: 0.6, lexical: 0.3, chunk: 0.1 },
};

/** The nearest chunks to a query vector, best first, with cosine similarities (`HnswIndex` is one). */
export interface VectorSearch {
  searchSync(query: number[], k: number): Array<[{ metadata: Record<string, unknown> }, number]>;
}

/** What retrieval needs of the index. */
export interface SearchIndex {
  documents: ReadonlyMap<string, CorpusDocument>;
  chunkById: ReadonlyMap<string, Chunk>;
  /** Chunk vectors searched by a query vector; scores are cosine similarities (higher is better). */
  vectors: VectorSearch;
  lexical: { query(text: string, limit: number): LexicalHit[] };
  /** Unit-length sentence vectors, keyed by `sentenceKey`. */
  sentenceVectors: ReadonlyMap<string, Float32Array>;
  embeddings: Pick<EmbeddingsInterface, "embedQuery" | "embedDocuments">;
}

export interface FusedChunk {
  chunk: Chunk;
  fused: number;
  vectorRank: number | null;
  lexicalRank: number | null;
  /** Cosine similarity of question and chunk, when vector search found it. */
  similarity: number | null;
  /** BM25+ score of the chunk for the question, when lexical search found it. */
  bm25: number | null;
}

export interface ScoredSentence {
  doc: CorpusDocument;
  sentence: Sentence;
  score: number;
  /** Cosine similarity of question and sentence. */
  semantic: number;
  /** Share of the question's term weight (IDF) found in the sentence. */
  lexical: number;
  /** The fused score of the best chunk holding the sentence, scaled so the top chunk is 1. */
  chunk: number;
}

export interface Retrieval {
  /** The question answered (`reading.text`). */
  question: string;
  /** The text actually searched: the question after spelling correction. */
  searched: string;
  queryTerms: string[];
  /** Unit-length question vector, kept for scoring further candidates. */
  queryVector: Float32Array;
  chunks: FusedChunk[];
  /** Candidate sentences, best first. */
  sentences: ScoredSentence[];
  /** Share of the question's term weight found anywhere in the corpus. */
  corpusCoverage: number;
  /** `embedMs` is the wait for the question's vector after the lexical search, which runs while a worker embeds. */
  timings: { embedMs: number; vectorMs: number; lexicalMs: number; scoreMs: number };
}

const now = () => performance.now();

export class Retriever {
  constructor(
    private readonly index: SearchIndex,
    private readonly corpus: CorpusTerms,
    readonly params: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
  ) {}

  /** Score one sentence against a question (also used for candidates that retrieval did not bring). */
  scoreSentence(doc: CorpusDocument, sentence: Sentence, queryVector: Float32Array, queryTerms: string[], chunkScore = 0, places?: Map<string, string[][]>): ScoredSentence {
    const { weights } = this.params;
    const vector = this.index.sentenceVectors.get(sentenceKey(doc.id, sentence.index));
    const semantic = vector ? dot(queryVector, vector) : 0;
    const sentenceTerms = this.corpus.termsOfSentence(doc.id, sentence.index);
    const lexical = this.corpus.coverage(queryTerms, (t) => sentenceTerms.has(t) || (places?.get(t) ?? []).some((place) => place.every((p) => sentenceTerms.has(p))));
    return {
      doc,
      sentence,
      semantic,
      lexical,
      chunk: chunkScore,
      score: weights.semantic * semantic + weights.lexical * lexical + weights.chunk * chunkScore,
    };
  }

  /** A unit-length vector of a text, as questions are embedded. */
  async embedQuestion(text: string): Promise<Float32Array> {
    return unit(await this.index.embeddings.embedQuery(text));
  }

  /** Unit-length vectors of several texts, as documents are embedded. */
  async embedTexts(texts: string[]): Promise<Float32Array[]> {
    return (await this.index.embeddings.embedDocuments(texts)).map((v) => unit(v));
  }

  /** `pendingVector`: `embedQuestion(reading.searched)`, when the caller started it before reading the rest of the question. */
  async retrieve(reading: QuestionReading, pendingVector?: Promise<Float32Array>): Promise<Retrieval> {
    const { candidates, rrfK, topChunks, weights } = this.params;
    const searched = reading.searched;
    const t0 = now();
    // The question's vector is computed in an embedding worker by default: ask for it first and run the
    // lexical search on this thread meanwhile. (On the calling thread, EMBED_WORKERS=0, the embedding
    // starts at its first await, after the lexical search: the two run one after the other.)
    const embedding = pendingVector ?? this.embedQuestion(searched);
    embedding.catch(() => undefined); // awaited below; this only stops a failure from being "unhandled" if the lexical search throws first
    const places = this.corpus.placesOf(reading.searchWords);
    const lexicalHits = this.index.lexical.query([searched, ...[...places.values()].flat(2)].join(" "), candidates);
    const t1 = now();
    const queryVector = await embedding;
    const t2 = now();
    const vectorHits = this.index.vectors.searchSync(Array.from(queryVector), candidates);
    const t3 = now();

    const fused = new Map<string, FusedChunk>();
    const entry = (chunkId: string): FusedChunk | undefined => {
      const chunk = this.index.chunkById.get(chunkId);
      if (!chunk) return undefined;
      let e = fused.get(chunkId);
      if (!e) {
        e = { chunk, fused: 0, vectorRank: null, lexicalRank: null, similarity: null, bm25: null };
        fused.set(chunkId, e);
      }
      return e;
    };
    vectorHits.forEach(([doc, similarity], rank) => {
      const e = entry(String(doc.metadata.chunkId));
      if (!e) return;
      e.vectorRank = rank + 1;
      e.similarity = similarity;
      e.fused += 1 / (rrfK + rank + 1);
    });
    lexicalHits.forEach((hit, rank) => {
      const e = entry(hit.chunkId);
      if (!e) return;
      e.lexicalRank = rank + 1;
      e.bm25 = hit.score;
      e.fused += 1 / (rrfK + rank + 1);
    });
    const chunks = [...fused.values()].sort((a, b) => b.fused - a.fused);
    const best = chunks[0]?.fused ?? 1;

    const queryTerms = reading.searchTerms;
    const scored = new Map<string, ScoredSentence>();
    for (const fc of chunks.slice(0, topChunks)) {
      const doc = this.index.documents.get(fc.chunk.docId);
      if (!doc) continue;
      for (let i = fc.chunk.firstSentence; i <= fc.chunk.lastSentence; i++) {
        const sentence = doc.sentences[i];
        if (!sentence) continue;
        const key = sentenceKey(doc.id, i);
        const chunkScore = fc.fused / best;
        const existing = scored.get(key);
        if (existing) {
          if (chunkScore > existing.chunk) {
            existing.score += weights.chunk * (chunkScore - existing.chunk);
            existing.chunk = chunkScore;
          }
          continue;
        }
        scored.set(key, this.scoreSentence(doc, sentence, queryVector, queryTerms, chunkScore, places));
      }
    }
    const sentences = [...scored.values()].sort((a, b) => b.score - a.score);
    const t4 = now();
    return {
      question: reading.text,
      searched,
      queryTerms,
      queryVector,
      chunks,
      sentences,
      corpusCoverage: this.corpus.coverage(queryTerms, (t) => this.corpus.knows(t)),
      timings: { lexicalMs: t1 - t0, embedMs: t2 - t1, vectorMs: t3 - t2, scoreMs: t4 - t3 },
    };
  }
}
