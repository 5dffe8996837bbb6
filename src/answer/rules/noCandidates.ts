/** Nothing in the corpus was found for the question at all. */
import { NOT_ANSWERED, type Rule } from "./types";

const id = "no-candidates";

export const noCandidates: Rule = {
  id,
  check({ evidence }) {
    return evidence.ranked.length > 0 ? null : { rule: id, message: NOT_ANSWERED };
  },
};
