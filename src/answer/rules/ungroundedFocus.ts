/**
 * Is what a question asks about anywhere in its evidence? "What is the population of El Salvador?"
 * finds sentences about El Salvador, but none of them says anything about a population: the right answer
 * is "the article doesn't say", not the closest sentence about El Salvador.
 *
 * The question's focus (`reading.focus`) is grounded when the corpus uses the word itself, or when one
 * of the best sentences uses a word WordNet relates to it ("lockup" → "jail", "goal" → "aim", "finish" →
 * "conclude"). A focus word neither the corpus nor WordNet knows (a name, a typo) is not judged: only a
 * word that means something, and whose meaning is absent, refuses. A dimension ("how old", "how full")
 * is grounded by a measure of it in the best sentences ("Whitcombe, 58,", "31 percent"). The kind asked
 * for in "which X …" is grounded the same way, or by a word of X's definition.
 */
import { givesMeasure } from "../../text/entities";
import { ANSWER_KIND_WORDS, DIMENSION_MEASURES, IRREGULAR_PAST, irregularForms, isDimensionNoun, type Measure } from "../../text/lexicon";
import { terms, termOf, words } from "../../text/tokens";
import type { ScoredSentence } from "../retrieve";
import { judgedBySpeaker, type Rule, type RuleContext } from "./types";

const id = "ungrounded-focus";
/** What a refusal says is missing when a dimension has no measure ("it gives no age"). */
const MEASURE_NAMES: Readonly<Record<Measure, string>> = { age: "age", share: "percentage", speed: "speed", distance: "distance", amount: "figure", duration: "length of time", frequency: "frequency" };

export const ungroundedFocus: Rule = {
  id,
  check(ctx) {
    if (judgedBySpeaker(ctx)) return null;
    const ungrounded = ungroundedWords(ctx);
    if (ungrounded.length === 0) return null;
    // "How old is X?": the article may well use "old"; what it lacks is an age.
    const measure = ungrounded.length === 1 ? DIMENSION_MEASURES.get(ungrounded[0] ?? "") : undefined;
    if (measure !== undefined) return { rule: id, message: `The article doesn't say: it gives no ${MEASURE_NAMES[measure]}.` };
    return { rule: id, message: `The article doesn't say: it never mentions ${ungrounded.map((w) => `“${w}”`).join(" or ")}.` };
  },
};

/** The focus words (and "which" kind) that neither the corpus nor the best sentences account for. */
export function ungroundedWords(ctx: RuleContext): string[] {
  const { focus, which, yesNo } = ctx.reading;
  // Judged on the candidates as retrieved, before any answer-kind bonus.
  const best = ctx.evidence.retrieved.slice(0, ctx.policy.groundingWindow);
  // The subject of a yes/no question ("Is the prison she's touring …") is a thing named, like the kind in
  // "which X": its definition may ground it too. Attributes and verbs ("how old", "born") need related words.
  const ungrounded = focus.filter((word) => !grounded(word, best, ctx, yesNo));
  // "Which airport …": the kind of thing asked for. An article may name one without the word ("the
  // Terrorism Confinement Center" for "which prison"), so its definition counts too ("… where persons
  // are confined …"); the related words alone miss too many.
  if (which !== null && !grounded(which, best, ctx, true)) ungrounded.push(which);
  return ungrounded;
}

function grounded(word: string, best: ScoredSentence[], { corpus, wordNet, reading }: RuleContext, byDefinition: boolean): boolean {
  const term = termOf(word);
  if (ANSWER_KIND_WORDS.has(word)) return true;
  // "How old is X?": only a measure of the dimension grounds it, not the word, which the article may use of
  // something else ("her brother is four months old"). The adjectives only after "how" ("full name" is no
  // question of how full); the nouns ("What is X's age?") anywhere. News training +3 refused, no false
  // refusal; SQuAD train 2 false ("How old was Chopin when he left Poland?": the age is not among the best).
  const dimension = DIMENSION_MEASURES.get(word);
  const measured = (): boolean => dimension !== undefined && best.some((s) => givesMeasure(dimension, s.sentence.text));
  if (dimension !== undefined && (reading.howWord === word || isDimensionNoun(word))) return measured();
  if (term === null || /^\d/.test(term) || corpus.knows(term)) return true;
  const corrected = termOf(corpus.correctSpelling(word));
  if (corrected !== null && corpus.knows(corrected)) return true;
  // An irregular verb in another form: "begin" is in "The outbreak began …", "taken" in "… to take".
  const base = IRREGULAR_PAST.get(word) ?? word;
  if ([base, ...irregularForms(base)].some((form) => corpus.knows(termOf(form) ?? ""))) return true;
  if (!wordNet.has(base)) return true;
  // A dimension word used otherwise ("the full name") may still be grounded by a measure of it.
  if (measured()) return true;
  // Related words only for the focus: definitions ground so much by chance that refusals fell from 100% to
  // 67% (dev) for one fewer false refusal.
  const related = wordNet.related(base).map((lemma) => terms(lemma));
  if (byDefinition) related.push(...wordNet.nounDefinitions(base).flatMap((d) => terms(d).map((t) => [t])));
  // A sentence's irregular past forms count as their base too ("began" for "start" → "begin").
  const evidence = best.map((s) => {
    const held = corpus.termsOfSentence(s.doc.id, s.sentence.index);
    const bases = words(s.sentence.text).flatMap((w) => {
      const b = IRREGULAR_PAST.get(w);
      const t = b === undefined ? null : termOf(b);
      return t === null ? [] : [t];
    });
    return bases.length === 0 ? held : new Set([...held, ...bases]);
  });
  return evidence.some((held) => related.some((lemmaTerms) => lemmaTerms.length > 0 && lemmaTerms.every((t) => held.has(t))));
}
