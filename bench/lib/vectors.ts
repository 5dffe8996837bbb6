/**
 * Synthetic 512-dimensional vector sets for the scale benchmark, and exact (brute-force) search.
 *
 * Random unit vectors are the worst case for HNSW (no structure; every neighbour is almost as far as
 * every other). Real sentence embeddings are clustered and locally low-dimensional, so the "clustered"
 * set is built around the article's real embeddings:
 * - centres: the article's sentence and chunk embeddings, plus normalized mixes of two of them
 *   (a weight in [0.3, 0.7]), up to `centres` in all;
 * - each centre gets its own random `localDims`-dimensional subspace;
 * - a point is normalize(centre + spread · (subspace Gaussian) + iso · (isotropic Gaussian)),
 *   with both Gaussians scaled to unit expected length.
 * Queries are fresh draws from the same distribution, never points of the index.
 */
import { Rng } from "./rng";

export interface ClusterSpec {
  centres: number;
  localDims: number;
  spread: number;
  iso: number;
}

export const DEFAULT_CLUSTER_SPEC: ClusterSpec = { centres: 256, localDims: 24, spread: 0.8, iso: 0.15 };

/** n vectors of `dims` floats, each of unit length, in one flat array. */
export interface VectorSet {
  n: number;
  dims: number;
  data: Float32Array;
}

export function row(set: VectorSet, i: number): Float32Array {
  return set.data.subarray(i * set.dims, (i + 1) * set.dims);
}

function normalizeInPlace(v: Float32Array | Float64Array): void {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] ?? 0) ** 2;
  const k = s > 0 ? 1 / Math.sqrt(s) : 0;
  for (let i = 0; i < v.length; i++) v[i] = (v[i] ?? 0) * k;
}

export function randomUnitVectors(n: number, dims: number, seed: number): VectorSet {
  const rng = new Rng(seed);
  const data = new Float32Array(n * dims);
  const v = new Float64Array(dims);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < dims; j++) v[j] = rng.gaussian();
    normalizeInPlace(v);
    data.set(v, i * dims);
  }
  return { n, dims, data };
}

/** A generator of clustered points around real embeddings (see the file comment). */
export class ClusteredSource {
  private readonly centres: Float64Array[] = [];
  private readonly bases: Float64Array[][] = [];
  private readonly rng: Rng;
  readonly dims: number;

  constructor(
    seeds: readonly ArrayLike<number>[],
    readonly spec: ClusterSpec,
    seed: number,
  ) {
    if (seeds.length === 0) throw new Error("clustered vectors need at least one real embedding");
    this.dims = seeds[0]?.length ?? 0;
    this.rng = new Rng(seed);
    const real = seeds.map((s) => {
      const v = Float64Array.from(s);
      normalizeInPlace(v);
      return v;
    });
    this.centres.push(...real);
    for (let guard = 0; this.centres.length < spec.centres && guard < spec.centres * 4; guard++) {
      const a = this.rng.pick(real);
      const b = this.rng.pick(real);
      if (a === b) continue;
      const w = 0.3 + 0.4 * this.rng.float();
      const c = new Float64Array(this.dims);
      for (let j = 0; j < this.dims; j++) c[j] = w * (a[j] ?? 0) + (1 - w) * (b[j] ?? 0);
      normalizeInPlace(c);
      this.centres.push(c);
    }
    const scale = 1 / Math.sqrt(this.dims);
    for (let c = 0; c < this.centres.length; c++) {
      const basis: Float64Array[] = [];
      for (let k = 0; k < spec.localDims; k++) {
        const u = new Float64Array(this.dims);
        for (let j = 0; j < this.dims; j++) u[j] = this.rng.gaussian() * scale;
        basis.push(u);
      }
      this.bases.push(basis);
    }
  }

  get centreCount(): number {
    return this.centres.length;
  }

  /** Fills `out` (length dims) with one point; returns its centre. */
  draw(out: Float32Array): number {
    const { spread, iso, localDims } = this.spec;
    const c = this.rng.int(this.centres.length);
    const centre = this.centres[c] as Float64Array;
    const basis = this.bases[c] as Float64Array[];
    const v = new Float64Array(this.dims);
    v.set(centre);
    const local = spread / Math.sqrt(localDims);
    for (const u of basis) {
      const z = this.rng.gaussian() * local;
      for (let j = 0; j < this.dims; j++) v[j] = (v[j] ?? 0) + z * (u[j] ?? 0);
    }
    const isoScale = iso / Math.sqrt(this.dims);
    for (let j = 0; j < this.dims; j++) v[j] = (v[j] ?? 0) + this.rng.gaussian() * isoScale;
    normalizeInPlace(v);
    out.set(v);
    return c;
  }

  take(n: number): VectorSet {
    const data = new Float32Array(n * this.dims);
    for (let i = 0; i < n; i++) this.draw(data.subarray(i * this.dims, (i + 1) * this.dims));
    return { n, dims: this.dims, data };
  }
}

/** Exact top-k by dot product (= cosine, the vectors being unit length): a plain loop, no index. */
export function exactTopK(set: VectorSet, query: Float32Array, k: number): { ids: Int32Array; scores: Float32Array } {
  const { n, dims, data } = set;
  const ids = new Int32Array(k).fill(-1);
  const scores = new Float32Array(k).fill(-Infinity);
  for (let i = 0; i < n; i++) {
    const base = i * dims;
    // Four accumulators: a fair plain loop (about twice as fast as the naive one), no SIMD, no index.
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let j = 0;
    for (; j + 3 < dims; j += 4) {
      s0 += (data[base + j] as number) * (query[j] as number);
      s1 += (data[base + j + 1] as number) * (query[j + 1] as number);
      s2 += (data[base + j + 2] as number) * (query[j + 2] as number);
      s3 += (data[base + j + 3] as number) * (query[j + 3] as number);
    }
    for (; j < dims; j++) s0 += (data[base + j] as number) * (query[j] as number);
    const s = s0 + s1 + s2 + s3;
    if (s <= (scores[k - 1] as number)) continue;
    let p = k - 1;
    while (p > 0 && (scores[p - 1] as number) < s) {
      scores[p] = scores[p - 1] as number;
      ids[p] = ids[p - 1] as number;
      p--;
    }
    scores[p] = s;
    ids[p] = i;
  }
  return { ids, scores };
}

/** Mean cosine of each query to its nearest neighbour: how "tight" a set is, for the report. */
export function meanNearestCosine(set: VectorSet, queries: VectorSet, sample: number): number {
  let sum = 0;
  const m = Math.min(sample, queries.n);
  for (let q = 0; q < m; q++) sum += exactTopK(set, row(queries, q), 1).scores[0] ?? 0;
  return m === 0 ? 0 : sum / m;
}
