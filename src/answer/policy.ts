/**
 * The thresholds of extractive answering, in one object with documented defaults. Tuned on the
 * evaluation sets pooled (`scripts/tune.ts`, `npm run eval`), never on single questions.
 */
export interface AnswerPolicy {
  /** A question whose best sentence scores below this is not answered… */
  minScore: number;
  /** …and neither is one whose words the corpus mostly does not use (share of IDF weight)… */
  minCorpusCoverage: number;
  /** …unless the best sentence's meaning is at least this close (paraphrases share few words). */
  strongSemantic: number;
  /** Further citations must score at least this share of the best one. */
  citationRatio: number;
  maxCitations: number;
  /** Added to the score of a sentence that offers the kind of answer asked for (a date for "when"). */
  answerTypeBonus: number;
  /** How many of the best sentences must include one that offers it, or the question is refused. */
  answerTypeWindow: number;
  /** How many of the best sentences may account for what the question asks about (see `rules/ungroundedFocus`). */
  groundingWindow: number;
  /** A sentence giving the asked kind of answer leads when it scores at least this share of a best one that does not… */
  typedLeadRatio: number;
  /** …and is one of this many sentences after the best. */
  typedLeadWindow: number;
  /** A second answer sentence, covering question words the best lacks, is one of this many after the best… */
  complementWindow: number;
  /**
   * …scoring at least this share of the citation bar (`citationRatio` of the best); so may further
   * citations that add what the answer lacks.
   */
  complementShare: number;
  /**
   * A name the corpus uses in at most this many sentences is mentioned in passing: asked about away from
   * the best passage's paragraph, it refuses (see `rules/distantName`; set on the news training articles).
   */
  passingMentions: number;
  /**
   * "What did X say about Y": Y is judged when it has at least this many words the article uses, and
   * refused when X's sentences hold less than this share of their IDF weight (see `rules/speakerOffTopic`).
   */
  speakerTopicMinTerms: number;
  speakerTopicCoverage: number;
}

export const DEFAULT_ANSWER_POLICY: AnswerPolicy = {
  minScore: 0.33,
  minCorpusCoverage: 0,
  strongSemantic: 0.6,
  citationRatio: 0.8,
  maxCitations: 3,
  answerTypeBonus: 0.1,
  answerTypeWindow: 2,
  groundingWindow: 3,
  typedLeadRatio: 0.85,
  typedLeadWindow: 2,
  complementWindow: 5,
  complementShare: 0.85,
  passingMentions: 2,
  speakerTopicMinTerms: 2,
  speakerTopicCoverage: 0.34,
};
