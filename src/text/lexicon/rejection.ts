/**
 * Telling a rejection, for `rules/absentRejection.ts`. A question asks about one with the narrow list
 * ("Which road was rejected …", "Who turned down …"); a passage tells one with the wide list as well
 * ("voted against", "lost the bid", "was defeated"). Words are matched by index term, so every
 * inflection counts ("rejects", "refused", "declining").
 */

/** Single words that ask about a rejection. */
export const REJECTION_ASKED: readonly string[] = ["reject", "refuse", "decline", "deny", "veto", "spurn", "rebuff"];

/** Single words that tell one, besides those asked with. */
export const REJECTION_TOLD: readonly string[] = ["oppose", "against", "lose", "lost", "losing", "defeat", "beat", "beaten", "dismiss", "block", "overturn", "overrule", "turndown", "refusal", "rejection", "denial"];

/** Two-word phrases that ask about (and tell) a rejection: [first word, matched in any inflection; second word]. */
export const REJECTION_PHRASES: ReadonlyArray<readonly [string, string]> = [
  ["turn", "down"],
  ["turn", "away"],
  ["rule", "out"],
  ["pass", "over"],
  ["lose", "out"],
  ["lost", "out"],
  ["vote", "no"],
  ["voted", "no"],
];
