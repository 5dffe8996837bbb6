/**
 * Fitting and calibration, deterministic: full-batch Adam on the logistic loss with L2, features
 * standardised on the training rows, all weights starting at zero. The same rows give the same weights,
 * bit for bit.
 */
import { type JudgeModel, type JudgeThresholds, type Logistic, judgeRows, sigmoid, verdictRow } from "../../src/answer/judge/model";
import type { QuestionRows } from "./collect";

export interface FitOptions { epochs: number; learningRate: number; l2: number }
export const DEFAULT_FIT: FitOptions = { epochs: 300, learningRate: 0.05, l2: 1e-3 };

/** Logistic regression with the two classes weighed evenly (answer sentences are rarer than the rest). */
export function fitLogistic(rows: number[][], labels: number[], options: FitOptions = DEFAULT_FIT): Logistic {
  const n = rows[0]?.length ?? 0;
  const mean = new Array<number>(n).fill(0);
  const std = new Array<number>(n).fill(0);
  for (const r of rows) for (let i = 0; i < n; i++) mean[i]! += r[i]! / rows.length;
  for (const r of rows) for (let i = 0; i < n; i++) std[i]! += (r[i]! - mean[i]!) ** 2 / rows.length;
  for (let i = 0; i < n; i++) std[i] = Math.sqrt(std[i]!) || 1;
  const x = rows.map((r) => r.map((v, i) => (v - mean[i]!) / std[i]!));
  const positives = labels.filter((l) => l === 1).length;
  const wPos = rows.length / (2 * Math.max(1, positives));
  const wNeg = rows.length / (2 * Math.max(1, rows.length - positives));
  const w = new Array<number>(n).fill(0);
  let b = 0;
  const m = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
  for (let epoch = 1; epoch <= options.epochs; epoch++) {
    const grad = new Array<number>(n + 1).fill(0);
    let totalWeight = 0;
    for (let k = 0; k < x.length; k++) {
      const xi = x[k]!;
      let z = b;
      for (let i = 0; i < n; i++) z += w[i]! * xi[i]!;
      const y = labels[k]!;
      const weight = y === 1 ? wPos : wNeg;
      const err = (sigmoid(z) - y) * weight;
      for (let i = 0; i < n; i++) grad[i]! += err * xi[i]!;
      grad[n]! += err;
      totalWeight += weight;
    }
    for (let i = 0; i <= n; i++) {
      const g = grad[i]! / totalWeight + (i < n ? options.l2 * w[i]! : 0);
      m[i] = beta1 * m[i]! + (1 - beta1) * g;
      v[i] = beta2 * v[i]! + (1 - beta2) * g * g;
      const step = (options.learningRate * (m[i]! / (1 - beta1 ** epoch))) / (Math.sqrt(v[i]! / (1 - beta2 ** epoch)) + eps);
      if (i < n) w[i] = w[i]! - step;
      else b -= step;
    }
  }
  return { mean, std, weights: w, bias: b };
}

/** Ranker on answerable questions' candidates; then the verdict on every question's best candidate. */
export function fitJudge(questions: QuestionRows[], options: FitOptions = DEFAULT_FIT): Pick<JudgeModel, "ranker" | "verdict"> {
  const answerable = questions.filter((q) => q.answerable && q.labels.some((l) => l === 1));
  const ranker = fitLogistic(answerable.flatMap((q) => q.rows), answerable.flatMap((q) => q.labels), options);
  const rows: number[][] = [];
  const labels: number[] = [];
  for (const q of questions) {
    if (q.rows.length === 0) continue;
    const rankP = q.rows.map((r) => predictLogistic(ranker, r));
    const order = rankP.map((p, i) => [p, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
    const best = order[0]!;
    rows.push(verdictRow(q.rows[best]!, rankP[best]!, order[1] === undefined ? 0 : rankP[order[1]]!));
    labels.push(q.answerable ? 1 : 0);
  }
  return { ranker, verdict: fitLogistic(rows, labels, options) };
}

function predictLogistic(model: Logistic, row: number[]): number {
  let z = model.bias;
  for (let i = 0; i < row.length; i++) z += model.weights[i]! * ((row[i]! - model.mean[i]!) / model.std[i]!);
  return sigmoid(z);
}

export interface Judged { q: QuestionRows; best: number; p: number }

export function judgeQuestion(model: Pick<JudgeModel, "ranker" | "verdict">, q: QuestionRows): Judged {
  const j = judgeRows(model, q.rows);
  return { q, best: j.order[0] ?? -1, p: j.verdict };
}

export interface Outcomes { questions: number; answerable: number; unanswerable: number; rightAnswers: number; rightRefusals: number; falseRefusals: number; overall: number; answerAccuracy: number; falseRefusalRate: number; refusalRate: number }

/** Outcomes of judged questions at a threshold. Right answer: answered, and the lead candidate holds the answer. */
export function outcomesAt(judged: Judged[], threshold: number): Outcomes {
  let rightAnswers = 0, rightRefusals = 0, falseRefusals = 0, answerable = 0;
  for (const { q, best, p } of judged) {
    const answers = p >= threshold;
    if (q.answerable) {
      answerable++;
      if (!answers) falseRefusals++;
      else if (q.labels[best] === 1) rightAnswers++;
    } else if (!answers) rightRefusals++;
  }
  const questions = judged.length;
  const unanswerable = questions - answerable;
  const r = (x: number) => Math.round(x * 1000) / 1000;
  return { questions, answerable, unanswerable, rightAnswers, rightRefusals, falseRefusals, overall: r((rightAnswers + rightRefusals) / Math.max(1, questions)), answerAccuracy: r(rightAnswers / Math.max(1, answerable)), falseRefusalRate: r(falseRefusals / Math.max(1, answerable)), refusalRate: r(rightRefusals / Math.max(1, unanswerable)) };
}

/**
 * Thresholds from out-of-fold predictions (never from a held-out set). The answer threshold maximises the
 * mean of answer accuracy and refusal accuracy (independent of how many questions are unanswerable, which
 * differs from set to set) while keeping false refusals within `maxFalseRefusals`. Below it, down to
 * `closest`, the best passage is still shown, labelled as the closest the article comes: the band where
 * at least a third of the leads still hold the answer.
 */
export function calibrate(judged: Judged[], maxFalseRefusals: number): JudgeThresholds & { outcomes: Outcomes } {
  let bestT = 0;
  let bestScore = -1;
  for (let k = 2; k < 98; k++) {
    const t = k / 100;
    const o = outcomesAt(judged, t);
    if (o.falseRefusalRate > maxFalseRefusals) continue;
    const score = (o.answerAccuracy + o.refusalRate) / 2;
    if (score > bestScore) [bestScore, bestT] = [score, t];
  }
  let closest = bestT;
  for (let k = Math.round(bestT * 100) - 1; k > 1; k--) {
    const band = judged.filter((j) => j.p >= k / 100 && j.p < bestT);
    if (band.length >= 10 && band.filter((j) => j.q.answerable && j.q.labels[j.best] === 1).length / band.length < 1 / 2) break;
    closest = k / 100;
  }
  return { answer: bestT, closest, outcomes: outcomesAt(judged, bestT) };
}
