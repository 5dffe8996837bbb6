/**
 * The best sentence matches too weakly: its score is below `minScore`, or the corpus uses too little of
 * the question's words (`minCorpusCoverage`), and its meaning is not close enough (`strongSemantic`) to
 * be a paraphrase. A loosely related quote is worse than none.
 */
import { judgedBySpeaker, NOT_ANSWERED, type Rule } from "./types";

const id = "weak-evidence";

export const weakEvidence: Rule = {
  id,
  check(ctx) {
    const best = ctx.evidence.ranked[0];
    if (judgedBySpeaker(ctx) || !best) return null;
    const { minScore, minCorpusCoverage, strongSemantic } = ctx.policy;
    if (best.semantic >= strongSemantic) return null;
    if (best.score >= minScore && ctx.retrieval.corpusCoverage >= minCorpusCoverage) return null;
    return { rule: id, message: NOT_ANSWERED };
  },
};
