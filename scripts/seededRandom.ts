/**
 * A small seeded generator (mulberry32): the same seed gives the same numbers on every machine, so the
 * training set's synthetic questions and the benchmark's synthetic corpora are the same on every run.
 * Floats in [0, 1); good enough for shuffles, sampling and noise, not for anything secret.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
