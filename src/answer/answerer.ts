/**
 * One question through the extractive path: read it, retrieve, rank the evidence, check the rules (and,
 * when it is on, let the learned judge weigh in), answer from the article's sentences. The engine uses
 * it for `ask` and `explain`, the summarizer to judge a topic.
 */
import type { AskResult } from "../contract";
import { sentenceKey } from "../corpus/types";
import type { SpeechIndex } from "../corpus/speech";
import type { WordNet } from "../text/wordnet";
import type { CorpusTerms } from "./corpusTerms";
import { weighEvidence } from "./evidence";
import { extractiveAnswer } from "./extractive";
import type { AnswerPolicy } from "./policy";
import { type QuestionReading, readQuestion, type SearchedText, searchedText } from "./reading";
import { type ShortQuestion, shortQuestionOf } from "./short";
import type { Retriever, ScoredSentence, SearchIndex } from "./retrieve";
import { allVerdicts, firstRefusal, RULES, type Refusal, type Rule, type RuleContext, type Verdict } from "./rules";

/**
 * A learned judge over what the rules saw: it may re-rank the candidates, and turn an answer into a
 * refusal or "the closest it comes" (a refusal citing one passage). See `judge/`.
 */
export interface AnswerDecider {
  decide(ctx: RuleContext, refusal: Refusal | null): { ranked: ScoredSentence[]; refusal: Refusal | null; verdict: number };
}

export interface AnswererDeps {
  corpus: CorpusTerms;
  retriever: Retriever;
  speech: SpeechIndex;
  wordNet: WordNet;
  policy: AnswerPolicy;
  sentenceVectors: SearchIndex["sentenceVectors"];
  /** The answerability rules, in order (default `RULES`). */
  rules?: readonly Rule[];
  /** Runs after the rules when set (ANSWER_JUDGE=on). */
  judge?: AnswerDecider;
}

/**
 * A question judged: everything the rules saw (the reading, retrieval, evidence, corpus …), whether and
 * why not it is answered, and how long that took.
 */
export interface Judgement extends RuleContext {
  /** What decides the answer: the first rule's refusal, or the judge's; null when the question is answered. */
  refusal: Refusal | null;
  /** The first rule's refusal alone, before any judge. */
  ruleRefusal: Refusal | null;
  /** Every rule's verdict, when asked for (`explain`); checking them all changes nothing. */
  verdicts?: Verdict[];
  /** The learned judge's verdict (0–1), when it is on. */
  judgeVerdict?: number;
  /** Milliseconds spent retrieving (wall time; its parts are in `retrieval.timings`), then ranking the evidence and judging. */
  timings: { retrieveMs: number; judgeMs: number };
}

export class QuestionAnswerer {
  private readonly rules: readonly Rule[];

  constructor(private readonly deps: AnswererDeps) {
    this.rules = deps.rules ?? RULES;
  }

  /** What `read` will search for, without the rest of the reading (see `searchedText`). */
  searchedText(input: string, options: { history?: string[]; whole?: boolean } = {}): SearchedText {
    return searchedText(input, { ...options, correctWord: (word) => this.deps.corpus.correctWord(word) });
  }

  /** The question read once, misspellings corrected against the corpus; `searched` from `searchedText` with the same input and options. */
  read(input: string, options: { history?: string[]; whole?: boolean } = {}, searched?: SearchedText): QuestionReading {
    return readQuestion(input, { ...options, correctWord: (word) => this.deps.corpus.correctWord(word) }, searched);
  }

  /**
   * `learned: false` leaves the learned judge out (summary topics: it was trained on questions);
   * `queryVector`: the embedding of `reading.searched`, when the caller started it early.
   */
  async judge(reading: QuestionReading, options: { allVerdicts?: boolean; learned?: boolean; queryVector?: Promise<Float32Array> } = {}): Promise<Judgement> {
    const retrieveStarted = performance.now();
    const retrieval = await this.deps.retriever.retrieve(reading, options.queryVector);
    const startedAt = performance.now();
    const { corpus, speech, wordNet, policy, sentenceVectors, retriever, judge } = this.deps;
    const evidence = weighEvidence(reading, retrieval, { corpus, speech, wordNet, policy, scoreSentence: (...args) => retriever.scoreSentence(...args) });
    const ctx: RuleContext = {
      reading,
      retrieval,
      evidence,
      corpus,
      speech,
      wordNet,
      policy,
      sentenceVector: (s) => sentenceVectors.get(sentenceKey(s.doc.id, s.sentence.index)),
    };
    const verdicts = options.allVerdicts ? allVerdicts(ctx, this.rules) : undefined;
    const ruleRefusal = verdicts ? (verdicts.find((v) => v.refusal !== null)?.refusal ?? null) : firstRefusal(ctx, this.rules);
    const decided = options.learned === false ? undefined : judge?.decide(ctx, ruleRefusal);
    const judged = decided ? { evidence: { ...evidence, ranked: decided.ranked }, refusal: decided.refusal, judgeVerdict: decided.verdict } : { refusal: ruleRefusal };
    const timings = { retrieveMs: startedAt - retrieveStarted, judgeMs: performance.now() - startedAt };
    return { ...ctx, ruleRefusal, ...(verdicts ? { verdicts } : {}), ...judged, timings };
  }

  /** The extractive answer to a judged question: the refusal, or the best sentences with their citations. */
  answer(judgement: Judgement, startedAt: number): AskResult {
    return extractiveAnswer({ question: judgement.reading.input, asked: this.shortQuestion(judgement.reading), ...judgement }, this.deps.corpus, this.deps.policy, startedAt);
  }

  /** What a short answer is picked for (`short.ts`), with WordNet and the corpus's people to tell places from people. */
  shortQuestion(reading: QuestionReading): ShortQuestion {
    return shortQuestionOf(reading, {
      isPlace: (name) => this.deps.wordNet.isKindOf(name, "location", 8),
      isPerson: (name) => this.deps.speech.namesPerson(name),
    });
  }
}
