/**
 * Extractive answers: built only from the article's own sentences, with their offsets.
 *
 * The best-ranked sentence answers; a second one joins when it covers question words the first lacks
 * (several-fact questions). When a rule refuses (`rules/`), the answer is its message and no citation
 * (a loosely related quote is worse than none), unless the refusal names the passage that comes closest. The thresholds live in `AnswerPolicy`.
 */
import type { AskResult } from "../contract";
import { citationAt, dedupeCitations } from "./citations";
import type { CorpusTerms } from "./corpusTerms";
import { elapsedMs } from "./elapsed";
import type { Evidence } from "./evidence";
import type { AnswerPolicy } from "./policy";
import type { Retrieval, ScoredSentence } from "./retrieve";
import type { Refusal } from "./rules";
import { citedShortAnswer, type ShortQuestion } from "./short";

/** Pick the answer sentences: the best, plus one that covers question terms the best lacks. */
function answerSentences(ranked: ScoredSentence[], corpus: CorpusTerms, queryTerms: string[], policy: AnswerPolicy): ScoredSentence[] {
  const best = ranked[0];
  if (!best) return [];
  const chosen = [best];
  const covered = new Set(corpus.termsOfSentence(best.doc.id, best.sentence.index));
  const missing = queryTerms.filter((t) => !covered.has(t) && corpus.knows(t));
  if (missing.length > 0) {
    const complement = ranked
      .slice(1, 1 + policy.complementWindow)
      .find((s) => s.score >= best.score * policy.citationRatio * policy.complementShare && missing.some((t) => corpus.termsOfSentence(s.doc.id, s.sentence.index).has(t)));
    if (complement) chosen.push(complement);
  }
  return chosen;
}

/**
 * Further citations, best first: sentences that add what the answer lacks (question words it does not
 * cover first, then another answer of the asked type, as in "which presidents …"), then other strong sentences.
 */
function supportingSentences(evidence: Evidence, chosen: ScoredSentence[], corpus: CorpusTerms, queryTerms: string[], policy: AnswerPolicy): ScoredSentence[] {
  const { ranked, match } = evidence;
  const best = ranked[0]?.score ?? 0;
  const covered = new Set(chosen.flatMap((s) => [...corpus.termsOfSentence(s.doc.id, s.sentence.index)]));
  const addsWords = (s: ScoredSentence): boolean => queryTerms.some((t) => !covered.has(t) && corpus.termsOfSentence(s.doc.id, s.sentence.index).has(t));
  const value = (s: ScoredSentence): number => (addsWords(s) ? 2 : 0) + (match?.names(s) ? 1 : 0);
  const pool = ranked.filter((s) => !chosen.includes(s));
  const complementing = pool.filter((s) => s.score >= best * policy.citationRatio * policy.complementShare && value(s) > 0).sort((a, b) => value(b) - value(a));
  const strong = pool.filter((s) => s.score >= best * policy.citationRatio);
  return [...complementing, ...strong];
}

export interface ExtractiveInput {
  /** The question as asked (shown back to the user). */
  question: string;
  retrieval: Retrieval;
  evidence: Evidence;
  refusal: Refusal | null;
  /** What a short answer is picked for (see `short.ts`). */
  asked: ShortQuestion;
}

export function extractiveAnswer(input: ExtractiveInput, corpus: CorpusTerms, policy: AnswerPolicy, startedAt: number): AskResult {
  const { question, retrieval, evidence, refusal } = input;
  if (refusal) {
    const closest = refusal.closest ? [citationAt(refusal.closest.doc, refusal.closest.sentence.start, refusal.closest.sentence.end)] : [];
    // A refusal has no short answer, even when it cites the closest passage: that passage does not answer.
    return { question, answerable: false, answer: refusal.message, citations: closest, short: null, mode: "extractive", ms: elapsedMs(startedAt) };
  }
  const chosen = answerSentences(evidence.ranked, corpus, retrieval.queryTerms, policy);
  const cited = [...chosen, ...supportingSentences(evidence, chosen, corpus, retrieval.queryTerms, policy)];
  const citations = dedupeCitations(cited.map((s) => citationAt(s.doc, s.sentence.start, s.sentence.end))).slice(0, policy.maxCitations);
  const answer = chosen
    .slice()
    .sort((a, b) => (a.doc.id === b.doc.id ? a.sentence.start - b.sentence.start : 0))
    .map((s) => s.sentence.text.replace(/\s+/g, " "))
    .join(" ");
  // The first citation is the best sentence's (dedupe keeps the first): the short answer is read from it.
  const best = chosen[0];
  const short = best ? citedShortAnswer(best.doc, citations[0], input.asked) : null;
  return { question, answerable: true, answer, citations, short, mode: "extractive", ms: elapsedMs(startedAt) };
}
