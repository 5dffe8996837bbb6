/** Small vector helpers shared by indexing, retrieval and summaries (all vectors here are unit length). */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] ?? 0) * (b[i] ?? 0);
  return sum;
}

/** The vector scaled to length 1 (a zero vector stays zero), so a dot product is a cosine. */
export function unit(vector: ArrayLike<number>): Float32Array {
  const norm = Math.sqrt(dot(vector, vector));
  const scale = norm > 0 ? 1 / norm : 0;
  return Float32Array.from({ length: vector.length }, (_, i) => (vector[i] ?? 0) * scale);
}
