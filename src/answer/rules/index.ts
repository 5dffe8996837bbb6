/**
 * The answerability rules, in the order they are checked. The first refusal is the answer ("the article
 * doesn't say" beats a loosely related quote); a question no rule refuses is answered from the best
 * candidate. To add a rule: write `rules/<name>.ts` exporting a `Rule`, a test in
 * `test/answer/rules/<name>.test.ts` (one question it refuses, one it lets through), and place it here.
 *
 * Why this order: an instruction given in place of a question is told so first. Then the most precise
 * messages: a speaker who said nothing, or nothing about what was asked; a name or a year the article
 * never mentions (or a name it mentions only in passing, far from the best passage); an office it never
 * gives the holder asked about ("the chairman of X"); no second X for "which other X"; a focus word
 * nothing grounds ("it never mentions “population”"). Then the kind of answer (a count of a part never
 * named, then any answer of the asked type among the best sentences, then a change asked for where the
 * best sentences give only figures, then a rejection asked about where none of the passages tells one),
 * then the generic checks on the best candidate, whose message says only that nothing answers. Last, the
 * best passage, otherwise good enough, is cited as the closest the article comes when it says the fact is
 * not known or was not made public, when the question is put in the negative and the passage is not, and
 * when the passage holds the opposite of a question word ("fell" for "rise").
 */
import { absentChange } from "./absentChange";
import { absentOther } from "./absentOther";
import { absentRejection } from "./absentRejection";
import { absentRole } from "./absentRole";
import { answerType } from "./answerType";
import { distantName } from "./distantName";
import { instruction } from "./instruction";
import { noCandidates } from "./noCandidates";
import { oppositeWord } from "./oppositeWord";
import { speakerOffTopic } from "./speakerOffTopic";
import { speakerSilent } from "./speakerSilent";
import type { Refusal, Rule, RuleContext } from "./types";
import { unknownName } from "./unknownName";
import { ungroundedFocus } from "./ungroundedFocus";
import { unmatchedNegation } from "./unmatchedNegation";
import { unnamedSubset } from "./unnamedSubset";
import { unknownYear } from "./unknownYear";
import { weakEvidence } from "./weakEvidence";
import { withheldFact } from "./withheldFact";

export type { Refusal, Rule, RuleContext } from "./types";
export { NOT_ANSWERED } from "./types";

export const RULES: readonly Rule[] = [instruction, speakerSilent, speakerOffTopic, unknownName, unknownYear, distantName, absentRole, absentOther, ungroundedFocus, unnamedSubset, answerType, absentChange, absentRejection, noCandidates, weakEvidence, withheldFact, unmatchedNegation, oppositeWord];

/** One rule's verdict on a question: its refusal, or null when it lets the question through. */
export interface Verdict {
  rule: string;
  refusal: Refusal | null;
}

/** The first refusal, checking rules in order and stopping there; null when every rule lets the question through. */
export function firstRefusal(ctx: RuleContext, rules: readonly Rule[] = RULES): Refusal | null {
  for (const rule of rules) {
    const refusal = rule.check(ctx);
    if (refusal) return refusal;
  }
  return null;
}

/** Every rule's verdict (for `explain`): rules have no side effects, so checking past the first refusal changes nothing. */
export function allVerdicts(ctx: RuleContext, rules: readonly Rule[] = RULES): Verdict[] {
  return rules.map((rule) => ({ rule: rule.id, refusal: rule.check(ctx) }));
}
