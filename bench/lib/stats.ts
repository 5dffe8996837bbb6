/** Small statistics and timing helpers. */

export interface Distribution {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Nearest-rank percentile of an ascending array. */
function rank(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? Number.NaN;
}

export function percentile(values: readonly number[], p: number): number {
  return rank([...values].sort((a, b) => a - b), p);
}

export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const sum = sorted.reduce((s, v) => s + v, 0);
  return {
    n: sorted.length,
    mean: sorted.length === 0 ? Number.NaN : sum / sorted.length,
    p50: rank(sorted, 50),
    p95: rank(sorted, 95),
    p99: rank(sorted, 99),
    min: sorted[0] ?? Number.NaN,
    max: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

export const now = (): number => performance.now();

/** Rounds for display and JSON: 2 significant decimals below 10, 1 below 100, none above. */
export function round(x: number): number {
  if (!Number.isFinite(x)) return x;
  const a = Math.abs(x);
  const digits = a < 1 ? 3 : a < 10 ? 2 : a < 100 ? 1 : 0;
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function roundDistribution(d: Distribution): Distribution {
  return { n: d.n, mean: round(d.mean), p50: round(d.p50), p95: round(d.p95), p99: round(d.p99), min: round(d.min), max: round(d.max) };
}

export const mb = (bytes: number): number => Math.round((bytes / (1024 * 1024)) * 10) / 10;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs `global.gc` when the process was started with --expose-gc (the section workers are). */
export function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) {
    gc();
    gc();
  }
}
