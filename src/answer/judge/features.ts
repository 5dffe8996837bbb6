/**
 * What the answer judge sees of a question and one candidate sentence: numbers the engine computes
 * offline, in a fixed order (`FEATURES`), the same at training time (`npm run train`) and when answering.
 *
 * The vectors alone do not see an entity swap, a negation or a missing detail; what separates those is
 * alignment: which of the question's content words, names and numbers the sentence (or its neighbours)
 * holds, by form and stem or through a word WordNet relates to it, and which it does not — weighted by how
 * rare they are, and whether the unmatched one is what the question asks about.
 */
import type { CorpusDocument } from "../../corpus/types";
import { isNegated } from "../../text/negation";
import { termOf, terms } from "../../text/tokens";
import type { CorpusTerms } from "../corpusTerms";
import type { ScoredSentence } from "../retrieve";
import type { Refusal, RuleContext } from "../rules";

/** How many candidate sentences the judge scores per question. */
export const CANDIDATES = 6;

export const FEATURES = [
  "score", "semantic", "lexical", "chunk", "rank", "top", "gapBest", "gapNext", "semGapBest",
  "covSyn", "covWindow", "covWindowSyn", "unmatchedMaxIdf", "unmatchedKnown", "unmatchedUnknown", "unmatchedCount",
  "namesUnmatched", "namesUnmatchedKnown", "namesInNeighbourOnly", "numbersUnmatched", "focusUnmatched", "kindUnmatched",
  "qNeg", "sNeg", "negOneSide", "antonym", "typeAsked", "typeOffered", "typeNamed", "typeMissing",
  "rulesAnswer", "ruleUnknownName", "ruleUngrounded", "ruleNoType", "ruleSpeech", "ruleWeak", "corpusCoverage",
  "qLen", "sLen", "whWho", "whWhen", "whWhere", "whHowMany", "whWhy", "whHow", "whWhich", "whWhat", "whYesNo",
  "semXlex", "bestSemantic", "bestLexical",
] as const;

export type FeatureName = (typeof FEATURES)[number];

/** What the rules saw, and the first rule's refusal (null: the rules would answer). */
export interface JudgeInput {
  ctx: RuleContext;
  refusal: Refusal | null;
}

interface QuestionWord {
  term: string;
  idf: number;
  name: boolean;
  number: boolean;
  focus: boolean;
  /** Terms of the single-word lemmas WordNet relates to the word (synonyms, derivations, one step away). */
  related: string[];
  antonyms: string[];
}

interface QuestionWords {
  words: QuestionWord[];
  totalIdf: number;
  maxIdf: number;
  kind: string[] | null;
  negated: boolean;
  wh: Record<"who" | "when" | "where" | "howMany" | "why" | "how" | "which" | "what" | "yesNo", boolean>;
}

function relatedTerms(word: string, lookUp: (w: string) => string[]): string[] {
  const out = new Set<string>();
  for (const lemma of lookUp(word)) {
    if (lemma.includes(" ")) continue;
    const t = termOf(lemma);
    if (t !== null) out.add(t);
  }
  return [...out];
}

/** The question's words as the judge weighs them, from the engine's reading of it. */
function readWords({ reading, corpus, wordNet }: RuleContext): QuestionWords {
  const names = new Set(reading.names.flatMap((n) => n.terms));
  const focusTerms = new Set(reading.focus.flatMap((w) => terms(w)));
  const seen = new Set<string>();
  const out: QuestionWord[] = [];
  for (const word of reading.searchWords) {
    const term = termOf(word);
    if (term === null || seen.has(term)) continue;
    seen.add(term);
    const number = /^\d/.test(term);
    const name = names.has(term);
    out.push({
      term,
      idf: corpus.idf(term),
      name,
      number,
      focus: focusTerms.has(term),
      related: number || name ? [] : relatedTerms(word, (w) => wordNet.related(w)),
      antonyms: number || name ? [] : relatedTerms(word, (w) => wordNet.antonyms(w)),
    });
  }
  const totalIdf = out.reduce((a, w) => a + w.idf, 0);
  return {
    words: out,
    totalIdf,
    maxIdf: out.reduce((a, w) => Math.max(a, w.idf), 0),
    kind: reading.which === null ? null : terms(reading.which),
    negated: reading.negated,
    wh: reading.asks,
  };
}

/** Which hand-written rule refused, if one did. */
function ruleVerdict(refusal: Refusal | null): Record<"unknown" | "ungrounded" | "noType" | "speech" | "weak", boolean> {
  const rule = refusal?.rule;
  return {
    unknown: rule === "unknown-name",
    ungrounded: rule === "ungrounded-focus",
    noType: rule === "answer-type" || rule === "unnamed-subset",
    speech: rule === "speaker-silent",
    weak: rule === "weak-evidence" || rule === "no-candidates",
  };
}

/**
 * The ranking the deciding rule looked at: retrieval's for the rules that judge before any ranking (and
 * for a speaker who said nothing: there are no sentences of theirs), the one with the answer-type bonus
 * for the answer-type rule, the final one otherwise.
 */
export function judgedRanking({ ctx, refusal }: JudgeInput): ScoredSentence[] {
  switch (refusal?.rule) {
    case "speaker-silent":
    case "unknown-name":
    case "ungrounded-focus":
    case "unnamed-subset":
      return ctx.evidence.retrieved;
    case "answer-type":
      return ctx.evidence.typed;
    default:
      return ctx.evidence.ranked.length > 0 ? ctx.evidence.ranked : ctx.retrieval.sentences;
  }
}

/** The candidate sentences the judge scores: the best of `judgedRanking`. */
export function candidatesOf(input: JudgeInput): ScoredSentence[] {
  return judgedRanking(input).slice(0, CANDIDATES);
}

function sentenceTerms(corpus: CorpusTerms, doc: CorpusDocument, index: number): Set<string> {
  return index >= 0 && index < doc.sentences.length ? corpus.termsOfSentence(doc.id, index) : new Set();
}

/** One row of `FEATURES` per candidate, best first (as `candidatesOf` returns them). */
export function featureRows(input: JudgeInput, candidates = candidatesOf(input)): number[][] {
  const { retrieval, evidence, corpus } = input.ctx;
  const q = readWords(input.ctx);
  const rules = ruleVerdict(input.refusal);
  const best = candidates[0];
  const reading = evidence.match;
  const share = (ws: QuestionWord[]) => (q.totalIdf === 0 ? 0 : ws.reduce((a, w) => a + w.idf, 0) / q.totalIdf);
  return candidates.map((s, rank) => {
    const own = corpus.termsOfSentence(s.doc.id, s.sentence.index);
    const prev = sentenceTerms(corpus, s.doc, s.sentence.index - 1);
    const next = sentenceTerms(corpus, s.doc, s.sentence.index + 1);
    const inWindow = (t: string) => own.has(t) || prev.has(t) || next.has(t);
    const bySyn = (w: QuestionWord, has: (t: string) => boolean) => has(w.term) || w.related.some(has);
    const synMatched = q.words.filter((w) => bySyn(w, (t) => own.has(t)));
    const unmatched = q.words.filter((w) => !bySyn(w, (t) => own.has(t)));
    const windowMatched = q.words.filter((w) => inWindow(w.term));
    const windowSynMatched = q.words.filter((w) => bySyn(w, inWindow));
    const unmatchedWindow = q.words.filter((w) => !bySyn(w, inWindow));
    const names = q.words.filter((w) => w.name);
    const namesUnmatched = names.filter((w) => !own.has(w.term));
    const negS = isNegated(s.sentence.text);
    const antonym = q.words.some((w) => !own.has(w.term) && w.antonyms.some((a) => own.has(a)));
    const nextScore = candidates[rank + 1]?.score ?? 0;
    // A part never named ("how many of them were women") cannot be counted: no sentence offers that number.
    const countable = input.refusal?.rule !== "unnamed-subset";
    const offered = reading && countable ? reading.offers(s) : false;
    const named = reading && countable ? reading.names(s) : false;
    const row: Record<FeatureName, number> = {
      score: s.score,
      semantic: s.semantic,
      lexical: s.lexical,
      chunk: s.chunk,
      rank: rank / CANDIDATES,
      top: rank === 0 ? 1 : 0,
      gapBest: (best?.score ?? 0) - s.score,
      gapNext: s.score - nextScore,
      semGapBest: (best?.semantic ?? 0) - s.semantic,
      covSyn: share(synMatched),
      covWindow: share(windowMatched),
      covWindowSyn: share(windowSynMatched),
      unmatchedMaxIdf: q.maxIdf === 0 ? 0 : unmatched.reduce((a, w) => Math.max(a, w.idf), 0) / q.maxIdf,
      unmatchedKnown: share(unmatchedWindow.filter((w) => corpus.knows(w.term))),
      unmatchedUnknown: share(unmatchedWindow.filter((w) => !corpus.knows(w.term))),
      unmatchedCount: Math.min(unmatched.length, 5) / 5,
      namesUnmatched: Math.min(namesUnmatched.length, 3) / 3,
      namesUnmatchedKnown: Math.min(names.filter((w) => !inWindow(w.term) && corpus.knows(w.term)).length, 3) / 3,
      namesInNeighbourOnly: namesUnmatched.some((w) => inWindow(w.term)) ? 1 : 0,
      numbersUnmatched: q.words.some((w) => w.number && !own.has(w.term)) ? 1 : 0,
      focusUnmatched: q.words.some((w) => w.focus && !bySyn(w, inWindow)) ? 1 : 0,
      kindUnmatched: q.kind !== null && q.kind.length > 0 && !q.kind.every((t) => inWindow(t)) ? 1 : 0,
      qNeg: q.negated ? 1 : 0,
      sNeg: negS ? 1 : 0,
      negOneSide: q.negated !== negS ? 1 : 0,
      antonym: antonym ? 1 : 0,
      typeAsked: reading ? 1 : 0,
      typeOffered: offered ? 1 : 0,
      typeNamed: named ? 1 : 0,
      typeMissing: reading && !offered ? 1 : 0,
      rulesAnswer: input.refusal === null ? 1 : 0,
      ruleUnknownName: rules.unknown ? 1 : 0,
      ruleUngrounded: rules.ungrounded ? 1 : 0,
      ruleNoType: rules.noType ? 1 : 0,
      ruleSpeech: rules.speech ? 1 : 0,
      ruleWeak: rules.weak ? 1 : 0,
      corpusCoverage: retrieval.corpusCoverage,
      qLen: Math.log1p(q.words.length),
      sLen: Math.log1p(own.size),
      whWho: q.wh.who ? 1 : 0,
      whWhen: q.wh.when ? 1 : 0,
      whWhere: q.wh.where ? 1 : 0,
      whHowMany: q.wh.howMany ? 1 : 0,
      whWhy: q.wh.why ? 1 : 0,
      whHow: q.wh.how ? 1 : 0,
      whWhich: q.wh.which ? 1 : 0,
      whWhat: q.wh.what ? 1 : 0,
      whYesNo: q.wh.yesNo ? 1 : 0,
      semXlex: s.semantic * s.lexical,
      bestSemantic: best?.semantic ?? 0,
      bestLexical: best?.lexical ?? 0,
    };
    return FEATURES.map((f) => row[f]);
  });
}
