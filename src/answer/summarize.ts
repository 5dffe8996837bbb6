/**
 * Extractive summaries: centroid scoring for centrality, MMR for variety, bullets in article order.
 *
 * Each sentence is scored by its similarity to its document's centroid (what the article is mostly
 * about), with a small bonus for the lead paragraph (news puts the essentials first). MMR then picks
 * sentences that are central but not redundant with those already picked. With a topic, retrieval
 * first narrows the candidates, and the same refusal rule as `ask` applies: no summary of something else.
 */
import { type CorpusDocument, type Sentence, sentenceKey } from "../corpus/types";
import { SUMMARY_BULLETS, type SummaryBullet, type SummaryLength, type SummaryResult } from "../contract";
import type { QuestionAnswerer } from "./answerer";
import { citationAt } from "./citations";
import { elapsedMs } from "./elapsed";
import { dot, unit } from "../index/vectors";

export interface SummaryPolicy {
  /** MMR trade-off: 1 is pure centrality, 0 pure novelty. */
  lambda: number;
  leadBonus: number;
  /** Weight of topic relevance against centrality when a topic is given. */
  topicWeight: number;
  /** Bonus per specific detail (a number, a date, a named person or place, a quotation), up to three. */
  detailBonus: number;
  /** With a topic, the candidates are the sentences scoring at least this share of the best one on it. */
  topicShare: number;
}

export const DEFAULT_SUMMARY_POLICY: SummaryPolicy = { lambda: 0.6, leadBonus: 0.08, topicWeight: 0.7, detailBonus: 0.12, topicShare: 0.75 };

const DETAILS = /\d[\d,.]*|[“"][^”"]{12,}[”"]|(?<=\S\s)\p{Lu}[\p{L}'’-]+(?:\s+(?:de\s+)?\p{Lu}[\p{L}'’-]+)*/gu;

/**
 * How many specific details a sentence carries: a summary of facts beats a summary of framing.
 * Capitalised words count only after the first word (every sentence starts with one).
 */
export function detailCount(text: string): number {
  return Math.min(3, text.match(DETAILS)?.length ?? 0);
}

interface Candidate {
  doc: CorpusDocument;
  sentence: Sentence;
  vector: Float32Array;
  relevance: number;
}

function centroid(vectors: Float32Array[]): Float32Array {
  const dims = vectors[0]?.length ?? 0;
  const c = new Float32Array(dims);
  for (const v of vectors) for (let i = 0; i < dims; i++) c[i] = (c[i] ?? 0) + (v[i] ?? 0);
  return unit(c);
}

/** Maximal marginal relevance: greedily take the candidate most relevant and least like those taken. */
export function selectMmr<T extends { vector: Float32Array; relevance: number }>(candidates: T[], count: number, lambda: number): T[] {
  const chosen: T[] = [];
  const pool = [...candidates];
  while (chosen.length < count && pool.length > 0) {
    let bestIndex = 0;
    let bestValue = -Infinity;
    pool.forEach((c, i) => {
      const redundancy = chosen.length === 0 ? 0 : Math.max(...chosen.map((x) => dot(x.vector, c.vector)));
      const value = lambda * c.relevance - (1 - lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        bestIndex = i;
      }
    });
    chosen.push(...pool.splice(bestIndex, 1));
  }
  return chosen;
}

/** What summaries read: the documents and their unit-length sentence vectors (keyed by `sentenceKey`). */
export interface SummarySource {
  documents: CorpusDocument[];
  sentenceVectors: ReadonlyMap<string, Float32Array>;
}

export class Summarizer {
  constructor(
    private readonly source: SummarySource,
    /** Judges a topic as `ask` judges a question: no summary of something the article does not cover. */
    private readonly answerer: QuestionAnswerer,
    private readonly policy: SummaryPolicy = DEFAULT_SUMMARY_POLICY,
  ) {}

  /** Centrality scores depend only on the index: computed on the first summary, then reused. */
  private central: Candidate[] | undefined;

  private centralityCandidates(): Candidate[] {
    this.central ??= this.source.documents.flatMap((doc) => {
      const vectors = doc.sentences.map((s) => this.source.sentenceVectors.get(sentenceKey(doc.id, s.index)) ?? new Float32Array());
      const center = centroid(vectors);
      return doc.sentences.map((sentence, i) => {
        const vector = vectors[i] ?? new Float32Array();
        const relevance = dot(vector, center) + (sentence.paragraph === 1 ? this.policy.leadBonus : 0) + this.policy.detailBonus * detailCount(sentence.text);
        return { doc, sentence, vector, relevance };
      });
    });
    return this.central;
  }

  async summarize(options: { topic?: string; length: SummaryLength }): Promise<SummaryResult> {
    const startedAt = performance.now();
    const count = SUMMARY_BULLETS[options.length];
    let candidates = this.centralityCandidates();
    let found = true;

    if (options.topic !== undefined) {
      // By the rules alone: the learned judge was trained on questions, not topics.
      const { evidence, refusal } = await this.answerer.judge(this.answerer.read(options.topic, { whole: true }), { learned: false });
      const best = evidence.ranked[0]?.score ?? 0;
      const onTopic = new Map(
        evidence.ranked.filter((s) => s.score >= best * this.policy.topicShare).map((s) => [sentenceKey(s.doc.id, s.sentence.index), s.score / (best || 1)]),
      );
      found = refusal === null && onTopic.size > 0;
      candidates = found
        ? candidates
            .filter((c) => onTopic.has(sentenceKey(c.doc.id, c.sentence.index)))
            .map((c) => ({ ...c, relevance: this.policy.topicWeight * (onTopic.get(sentenceKey(c.doc.id, c.sentence.index)) ?? 0) + (1 - this.policy.topicWeight) * c.relevance }))
        : [];
    }

    const chosen = selectMmr(candidates, count, this.policy.lambda).sort((a, b) =>
      a.doc.id === b.doc.id ? a.sentence.start - b.sentence.start : a.doc.id.localeCompare(b.doc.id),
    );
    const bullets: SummaryBullet[] = chosen.map((c) => ({
      text: c.sentence.text.replace(/\s+/g, " "),
      citations: [citationAt(c.doc, c.sentence.start, c.sentence.end)],
    }));
    const docIds = new Set(chosen.map((c) => c.doc.id));
    const documents = this.source.documents
      .filter((d) => docIds.has(d.id) || (!found && options.topic === undefined))
      .map((d) => ({ id: d.id, title: d.title, paragraphs: d.paragraphs.length, sentences: d.sentences.length }));
    return {
      topic: options.topic ?? null,
      length: options.length,
      bullets,
      documents,
      mode: "extractive",
      ms: elapsedMs(startedAt),
      found,
    };
  }
}
