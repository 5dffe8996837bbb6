/**
 * Is what a question asks about anywhere in its evidence? "What is the population of El Salvador?"
 * finds sentences about El Salvador, but none of them says anything about a population: the right answer
 * is "the article doesn't say", not the closest sentence about El Salvador.
 *
 * The question's focus (see `questionFocus`) is grounded when the corpus uses the word itself, or when
 * one of the best sentences uses a word WordNet relates to it ("lockup" → "jail", "goal" → "aim",
 * "finish" → "conclude"). A focus word neither the corpus nor WordNet knows (a name, a typo) is not
 * judged: only a word that means something, and whose meaning is absent, refuses. The kind asked for in
 * "which X …" is grounded the same way, or by a word of X's definition.
 */
import { terms, termOf } from "../text/tokens";
import { wordNet } from "../text/wordnet";
import { questionSlots } from "./questions";
import type { Retriever, ScoredSentence } from "./retrieve";

/**
 * Words naming the kind of answer rather than a topic ("what is X's job", "what is the name of …", "what
 * is the goal of …"): the answer is a title, a name or a purpose that the sentence need not call so.
 */
const ANSWER_KINDS = new Set([
  "job", "role", "title", "position", "occupation", "profession", "post", "name", "names", "kind", "type", "sort",
  "date", "day", "time", "year", "month", "place", "location", "number", "amount",
  // Purposes and reasons: an article gives them ("… to solidify relationships") without naming them so.
  "goal", "goals", "purpose", "aim", "aims", "objective", "objectives", "reason", "reasons", "motive", "point", "intent", "intention",
]);

/** The focus words of `question` that neither the corpus nor the best `window` sentences account for. */
export function ungroundedFocus(question: string, ranked: ScoredSentence[], retriever: Retriever, window: number): string[] {
  const { focus, kind } = questionSlots(question);
  // The subject of a yes/no question ("Is the prison she's touring …") is a thing named, like the kind in
  // "which X": its definition may ground it too. Attributes and verbs ("how old", "born") need related words.
  const yesNo = /^(?:is|was|are|were|will|would|does|did|do|has|have|had|can|could)\s/i.test(question.trim());
  const ungrounded = focus.filter((word) => !grounded(word, ranked, retriever, window, yesNo));
  // "Which airport …": the kind of thing asked for. An article may name one without the word ("the
  // Terrorism Confinement Center" for "which prison"), so its definition counts too ("… where persons
  // are confined …"); the related words alone miss too many.
  if (kind !== null && !grounded(kind, ranked, retriever, window, true)) ungrounded.push(kind);
  return ungrounded;
}

function grounded(word: string, ranked: ScoredSentence[], retriever: Retriever, window: number, byDefinition: boolean): boolean {
  const term = termOf(word);
  if (ANSWER_KINDS.has(word)) return true;
  if (term === null || /^\d/.test(term) || retriever.knows(term)) return true;
  const corrected = termOf(retriever.correctSpelling(word));
  if (corrected !== null && retriever.knows(corrected)) return true;
  const lexicon = wordNet();
  if (!lexicon.has(word)) return true;
  // Related words only for the focus: definitions ground so much by chance that refusals fell from 100% to
  // 67% (dev) for one fewer false refusal.
  const related = lexicon.related(word).map((lemma) => terms(lemma));
  if (byDefinition) related.push(...lexicon.nounDefinitions(word).flatMap((d) => terms(d).map((t) => [t])));
  const evidence = ranked.slice(0, window).map((s) => retriever.termsOfSentence(s.doc.id, s.sentence.index));
  return evidence.some((held) => related.some((lemmaTerms) => lemmaTerms.length > 0 && lemmaTerms.every((t) => held.has(t))));
}
