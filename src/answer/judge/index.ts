/**
 * The answer judge: a learned stage after the rules (`rules/`), over what they saw. It re-ranks the
 * candidate sentences (which one holds the answer) and decides among three outcomes for the best one:
 * - answer, when the verdict is at or above the calibrated threshold;
 * - "the article doesn't say …, the closest it comes", a refusal citing that passage, when the verdict is
 *   middling (between `closest` and `answer`);
 * - refuse, below that, or when a precise rule refused (those stay where they earn their place).
 * Trained by `npm run train` (see scripts/train/); the weights are `data/judge/model.json`.
 */
import type { AnswerDecider } from "../answerer";
import type { ScoredSentence } from "../retrieve";
import { NOT_ANSWERED, type Refusal, type RuleContext } from "../rules";
import { candidatesOf, featureRows, judgedRanking } from "./features";
import { type JudgeModel, judgeRows, loadModel } from "./model";

export type JudgeOutcome = "answer" | "closest" | "refuse";

/** The rules that refuse only because nothing answers well enough: the judge may still find the closest passage. */
const GENERIC_REFUSALS = new Set(["no-candidates", "weak-evidence"]);

export const CLOSEST = "The article doesn't say that exactly. The closest it comes:";

export class AnswerJudge implements AnswerDecider {
  constructor(readonly model: JudgeModel) {}

  static load(file?: string): AnswerJudge {
    return new AnswerJudge(loadModel(file));
  }

  /** The judge's outcome, its verdict, and the candidates as it ranks them. */
  judge(ctx: RuleContext, refusal: Refusal | null): { ranked: ScoredSentence[]; outcome: JudgeOutcome; verdict: number } {
    const input = { ctx, refusal };
    const candidates = candidatesOf(input);
    if (candidates.length === 0) return { ranked: ctx.evidence.ranked, outcome: "refuse", verdict: 0 };
    const { order, verdict } = judgeRows(this.model, featureRows(input, candidates));
    const reranked = order.map((i) => candidates[i]!);
    const rest = judgedRanking(input).filter((s) => !reranked.includes(s));
    const ranked = [...reranked, ...rest];
    const { thresholds } = this.model;
    // A precise rule's refusal ("it never mentions Brazil") is kept, with its wording.
    if (refusal !== null) return { ranked, outcome: verdict >= thresholds.closest && GENERIC_REFUSALS.has(refusal.rule) ? "closest" : "refuse", verdict };
    const outcome: JudgeOutcome = verdict >= thresholds.answer ? "answer" : verdict >= thresholds.closest ? "closest" : "refuse";
    return { ranked, outcome, verdict };
  }

  decide(ctx: RuleContext, refusal: Refusal | null): { ranked: ScoredSentence[]; refusal: Refusal | null; verdict: number } {
    const { ranked, outcome, verdict } = this.judge(ctx, refusal);
    // The middle outcome: the article does not answer, but one passage comes close; it is cited, clearly labelled.
    if (outcome === "closest") return { ranked, refusal: { rule: "answer-judge", message: CLOSEST, ...(ranked[0] ? { closest: ranked[0] } : {}) }, verdict };
    if (outcome === "refuse") return { ranked, refusal: refusal ?? { rule: "answer-judge", message: NOT_ANSWERED }, verdict };
    return { ranked, refusal: null, verdict };
  }
}
