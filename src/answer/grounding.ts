/**
 * Is what a question asks about anywhere in its evidence? "What is the population of El Salvador?"
 * finds sentences about El Salvador, but none of them says anything about a population: the right answer
 * is "the article doesn't say", not the closest sentence about El Salvador.
 *
 * The question's focus (see `questionFocus`) is grounded when the corpus uses the word itself, or when
 * one of the best sentences uses a word WordNet relates to it ("lockup" → "jail", "goal" → "aim",
 * "finish" → "conclude"). A focus word neither the corpus nor WordNet knows (a name, a typo) is not
 * judged: only a word that means something, and whose meaning is absent, refuses.
 */
import { terms, termOf } from "../text/tokens";
import { wordNet } from "../text/wordnet";
import { questionFocus } from "./questions";
import type { Retriever, ScoredSentence } from "./retrieve";

/**
 * Words naming the kind of answer rather than a topic ("what is X's job", "what is the name of …"):
 * the answer is a title or a name that the sentence need not call a "job" or a "name".
 */
const ANSWER_KINDS = new Set(["job", "role", "title", "position", "occupation", "profession", "post", "name", "names", "kind", "type", "sort", "date", "day", "time", "year", "month", "place", "location", "number", "amount"]);

/** The focus words of `question` that neither the corpus nor the best `window` sentences account for. */
export function ungroundedFocus(question: string, ranked: ScoredSentence[], retriever: Retriever, window: number): string[] {
  const ungrounded: string[] = [];
  for (const word of questionFocus(question)) {
    const term = termOf(word);
    if (ANSWER_KINDS.has(word)) continue;
    if (term === null || /^\d/.test(term) || retriever.knows(term)) continue;
    const corrected = termOf(retriever.correctSpelling(word));
    if (corrected !== null && retriever.knows(corrected)) continue;
    const lexicon = wordNet();
    if (!lexicon.has(word)) continue;
    // Related words only: definitions were tried too ("prison": "… where persons are confined …") and
    // grounded so much by chance that refusals fell from 100% to 67% (dev) for one fewer false refusal.
    const related = lexicon.related(word).map((lemma) => terms(lemma)).filter((t) => t.length > 0);
    const inEvidence = ranked.slice(0, window).some((s) => {
      const held = retriever.termsOfSentence(s.doc.id, s.sentence.index);
      return related.some((lemmaTerms) => lemmaTerms.every((t) => held.has(t)));
    });
    if (!inEvidence) ungrounded.push(word);
  }
  return ungrounded;
}
