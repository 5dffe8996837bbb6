/**
 * A small gradient-boosted tree model (depth-2 trees on the logistic loss, features cut at fixed quantiles),
 * plain TypeScript, deterministic: no sampling, ties broken by feature order. Tried against the logistic
 * verdict (see `compareVerdicts`); kept only if it wins out of fold.
 */
import { sigmoid } from "../../src/answer/judge/model";

export interface TreeNode { feature: number; threshold: number; left: TreeNode | number; right: TreeNode | number }
export interface Boosted { bias: number; rate: number; trees: Array<TreeNode | number> }
export interface BoostOptions { trees: number; depth: number; rate: number; bins: number; minLeaf: number; l2: number }
export const DEFAULT_BOOST: BoostOptions = { trees: 150, depth: 2, rate: 0.1, bins: 32, minLeaf: 20, l2: 1 };

function cuts(rows: number[][], feature: number, bins: number): number[] {
  const values = rows.map((r) => r[feature]!).sort((a, b) => a - b);
  const out = new Set<number>();
  for (let k = 1; k < bins; k++) out.add(values[Math.floor((k * values.length) / bins)]!);
  return [...out].sort((a, b) => a - b);
}

export function predictBoosted(model: Boosted, row: number[]): number {
  let z = model.bias;
  for (const t of model.trees) z += model.rate * leafOf(t, row);
  return sigmoid(z);
}

function leafOf(node: TreeNode | number, row: number[]): number {
  let n = node;
  while (typeof n !== "number") n = row[n.feature]! <= n.threshold ? n.left : n.right;
  return n;
}

/** Newton step leaf value: −Σg / (Σh + λ). */
function leafValue(idx: number[], g: number[], h: number[], l2: number): number {
  let sg = 0, sh = 0;
  for (const i of idx) [sg, sh] = [sg + g[i]!, sh + h[i]!];
  return -sg / (sh + l2);
}

function grow(idx: number[], rows: number[][], g: number[], h: number[], candidates: number[][], depth: number, o: BoostOptions): TreeNode | number {
  if (depth === 0 || idx.length < 2 * o.minLeaf) return leafValue(idx, g, h, o.l2);
  let sg = 0, sh = 0;
  for (const i of idx) [sg, sh] = [sg + g[i]!, sh + h[i]!];
  const parent = (sg * sg) / (sh + o.l2);
  let best: { gain: number; feature: number; threshold: number } | null = null;
  for (let f = 0; f < candidates.length; f++) {
    const thresholds = candidates[f]!;
    if (thresholds.length === 0) continue;
    // Histogram of g and h per cut bucket, then a sweep.
    const bg = new Array<number>(thresholds.length + 1).fill(0), bh = new Array<number>(thresholds.length + 1).fill(0), bn = new Array<number>(thresholds.length + 1).fill(0);
    for (const i of idx) {
      const v = rows[i]![f]!;
      let lo = 0, hi = thresholds.length;
      while (lo < hi) { const mid = (lo + hi) >> 1; if (v <= thresholds[mid]!) hi = mid; else lo = mid + 1; }
      bg[lo]! += g[i]!; bh[lo]! += h[i]!; bn[lo]!++;
    }
    let lg = 0, lh = 0, ln = 0;
    for (let k = 0; k < thresholds.length; k++) {
      lg += bg[k]!; lh += bh[k]!; ln += bn[k]!;
      const rn = idx.length - ln;
      if (ln < o.minLeaf || rn < o.minLeaf) continue;
      const gain = (lg * lg) / (lh + o.l2) + ((sg - lg) * (sg - lg)) / (sh - lh + o.l2) - parent;
      if (gain > 1e-9 && (best === null || gain > best.gain)) best = { gain, feature: f, threshold: thresholds[k]! };
    }
  }
  if (best === null) return leafValue(idx, g, h, o.l2);
  const left = idx.filter((i) => rows[i]![best.feature]! <= best.threshold);
  const right = idx.filter((i) => rows[i]![best.feature]! > best.threshold);
  return { feature: best.feature, threshold: best.threshold, left: grow(left, rows, g, h, candidates, depth - 1, o), right: grow(right, rows, g, h, candidates, depth - 1, o) };
}

/** Boosted trees with the two classes weighed evenly, as the logistic fit does. */
export function fitBoosted(rows: number[][], labels: number[], o: BoostOptions = DEFAULT_BOOST): Boosted {
  const n = rows[0]?.length ?? 0;
  const candidates = Array.from({ length: n }, (_, f) => cuts(rows, f, o.bins));
  const positives = labels.filter((l) => l === 1).length;
  const wPos = rows.length / (2 * Math.max(1, positives));
  const wNeg = rows.length / (2 * Math.max(1, rows.length - positives));
  const weight = labels.map((l) => (l === 1 ? wPos : wNeg));
  const prior = Math.min(0.999, Math.max(0.001, (positives * wPos) / (positives * wPos + (rows.length - positives) * wNeg)));
  const model: Boosted = { bias: Math.log(prior / (1 - prior)), rate: o.rate, trees: [] };
  const z = rows.map(() => model.bias);
  const all = rows.map((_, i) => i);
  for (let t = 0; t < o.trees; t++) {
    const p = z.map(sigmoid);
    const g = p.map((pi, i) => (pi - labels[i]!) * weight[i]!);
    const h = p.map((pi, i) => Math.max(1e-6, pi * (1 - pi)) * weight[i]!);
    const tree = grow(all, rows, g, h, candidates, o.depth, o);
    model.trees.push(tree);
    for (let i = 0; i < rows.length; i++) z[i]! += o.rate * leafOf(tree, rows[i]!);
  }
  return model;
}
