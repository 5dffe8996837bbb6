/**
 * "Which road was rejected as the route for the second exit?" when the best passages tell of the route
 * chosen and of nothing turned down: a question about a rejection (rejected, turned down, ruled out,
 * lost out, passed over, declined to) needs a passage that tells one, in any of the ways news writes
 * it ("voted against", "refused", "denied", "vetoed", "lost the bid"). A question put in the negative
 * is `unmatchedNegation`'s.
 *
 * Chosen on the training articles (rules alone, 2026-12-04): news, 16 more of 500 unanswerable questions
 * refused (exclusions 17 → 31 of 60: "Which consulting firm lost out to …", "Which other regulators
 * declined to open an inquiry?"), no answerable one; SQuAD train, none either way. Looking in the best
 * three passages only refused 3 answerable SQuAD questions whose passage ("has been denied by the
 * Polish government") stood lower; "decline" read as a fall ("the decline in crime") 3 more.
 */
import { REJECTION_ASKED, REJECTION_PHRASES, REJECTION_TOLD } from "../../text/lexicon";
import { termOf, words } from "../../text/tokens";
import { judgedBySpeaker, type Rule } from "./types";

const id = "absent-rejection";
/** How many of the best passages may tell the rejection: 3 refused SQuAD questions answered 4th to 8th. */
const WINDOW = 8;

const termsOf = (list: readonly string[]): ReadonlySet<string> => new Set(list.map(termOf).filter((t): t is string => t !== null));
const ASKED = termsOf(REJECTION_ASKED);
const DECLINE = termOf("decline");
const TOLD = termsOf([...REJECTION_ASKED, ...REJECTION_TOLD]);

/**
 * The rejection a text asks about (`told` false) or tells (`told` true), as written ("turned down"), or
 * null: a word of the list, or a two-word phrase.
 */
export function rejectionIn(text: string, told: boolean): string | null {
  const listed = told ? TOLD : ASKED;
  const folded = words(text);
  for (const [i, word] of folded.entries()) {
    const term = termOf(word) ?? "";
    // "Decline" is also a fall ("the decline in crime", "popularity decline"): asked as a refusal only in
    // "declined to …", "to decline …" and "declining the invitation".
    if (!told && term === DECLINE && !(folded[i - 1] === "to" || /^(?:to|the|a|an|his|her|their|its|our|my|your)$/u.test(folded[i + 1] ?? ""))) continue;
    if (listed.has(term)) return word;
    const next = folded[i + 1];
    if (next !== undefined && REJECTION_PHRASES.some(([first, second]) => second === next && termOf(word) === termOf(first))) return `${word} ${next}`;
  }
  return null;
}

export const absentRejection: Rule = {
  id,
  check(ctx) {
    const { reading, evidence } = ctx;
    if (judgedBySpeaker(ctx) || reading.negated) return null;
    const asked = rejectionIn(reading.text, false);
    if (asked === null) return null;
    if (evidence.ranked.slice(0, WINDOW).some((s) => rejectionIn(s.sentence.text, true) !== null)) return null;
    return { rule: id, message: `The article doesn't say: nothing in it was “${asked}”.` };
  },
};
