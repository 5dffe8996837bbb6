/**
 * Does a sentence say that something is not known or was not made public ("whose name was not
 * released", "did not yet know what caused the explosion", "declined to say")? Such a sentence is the
 * closest an article comes to a fact it does not give.
 */
import { foldText } from "./tokens";

const WITHHELD = new RegExp(
  [
    // "was not released", "has not been identified", "were not yet made public"
    String.raw`\b(?:was|were|has|have|had|is|are)(?: not|n't)(?: yet)?(?: been)? (?:released|disclosed|made public|identified|named|determined|known|revealed|specified|given)\b`,
    // "did not name", "would not say", "does not yet know"
    String.raw`\b(?:did|does|do|would|could|will)(?: not|n't)(?: yet)? (?:name|identify|disclose|say|know|release|reveal|specify|give)\b`,
    String.raw`\bdeclined to (?:name|identify|say|disclose|comment|specify|give|release)\b`,
    String.raw`\b(?:remains?|remained|is|was|are|were) (?:unknown|unclear|undisclosed|not known)\b`,
    String.raw`\bwithheld\b`,
  ].join("|"),
  "u",
);

export function saysWithheld(text: string): boolean {
  return WITHHELD.test(foldText(text).replace(/’/g, "'"));
}
