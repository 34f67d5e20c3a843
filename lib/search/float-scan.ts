// A linear scan over float vectors in plain JavaScript: the like-for-like baseline for timing a Hamming scan
// (same runtime, same loop shape, no tensor-backend calls in between).

/** Row-major float vectors: `count` rows of `dim` numbers. */
export interface FloatRows {
  values: Float32Array;
  count: number;
  dim: number;
}

/** The k rows nearest to row q of `queries` by squared Euclidean distance, nearest first (ties by index). */
export function euclideanTopK(
  queries: FloatRows,
  q: number,
  database: FloatRows,
  k: number,
  exclude = -1,
): { indices: Int32Array; distances: Float32Array } {
  if (queries.dim !== database.dim)
    throw new Error(`euclideanTopK: ${queries.dim}-d queries, ${database.dim}-d database`);
  const dim = database.dim;
  const kk = Math.min(k, database.count - (exclude >= 0 && exclude < database.count ? 1 : 0));
  // The current best k, kept sorted; a new row enters by insertion (k is small next to N).
  const best = new Float32Array(kk).fill(Infinity);
  const where = new Int32Array(kk).fill(-1);
  const qv = queries.values.subarray(q * dim, (q + 1) * dim);
  const db = database.values;
  for (let i = 0, off = 0; i < database.count; i++, off += dim) {
    if (i === exclude) continue;
    let d = 0;
    for (let j = 0; j < dim; j++) {
      const t = qv[j] - db[off + j];
      d += t * t;
    }
    if (kk === 0 || d >= best[kk - 1]) continue;
    let r = kk - 1;
    while (r > 0 && best[r - 1] > d) {
      best[r] = best[r - 1];
      where[r] = where[r - 1];
      r--;
    }
    best[r] = d;
    where[r] = i;
  }
  return { indices: where, distances: best };
}

/** The rows of a 2-D float tensor as {@link FloatRows} (its values read once, not copied when already float32). */
export function floatRows(matrix: { shape: number[]; dataSync(): ArrayLike<number> }): FloatRows {
  const [count, dim] = matrix.shape;
  const values = matrix.dataSync();
  return { values: values instanceof Float32Array ? values : Float32Array.from(values), count, dim };
}
