/**
 * What an answerability rule sees and says. A rule is one small check, `check(ctx) → Refusal | null`:
 * null lets the question through, a refusal carries the message the user sees. The list and its order
 * are in `index.ts`.
 */
import type { SpeechIndex } from "../../corpus/speech";
import type { WordNet } from "../../text/wordnet";
import type { CorpusTerms } from "../corpusTerms";
import type { Evidence } from "../evidence";
import type { AnswerPolicy } from "../policy";
import type { QuestionReading } from "../reading";
import type { Retrieval, ScoredSentence } from "../retrieve";

export interface Refusal {
  /** The id of the rule that refused. */
  rule: string;
  /** What the user is told: "The article doesn't …". */
  message: string;
  /** A passage that comes close without answering, cited under the message ("the closest it comes"). */
  closest?: ScoredSentence;
}

export interface RuleContext {
  /** The question, read once. */
  reading: QuestionReading;
  /**
   * What retrieval found: the fused chunks (vector similarity and rank, BM25 score and rank, fused score),
   * the candidate sentences scored (`semantic` cosine, `lexical` IDF coverage, `chunk` fused, `score`
   * combined), the question vector and terms, the corpus coverage of its terms.
   */
  retrieval: Retrieval;
  /** The candidates as ranked for answering, and the answer-kind matcher. */
  evidence: Evidence;
  /** The corpus word by word; its documents give every sentence and its neighbours (`sentences[i ± 1]`). */
  corpus: CorpusTerms;
  /** Who says what in the corpus. */
  speech: SpeechIndex;
  /** Unit-length vector of a candidate sentence (for comparing meaning with `retrieval.queryVector`). */
  sentenceVector(s: ScoredSentence): Float32Array | undefined;
  wordNet: WordNet;
  policy: AnswerPolicy;
}

export interface Rule {
  /** Short and stable: shown by `explain` and in logs. */
  readonly id: string;
  check(ctx: RuleContext): Refusal | null;
}

/** The default refusal, when no rule has a more precise thing to say. */
export const NOT_ANSWERED = "The article doesn't say. Nothing in it answers that question.";

/**
 * True when the candidates are a speaker's own sentences ("what did Bukele say"): they answer by who said
 * them, and the rules that judge search results do not apply.
 */
export function judgedBySpeaker(ctx: RuleContext): boolean {
  return ctx.evidence.speaker !== null;
}
