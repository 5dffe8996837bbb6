/**
 * A rule's context built from real parts (a parsed article, its corpus terms, speakers and WordNet),
 * without an embedding model: candidates are scored by the share of the question's term weight they
 * hold, unless a test gives scores (and meaning similarities) of its own.
 */
import { CorpusTerms } from "../../../src/answer/corpusTerms";
import { weighEvidence } from "../../../src/answer/evidence";
import { type AnswerPolicy, DEFAULT_ANSWER_POLICY } from "../../../src/answer/policy";
import { readQuestion } from "../../../src/answer/reading";
import type { Retrieval, ScoredSentence } from "../../../src/answer/retrieve";
import type { RuleContext } from "../../../src/answer/rules";
import { parseDocument } from "../../../src/corpus/load";
import { SpeechIndex } from "../../../src/corpus/speech";
import type { CorpusDocument, Sentence } from "../../../src/corpus/types";
import { WordNet } from "../../../src/text/wordnet";

const wordNet = new WordNet();

export interface ContextOptions {
  /** Score and cosine similarity of the sentences holding these words; the others score by shared words. */
  scores?: Record<string, { score: number; semantic?: number }>;
  policy?: Partial<AnswerPolicy>;
}

export function ruleContext(question: string, article: string, options: ContextOptions = {}): RuleContext {
  const doc = parseDocument("article", article);
  const corpus = new CorpusTerms([doc], wordNet);
  const speech = new SpeechIndex([doc]);
  const policy = { ...DEFAULT_ANSWER_POLICY, ...options.policy };
  const reading = readQuestion(question, { correctWord: (w) => corpus.correctWord(w) });
  const givenScore = (sentence: Sentence) => Object.entries(options.scores ?? {}).find(([words]) => sentence.text.includes(words))?.[1];
  const score = (d: CorpusDocument, sentence: Sentence, _vector: Float32Array, queryTerms: string[]): ScoredSentence => {
    const held = corpus.termsOfSentence(d.id, sentence.index);
    const lexical = corpus.coverage(queryTerms, (t) => held.has(t));
    const given = givenScore(sentence);
    return { doc: d, sentence, score: given?.score ?? lexical, semantic: given?.semantic ?? 0, lexical, chunk: 0 };
  };
  const sentences = doc.sentences
    .map((s) => score(doc, s, new Float32Array(), reading.searchTerms))
    .filter((s) => s.lexical > 0 || givenScore(s.sentence) !== undefined)
    .sort((a, b) => b.score - a.score);
  const retrieval: Retrieval = {
    question: reading.text,
    searched: reading.searched,
    queryTerms: reading.searchTerms,
    queryVector: new Float32Array(),
    chunks: [],
    sentences,
    corpusCoverage: corpus.coverage(reading.searchTerms, (t) => corpus.knows(t)),
    timings: { embedMs: 0, vectorMs: 0, lexicalMs: 0, scoreMs: 0 },
  };
  const evidence = weighEvidence(reading, retrieval, { corpus, speech, wordNet, policy, scoreSentence: score });
  return { reading, retrieval, evidence, corpus, speech, wordNet, policy, sentenceVector: () => undefined };
}

/** A short news article for the rules' tests. */
export const BRIDGE_ARTICLE = [
  "Harbor Bridge to close for repairs",
  "",
  "The Harbor Bridge, opened by Mayor Ann Lee in 2010, will close on March 3 for six weeks of repairs.",
  "",
  "“Nobody wants a closed bridge, but the cables are worn,” said Bob Smith, the city's transportation director. The repairs will cost $12 million.",
  "",
  "Of the 40 workers on the site, 25 are welders. Ferries will carry commuters while the bridge is closed.",
].join("\n");
