/**
 * The answer judge: a learned rule over the engine's evidence. It re-ranks the candidate sentences (which
 * one holds the answer) and decides among three outcomes for the best one:
 * - answer, when the verdict is at or above the calibrated threshold;
 * - "the article doesn't say …, the closest it comes", with that passage cited and `answerable: false`,
 *   when the verdict is middling (between `closest` and `answer`);
 * - refuse, below that, or when a hand rule refused (those stay where they earn their place).
 * Trained by `npm run train` (see scripts/train/); the weights are `data/judge/model.json`.
 */
import type { AskResult } from "../../contract";
import { citationAt } from "../citations";
import type { Evidence } from "../extractive";
import { candidatesOf, featureRows, type JudgeInput } from "./features";
import { type JudgeModel, judgeRows, loadModel } from "./model";

export type JudgeOutcome = "answer" | "closest" | "refuse";

export interface JudgedEvidence {
  evidence: Evidence;
  outcome: JudgeOutcome;
  verdict: number;
}

export class AnswerJudge {
  constructor(readonly model: JudgeModel) {}

  static load(file?: string): AnswerJudge {
    return new AnswerJudge(loadModel(file));
  }

  judge(input: JudgeInput): JudgedEvidence {
    const { evidence } = input;
    const candidates = candidatesOf(input);
    if (candidates.length === 0) return { evidence, outcome: "refuse", verdict: 0 };
    const { order, verdict } = judgeRows(this.model, featureRows(input, candidates));
    const reranked = order.map((i) => candidates[i]!);
    const rest = (evidence.ranked.length > 0 ? evidence.ranked : input.retrieval.sentences).filter((s) => !reranked.includes(s));
    const ranked = [...reranked, ...rest];
    const { thresholds } = this.model;
    // A hand rule's refusal ("it never mentions Brazil") is kept, with its precise wording.
    if (!evidence.answerable) return { evidence: { ...evidence, ranked }, outcome: verdict >= thresholds.closest && evidence.refusal === undefined ? "closest" : "refuse", verdict };
    const outcome: JudgeOutcome = verdict >= thresholds.answer ? "answer" : verdict >= thresholds.closest ? "closest" : "refuse";
    return { evidence: { ...evidence, ranked, answerable: outcome === "answer" }, outcome, verdict };
  }
}

/**
 * The middle outcome: the article does not answer, but one passage comes close; it is cited, clearly
 * labelled, and the result stays `answerable: false`.
 */
export function closestAnswer(question: string, evidence: Evidence, startedAt: number): AskResult {
  const best = evidence.ranked[0];
  const ms = Math.round((performance.now() - startedAt) * 10) / 10;
  if (!best) return { question, answerable: false, answer: "The article doesn't say. Nothing in it answers that question.", citations: [], mode: "extractive", ms };
  const citation = citationAt(best.doc, best.sentence.start, best.sentence.end);
  return { question, answerable: false, answer: "The article doesn't say that exactly. The closest it comes:", citations: [citation], mode: "extractive", ms };
}
