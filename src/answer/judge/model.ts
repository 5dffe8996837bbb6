/**
 * The judge's model, two logistic regressions over standardised features (`features.ts`):
 * - the ranker scores each candidate sentence: does it hold the answer (trained on answerable questions);
 * - the verdict scores the question, from the best-ranked candidate's features and the ranker's
 *   probabilities: does the best evidence answer it (trained on answerable and unanswerable questions).
 * Plus the decision thresholds calibrated at training time. Plain numbers in a JSON file
 * (`data/judge/model.json`, written by `npm run train`): no dependency, loading is a JSON parse.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { FEATURES } from "./features";

export interface Logistic {
  mean: number[];
  std: number[];
  weights: number[];
  bias: number;
}

export interface JudgeThresholds {
  /** Verdict at or above: answer. */
  answer: number;
  /** At or above (and below `answer`): "the article doesn't say …, the closest it comes" with that passage. */
  closest: number;
}

/** What the verdict adds to the best candidate's features. */
export const VERDICT_EXTRA = ["rankP", "rankP2", "rankMargin", "rankMax"] as const;

export interface JudgeModel {
  version: 2;
  features: string[];
  ranker: Logistic;
  verdict: Logistic;
  thresholds: JudgeThresholds;
  /** What it was trained on and how it measured, for the README and for checking a rebuild. */
  meta: Record<string, unknown>;
}

export const MODEL_FILE = path.resolve(__dirname, "../../../data/judge/model.json");

export class JudgeModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "JudgeModelError";
  }
}

export function parseModel(json: string, source = "judge model"): JudgeModel {
  const model = JSON.parse(json) as JudgeModel;
  const n = FEATURES.length;
  const fits = (l: Logistic | undefined, size: number) => l !== undefined && l.weights.length === size && l.mean.length === size && l.std.length === size;
  // A model trained on other features would judge with the wrong numbers in silence: refuse to load it.
  if (model.version !== 2 || model.features.join(",") !== FEATURES.join(",") || !fits(model.ranker, n) || !fits(model.verdict, n + VERDICT_EXTRA.length)) {
    throw new JudgeModelError(`${source} does not match this engine's features: run npm run train`);
  }
  return model;
}

export function loadModel(file = MODEL_FILE): JudgeModel {
  return parseModel(readFileSync(file, "utf8"), file);
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function predict(model: Logistic, row: number[]): number {
  let z = model.bias;
  for (let i = 0; i < row.length; i++) z += model.weights[i]! * ((row[i]! - model.mean[i]!) / model.std[i]!);
  return sigmoid(z);
}

export interface Judgement {
  /** Candidate indices, best first by the ranker. */
  order: number[];
  /** The ranker's probability per candidate (in the candidates' original order). */
  rankP: number[];
  /** Probability that the best candidate answers the question. */
  verdict: number;
}

/** Rank the candidates (rows of `FEATURES`, one per candidate) and judge whether the best one answers. */
export function judgeRows(model: Pick<JudgeModel, "ranker" | "verdict">, rows: number[][]): Judgement {
  const rankP = rows.map((r) => predict(model.ranker, r));
  // Stable: ties keep the engine's order.
  const order = rankP.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  const best = order[0];
  if (best === undefined) return { order, rankP, verdict: 0 };
  const p1 = rankP[best] ?? 0;
  const p2 = order[1] === undefined ? 0 : (rankP[order[1]] ?? 0);
  return { order, rankP, verdict: predict(model.verdict, verdictRow(rows[best] ?? [], p1, p2)) };
}

export function verdictRow(bestRow: number[], p1: number, p2: number): number[] {
  return [...bestRow, p1, p2, p1 - p2, Math.max(p1, p2)];
}
