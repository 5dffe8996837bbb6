/** Is a text negated ("did not", "never", "refused to")? Read the same way from questions and sentences. */
import { alternation, NEGATIONS } from "./lexicon";
import { foldText } from "./tokens";

const NEGATION = new RegExp(`\\b(?:${alternation(NEGATIONS)}|[a-z]+n't|fail(?:s|ed)? to|refus(?:e|es|ed|ing) to)\\b`, "u");

export function isNegated(text: string): boolean {
  return NEGATION.test(foldText(text).replace(/’/g, "'"));
}

/**
 * Negative words that deny nothing: "not only … but also", "no" as what was voted or said ("vote no"),
 * and the other half of a yes-or-no question ("are they going to pay more or not?", "… or no").
 */
const NOT_DENYING = /\bnot only\b|\b(?:vot(?:e|es|ed|ing)|sa(?:y|ys|id|ying)|answer(?:s|ed|ing)?)\s+no\b|,?\s*\bor (?:not|no)\b(?=\s*[?.!]*\s*$)/giu;

/** Does the text deny something: negated, once the negative words that deny nothing are set aside? */
export function denies(text: string): boolean {
  return isNegated(text.replace(NOT_DENYING, " "));
}
