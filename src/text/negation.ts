/** Is a text negated ("did not", "never", "refused to")? Read the same way from questions and sentences. */
import { alternation, NEGATIONS } from "./lexicon";
import { foldText } from "./tokens";

const NEGATION = new RegExp(`\\b(?:${alternation(NEGATIONS)}|[a-z]+n't|fail(?:s|ed)? to|refus(?:e|es|ed) to)\\b`, "u");

export function isNegated(text: string): boolean {
  return NEGATION.test(foldText(text).replace(/’/g, "'"));
}
