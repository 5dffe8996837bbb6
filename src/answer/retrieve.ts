/**
 * Hybrid retrieval: HNSW vector search and BM25 over chunks, fused by reciprocal-rank fusion, then
 * every sentence of the best chunks scored against the question (meaning, shared words, chunk rank).
 */
import type { CorpusDocument, Sentence } from "../corpus/types";
import type { Chunk } from "../index/chunk";
import { type ArticleIndex, sentenceKey } from "../index/store";
import { SpellingCorrector } from "../text/spelling";
import { capitalisedInside, foldText, isStopword, termOf, terms, words } from "../text/tokens";
import { wordNet } from "../text/wordnet";
import { dot, unit } from "../index/vectors";

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

export interface FusedChunk {
  chunk: Chunk;
  fused: number;
  vectorRank: number | null;
  lexicalRank: number | null;
  similarity: number | null;
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
  question: string;
  /** The text actually searched: the question after spelling correction. */
  searched: string;
  queryTerms: string[];
  /** Unit-length question vector, kept for scoring further candidates. */
  queryVector: Float32Array;
  chunks: FusedChunk[];
  sentences: ScoredSentence[];
  /** Share of the question's term weight found anywhere in the corpus. */
  corpusCoverage: number;
  timings: { embedMs: number; vectorMs: number; lexicalMs: number; scoreMs: number };
}

const now = () => performance.now();

export class Retriever {
  /** Terms of each sentence, and document frequency of each term over sentences (for IDF). */
  private readonly sentenceTerms = new Map<string, Set<string>>();
  private readonly documentFrequency = new Map<string, number>();
  private readonly sentenceCount: number;
  private readonly spelling: SpellingCorrector;
  private readonly vocabulary = new Set<string>();

  constructor(
    readonly index: ArticleIndex,
    readonly params: RetrievalParams = DEFAULT_RETRIEVAL_PARAMS,
  ) {
    let count = 0;
    const vocabulary = this.vocabulary;
    for (const doc of index.corpus.documents) {
      for (const sentence of doc.sentences) {
        for (const word of words(sentence.text)) vocabulary.add(word);
        // "U.S." is also written "US": keep dotted abbreviations without their dots too.
        for (const abbreviation of sentence.text.matchAll(/(?:\p{L}\.){2,}/gu)) vocabulary.add(foldText(abbreviation[0]).replace(/\./g, ""));
        const set = new Set(terms(sentence.text));
        this.sentenceTerms.set(sentenceKey(doc.id, sentence.index), set);
        for (const t of set) this.documentFrequency.set(t, (this.documentFrequency.get(t) ?? 0) + 1);
        count++;
      }
    }
    this.sentenceCount = count;
    this.spelling = new SpellingCorrector(vocabulary);
  }

  /**
   * Capitalised words inside a question (not the first word of a sentence) that the corpus never uses,
   * even after spelling correction: names of people, places or things the article does not mention.
   */
  unknownNames(question: string): string[] {
    const names: string[] = [];
    for (const capitalised of capitalisedInside(question)) {
      const word = capitalised.replace(/['’]s$/u, "");
      for (const folded of words(word)) {
        if (!this.vocabulary.has(folded) && !this.vocabulary.has(this.spelling.correct(folded)) && !isStopword(folded)) names.push(word);
      }
    }
    return [...new Set(names)];
  }

  /** The question with misspelled words replaced by the corpus words they most likely mean. */
  correctSpelling(question: string): string {
    const original = words(question);
    const corrected = original.map((w) => this.spelling.correct(w));
    return corrected.some((w, i) => w !== original[i]) ? corrected.join(" ") : question;
  }

  /** Inverse document frequency over sentences; a term the corpus never uses weighs most. */
  idf(term: string): number {
    return Math.log(1 + this.sentenceCount / ((this.documentFrequency.get(term) ?? 0) + 0.5));
  }

  /** True when the corpus uses the term (after folding and stemming). */
  knows(term: string): boolean {
    return this.documentFrequency.has(term);
  }

  termsOfSentence(docId: string, sentenceIndex: number): Set<string> {
    return this.sentenceTerms.get(sentenceKey(docId, sentenceIndex)) ?? new Set();
  }

  /** Share of the query's IDF weight whose terms appear in `present`. */
  coverage(queryTerms: string[], present: (term: string) => boolean): number {
    let total = 0;
    let found = 0;
    for (const t of new Set(queryTerms)) {
      const w = this.idf(t);
      total += w;
      if (present(t)) found += w;
    }
    return total === 0 ? 0 : found / total;
  }

  /**
   * Places the question's demonyms stand for, when the corpus names them: "Mexican" → Mexico,
   * "Salvadoran" → El Salvador (WordNet pertainyms). Keyed by the demonym's term; each place is the list
   * of its terms, all of which a sentence must hold.
   */
  placesOf(question: string): Map<string, string[][]> {
    const out = new Map<string, string[][]>();
    for (const word of new Set(words(question))) {
      const term = termOf(word);
      if (term === null || out.has(term)) continue;
      const places = wordNet()
        .pertainsTo(word)
        .map((place) => terms(place))
        .filter((placeTerms) => placeTerms.length > 0 && placeTerms.every((t) => this.knows(t)));
      if (places.length > 0) out.set(term, places);
    }
    return out;
  }

  /** Score one sentence against a question (also used for candidates that retrieval did not bring). */
  scoreSentence(doc: CorpusDocument, sentence: Sentence, queryVector: Float32Array, queryTerms: string[], chunkScore = 0, places?: Map<string, string[][]>): ScoredSentence {
    const { weights } = this.params;
    const vector = this.index.sentenceVectors.get(sentenceKey(doc.id, sentence.index));
    const semantic = vector ? dot(queryVector, vector) : 0;
    const sentenceTerms = this.termsOfSentence(doc.id, sentence.index);
    const lexical = this.coverage(queryTerms, (t) => sentenceTerms.has(t) || (places?.get(t) ?? []).some((place) => place.every((p) => sentenceTerms.has(p))));
    return {
      doc,
      sentence,
      semantic,
      lexical,
      chunk: chunkScore,
      score: weights.semantic * semantic + weights.lexical * lexical + weights.chunk * chunkScore,
    };
  }

  async embedQuestion(question: string): Promise<Float32Array> {
    return unit(await this.index.embedding.embeddings.embedQuery(question));
  }

  async retrieve(question: string): Promise<Retrieval> {
    const searched = this.correctSpelling(question);
    const t0 = now();
    const queryVector = await this.embedQuestion(searched);
    const embedMs = now() - t0;
    const retrieval = this.retrieveWithVector(searched, queryVector);
    return { ...retrieval, question, searched, timings: { ...retrieval.timings, embedMs } };
  }

  /** Everything after the query embedding: synchronous, so it can be measured on its own. */
  retrieveWithVector(question: string, queryVector: Float32Array): Retrieval {
    const { candidates, rrfK, topChunks, weights } = this.params;
    const t0 = now();
    const vectorHits = this.index.vectors.searchSync(Array.from(queryVector), candidates);
    const t1 = now();
    const places = this.placesOf(question);
    const lexicalHits = this.index.lexical.query([question, ...[...places.values()].flat(2)].join(" "), candidates);
    const t2 = now();

    const fused = new Map<string, FusedChunk>();
    const entry = (chunkId: string): FusedChunk | undefined => {
      const chunk = this.index.chunkById.get(chunkId);
      if (!chunk) return undefined;
      let e = fused.get(chunkId);
      if (!e) {
        e = { chunk, fused: 0, vectorRank: null, lexicalRank: null, similarity: null };
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
      e.fused += 1 / (rrfK + rank + 1);
    });
    const chunks = [...fused.values()].sort((a, b) => b.fused - a.fused);
    const best = chunks[0]?.fused ?? 1;

    const queryTerms = terms(question);
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
    const t3 = now();
    return {
      question,
      searched: question,
      queryTerms,
      queryVector,
      chunks,
      sentences,
      corpusCoverage: this.coverage(queryTerms, (t) => this.knows(t)),
      timings: { embedMs: 0, vectorMs: t1 - t0, lexicalMs: t2 - t1, scoreMs: t3 - t2 },
    };
  }
}
