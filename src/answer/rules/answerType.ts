/**
 * "When …", "how many …", "who …": refused when none of the best sentences gives that kind of answer
 * (a date, a number, a person …) that the question does not already hold. What "gives" means, with the
 * conditions for counts ("how many X" needs a number near X) and dates ("when did Villatoro …" needs a
 * sentence about Villatoro), is in `answerKind.ts` (`matchAnswerKind`).
 */
import { judgedBySpeaker, type Rule } from "./types";

const id = "answer-type";

export const answerType: Rule = {
  id,
  check(ctx) {
    const { match, typed } = ctx.evidence;
    if (judgedBySpeaker(ctx) || match === null) return null;
    // Looked for among the best by score with the answer-kind bonus, before the lead is chosen.
    if (typed.slice(0, ctx.policy.answerTypeWindow).some((s) => match.offers(s))) return null;
    return { rule: id, message: `The article doesn't say: it gives no ${match.type} that answers this.` };
  },
};
