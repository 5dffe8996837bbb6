/**
 * Extractive answers: built only from the article's own sentences, with their offsets.
 *
 * The best-scored sentence answers; a second one joins when it covers question words the first lacks
 * (several-fact questions). When the evidence is too weak, the answer is "the article doesn't say":
 * a loosely related quote is worse than none. The thresholds live in `AnswerPolicy` and are tuned
 * on the evaluation sets (`npm run eval`), never on single questions.
 */
import type { AskResult, Citation } from "../contract";
import { capitalisedInside, termOf, terms } from "../text/tokens";
import { wordNet } from "../text/wordnet";
import { type AnswerType, countedTerms, countsNear, expectedAnswerType, namesNewAnswer, offersAnswerType, roleModifiers, subsetWords } from "./answerType";
import { citationAt, dedupeCitations } from "./citations";
import { ungroundedFocus } from "./grounding";
import { parseSpeechQuestion } from "./questions";
import type { Retrieval, Retriever, ScoredSentence } from "./retrieve";
import type { SpeechIndex } from "./speech";

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
  /** How many of the best sentences may account for what the question asks about (see `ungroundedFocus`). */
  groundingWindow: number;
  /** A sentence giving the asked kind of answer leads when it scores at least this share of a best one that does not. */
  typedLeadRatio: number;
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
};

/** What kind of answer a question asks for, and two readings of whether a sentence gives one. */
interface AnswerTypeReading {
  type: AnswerType;
  /** Loose: a date, a number, a capitalised name the question does not hold, or a new name near the question's words. */
  offers(s: ScoredSentence): boolean;
  /** Strict where there is a stricter test (see `namesNewAnswer`), else the same as `offers`. */
  names(s: ScoredSentence): boolean;
}

function readAnswerType(retrieval: Retrieval, retriever: Retriever): AnswerTypeReading | null {
  const type = expectedAnswerType(retrieval.question);
  if (!type) return null;
  // "How many Tren de Aragua members …": a number must count that thing, not some other one nearby.
  const counted = type === "number" ? rarestKnownTerm(countedTerms(retrieval.searched), retriever) : null;
  // "How many of the deportees were women?": a part the article never names ("women") cannot have been counted.
  // (Not even by a related word: "from Venezuela" is named by "Venezuelans".)
  const subset = type === "number" ? subsetWords(retrieval.searched) : [];
  const knownOrRelated = (word: string): boolean => retriever.knows(termOf(word) ?? "") || wordNet().related(word).some((lemma) => terms(lemma).every((t) => retriever.knows(t)));
  const unnamedSubset = subset.length > 0 && !subset.some(knownOrRelated);
  const question = retrieval.question;
  // Each reading is asked several times per sentence (ranking, refusal, citations): compute it once.
  const memo = <T>(compute: (text: string) => T): ((s: ScoredSentence) => T) => {
    const seen = new Map<string, T>();
    return (s) => {
      let value = seen.get(s.sentence.text);
      if (value === undefined) {
        value = compute(s.sentence.text);
        seen.set(s.sentence.text, value);
      }
      return value;
    };
  };
  // "When did Villatoro become minister?": a date answers it only in a sentence about Villatoro (the rarest
  // name the question holds), not the article's first date.
  // Not when the question asks two things ("When does Noem get to Colombia, and when does the trip end?").
  const asksOnce = (question.match(/\b(?:when|what|who|where|which|how)\b/giu) ?? []).length <= 1;
  const named = asksOnce && (type === "date" || type === "time") ? rarestKnownTerm(namedTerms(question), retriever) : null;
  const offers = memo(
    (text) =>
      (!unnamedSubset && offersAnswerType(type, text, question) && (counted === null || countsNear(text, counted)) && (named === null || terms(text).includes(named))) ||
      namesNewAnswer(type, text, question, { nearQuestionWords: true }) === true,
  );
  const names = memo((text) => namesNewAnswer(type, text, question));
  // "Which Mexican president": the sentence naming the person should say Mexican (or Mexico).
  const modifiers = type === "person" ? roleModifiers(question) : [];
  const places = modifiers.length > 0 ? retriever.placesOf(question) : new Map<string, string[][]>();
  const fitsModifiers = (s: ScoredSentence): boolean => {
    const held = retriever.termsOfSentence(s.doc.id, s.sentence.index);
    return modifiers.every((t) => held.has(t) || (places.get(t) ?? []).some((place) => place.every((p) => held.has(p))));
  };
  return { type, offers, names: (s) => (names(s) ?? offers(s)) && fitsModifiers(s) };
}

export interface Evidence {
  /** Candidate sentences, best first. */
  ranked: ScoredSentence[];
  answerable: boolean;
  /** The kind of answer asked for, read once and shared with the citation choice; null for open questions. */
  reading: AnswerTypeReading | null;
  /** The refusal to show when the question is not answered, when there is a more precise one than the default. */
  refusal?: string;
}

/**
 * Rank the candidate sentences for a question and decide whether they answer it. Shared by the
 * extractive answer and the LLM mode (which gets the same passages and the same refusal rule).
 */
export function weighEvidence(retrieval: Retrieval, retriever: Retriever, speech: SpeechIndex, policy: AnswerPolicy): Evidence {
  const reading = readAnswerType(retrieval, retriever);
  const speechQuestion = parseSpeechQuestion(retrieval.question);
  // "What did Bukele say" and "what did the mayor say" are about a person; "what did the DHS official
  // say" is about a role the article gives no one, answered by search.
  const person = speechQuestion ? speech.resolvePerson(speechQuestion.person) : null;
  if (person !== null) {
    const spoken = speech.sentencesBy(person);
    if (spoken.length === 0) {
      const who = speech.mentions(person) ? speech.fullName(person) : person;
      return { ranked: [], answerable: false, refusal: `The article doesn't say what ${who} said: it quotes or reports no statement by ${who}.`, reading };
    }
    // Only what this person said can answer; rank it against the whole question.
    const ranked = spoken
      .map((s) => retriever.scoreSentence(s.doc, s.sentence, retrieval.queryVector, retrieval.queryTerms))
      .sort((a, b) => b.score - a.score);
    return { ranked, answerable: true, reading };
  }

  // A name the corpus never mentions ("Is Noem going to Brazil?") cannot be answered from it.
  const unknown = retriever.unknownNames(retrieval.question);
  if (unknown.length > 0) {
    return { ranked: [], answerable: false, refusal: `The article doesn't mention ${unknown.join(" or ")}.`, reading };
  }

  let ranked = retrieval.sentences;
  // "What is the population of El Salvador?": sentences about El Salvador, none about a population.
  const ungrounded = ungroundedFocus(retrieval.question, ranked, retriever, policy.groundingWindow);
  if (ungrounded.length > 0) {
    return { ranked, answerable: false, refusal: `The article doesn't say: it never mentions ${ungrounded.map((w) => `“${w}”`).join(" or ")}.`, reading };
  }
  if (reading) {
    // The bonus goes by the stricter reading when there is one (a new person's name, a country for "which
    // countries"); refusing goes by the looser one, so a name the dictionary happens to know is not refused.
    ranked = ranked.map((s) => (reading.names(s) ? { ...s, score: s.score + policy.answerTypeBonus } : s)).sort((a, b) => b.score - a.score);
    if (!ranked.slice(0, policy.answerTypeWindow).some((s) => reading.offers(s))) {
      return { ranked, answerable: false, refusal: `The article doesn't say: it gives no ${reading.type} that answers this.`, reading };
    }
    // The answer sentence should be one that gives what was asked for: "which president …" is answered by
    // the sentence naming one, when it scores close to a better-matching sentence that names none.
    const lead = ranked[0];
    if (lead && !reading.names(lead)) {
      const naming = ranked.slice(1, 3).find((s) => reading.names(s) && s.score >= lead.score * policy.typedLeadRatio);
      if (naming) ranked = [naming, ...ranked.filter((s) => s !== naming)];
    }
  }
  const best = ranked[0];
  if (!best) return { ranked, answerable: false, reading };
  const strong = best.semantic >= policy.strongSemantic;
  if (!strong && (best.score < policy.minScore || retrieval.corpusCoverage < policy.minCorpusCoverage)) {
    return { ranked, answerable: false, reading };
  }
  return { ranked, answerable: true, reading };
}

/** Terms of the capitalised words inside a question (not its first word): the names it holds. */
function namedTerms(question: string): string[] {
  return capitalisedInside(question).flatMap((word) => terms(word));
}

/** The term among `candidates` that the corpus uses in the fewest sentences (the most specific), if any. */
function rarestKnownTerm(candidates: string[], retriever: Retriever): string | null {
  const known = candidates.filter((t) => retriever.knows(t));
  return known.length === 0 ? null : known.reduce((a, b) => (retriever.idf(b) > retriever.idf(a) ? b : a));
}

function citationOf(s: ScoredSentence): Citation {
  return citationAt(s.doc, s.sentence.start, s.sentence.end);
}

/** Pick the answer sentences: the best, plus one that covers question terms the best lacks. */
function answerSentences(ranked: ScoredSentence[], retriever: Retriever, queryTerms: string[], policy: AnswerPolicy): ScoredSentence[] {
  const best = ranked[0];
  if (!best) return [];
  const chosen = [best];
  const covered = new Set(retriever.termsOfSentence(best.doc.id, best.sentence.index));
  const missing = queryTerms.filter((t) => !covered.has(t) && retriever.knows(t));
  if (missing.length > 0) {
    const complement = ranked
      .slice(1, 6)
      .find((s) => s.score >= best.score * policy.citationRatio * 0.85 && missing.some((t) => retriever.termsOfSentence(s.doc.id, s.sentence.index).has(t)));
    if (complement) chosen.push(complement);
  }
  return chosen;
}

/**
 * Further citations, best first: sentences that add what the answer lacks (question words it does not
 * cover first, then another answer of the asked type, as in "which presidents …"), then other strong sentences.
 */
function supportingSentences(ranked: ScoredSentence[], chosen: ScoredSentence[], retriever: Retriever, retrieval: Retrieval, policy: AnswerPolicy, reading: AnswerTypeReading | null): ScoredSentence[] {
  const best = ranked[0]?.score ?? 0;
  const covered = new Set(chosen.flatMap((s) => [...retriever.termsOfSentence(s.doc.id, s.sentence.index)]));
  const addsWords = (s: ScoredSentence): boolean => retrieval.queryTerms.some((t) => !covered.has(t) && retriever.termsOfSentence(s.doc.id, s.sentence.index).has(t));
  const value = (s: ScoredSentence): number => (addsWords(s) ? 2 : 0) + (reading?.names(s) ? 1 : 0);
  const pool = ranked.filter((s) => !chosen.includes(s));
  const complementing = pool.filter((s) => s.score >= best * policy.citationRatio * 0.85 && value(s) > 0).sort((a, b) => value(b) - value(a));
  const strong = pool.filter((s) => s.score >= best * policy.citationRatio);
  return [...complementing, ...strong];
}

export function extractiveAnswer(question: string, retrieval: Retrieval, evidence: Evidence, retriever: Retriever, policy: AnswerPolicy, startedAt: number): AskResult {
  const ms = () => Math.round((performance.now() - startedAt) * 10) / 10;
  if (!evidence.answerable || evidence.ranked.length === 0) {
    const answer = evidence.refusal ?? "The article doesn't say. Nothing in it answers that question.";
    return { question, answerable: false, answer, citations: [], mode: "extractive", ms: ms() };
  }
  const chosen = answerSentences(evidence.ranked, retriever, retrieval.queryTerms, policy);
  const citations = dedupeCitations([...chosen, ...supportingSentences(evidence.ranked, chosen, retriever, retrieval, policy, evidence.reading)].map(citationOf)).slice(0, policy.maxCitations);
  const answer = chosen
    .slice()
    .sort((a, b) => (a.doc.id === b.doc.id ? a.sentence.start - b.sentence.start : 0))
    .map((s) => s.sentence.text.replace(/\s+/g, " "))
    .join(" ");
  return { question, answerable: true, answer, citations, mode: "extractive", ms: ms() };
}
