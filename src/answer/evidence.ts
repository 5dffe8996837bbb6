/**
 * The candidate sentences for a question, ranked for answering: a speaker's own sentences when the
 * question asks what a person said, else the retrieved ones, those giving the asked kind of answer
 * first. Ranking only; whether they answer is for the rules (`rules/`).
 */
import type { SpeechIndex } from "../corpus/speech";
import type { WordNet } from "../text/wordnet";
import { type AnswerKindMatch, matchAnswerKind } from "./answerKind";
import type { CorpusTerms } from "./corpusTerms";
import type { AnswerPolicy } from "./policy";
import type { QuestionReading } from "./reading";
import type { Retrieval, Retriever, ScoredSentence } from "./retrieve";

/** Scores one sentence against the question, as retrieval scores its candidates (`Retriever.scoreSentence`). */
export type SentenceScorer = (...args: Parameters<Retriever["scoreSentence"]>) => ScoredSentence;

export interface Evidence {
  /**
   * "What did X say": the person the question means, when the corpus tells (a name, or the person a role
   * names), and how many of their sentences there are. Only those sentences are then candidates.
   */
  speaker: { person: string; sentences: number } | null;
  /** The candidates as retrieval ranked them. */
  retrieved: ScoredSentence[];
  /** The candidates with the answer-kind bonus (the same as `retrieved` for open questions and speakers). */
  typed: ScoredSentence[];
  /** The final order, best first: the answer sentence leads. */
  ranked: ScoredSentence[];
  /** What the question asks for, read once and shared with the rules and the citation choice; null for open questions. */
  match: AnswerKindMatch | null;
}

export interface EvidenceDeps {
  corpus: CorpusTerms;
  scoreSentence: SentenceScorer;
  speech: SpeechIndex;
  wordNet: WordNet;
  policy: AnswerPolicy;
}

export function weighEvidence(reading: QuestionReading, retrieval: Retrieval, deps: EvidenceDeps): Evidence {
  const match = matchAnswerKind(reading, deps.corpus, deps.wordNet);
  // "What did Bukele say" and "what did the mayor say" are about a person; "what did the DHS official
  // say" is about a role the article gives no one, answered by search.
  const person = reading.speech ? deps.speech.resolvePerson(reading.speech.who) : null;
  if (person !== null) {
    // Only what this person said can answer; rank it against the whole question.
    const ranked = deps.speech
      .sentencesFor(person)
      .map((s) => deps.scoreSentence(s.doc, s.sentence, retrieval.queryVector, retrieval.queryTerms))
      .sort((a, b) => b.score - a.score);
    return { speaker: { person, sentences: ranked.length }, retrieved: retrieval.sentences, typed: ranked, ranked, match };
  }
  if (!match) return { speaker: null, retrieved: retrieval.sentences, typed: retrieval.sentences, ranked: retrieval.sentences, match };
  const { answerTypeBonus, typedLeadRatio, typedLeadWindow } = deps.policy;
  // The bonus goes by the stricter reading when there is one (a new person's name, a country for "which
  // countries"); refusing (rules/answerType) goes by the looser one, so a name the dictionary happens to know is not refused.
  const typed = retrieval.sentences.map((s) => (match.names(s) ? { ...s, score: s.score + answerTypeBonus } : s)).sort((a, b) => b.score - a.score);
  // The answer sentence should be one that gives what was asked for: "which president …" is answered by
  // the sentence naming one, when it scores close to a better-matching sentence that names none.
  let ranked = typed;
  const lead = typed[0];
  if (lead && !match.names(lead)) {
    const naming = typed.slice(1, 1 + typedLeadWindow).find((s) => match.names(s) && s.score >= lead.score * typedLeadRatio);
    if (naming) ranked = [naming, ...typed.filter((s) => s !== naming)];
  }
  return { speaker: null, retrieved: retrieval.sentences, typed, ranked, match };
}
