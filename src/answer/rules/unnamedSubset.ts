/**
 * "How many of the deportees were women?": a part the article never names ("women") cannot have been
 * counted. Not even by a related word (WordNet): "from Venezuela" is named by "Venezuelans".
 */
import { termOf, terms } from "../../text/tokens";
import { judgedBySpeaker, type Rule } from "./types";

const id = "unnamed-subset";

export const unnamedSubset: Rule = {
  id,
  check(ctx) {
    const { reading, corpus, wordNet } = ctx;
    if (judgedBySpeaker(ctx) || reading.answerType !== "number" || reading.subset.length === 0) return null;
    const named = (word: string): boolean => corpus.knows(termOf(word) ?? "") || wordNet.related(word).some((lemma) => terms(lemma).every((t) => corpus.knows(t)));
    if (reading.subset.some(named)) return null;
    // The same words as `answerType`'s refusal: to the reader, no number in the article answers.
    return { rule: id, message: "The article doesn't say: it gives no number that answers this." };
  },
};
