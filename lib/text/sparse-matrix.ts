import * as tf from '@tensorflow/tfjs';

/** A sparse matrix in compressed sparse row form: row r holds values[indptr[r] .. indptr[r+1]) at columns indices[…]
 * (columns ascending within a row). A bag-of-words row of 2,000 terms has a few dozen non-zeros. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  values: Float32Array;
}

/** A CSR matrix from one Map column → value per row (zeros dropped). */
export function csrFromRowMaps(rows: readonly Map<number, number>[], cols: number): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((row, r) => {
    indptr[r + 1] = indptr[r] + [...row.values()].filter((v) => v !== 0).length;
  });
  const indices = new Int32Array(indptr[rows.length]);
  const values = new Float32Array(indptr[rows.length]);
  rows.forEach((row, r) => {
    let at = indptr[r];
    for (const c of [...row.keys()].sort((a, b) => a - b)) {
      const v = row.get(c) ?? 0;
      if (v === 0) continue;
      if (c < 0 || c >= cols) throw new Error(`csrFromRowMaps: column ${c} outside 0..${cols - 1}`);
      indices[at] = c;
      values[at++] = v;
    }
  });
  return { rows: rows.length, cols, indptr, indices, values };
}

/** A CSR matrix from a dense row-major array (zeros dropped): handy for small examples and tests. */
export function csrFromDense(dense: readonly (readonly number[])[]): CsrMatrix {
  const cols = dense[0]?.length ?? 0;
  return csrFromRowMaps(
    dense.map((row) => new Map(row.map((v, c) => [c, v] as [number, number]).filter(([, v]) => v !== 0))),
    cols,
  );
}

/** The rows `which` of a CSR matrix, in that order. */
export function csrSelectRows(m: CsrMatrix, which: ArrayLike<number>): CsrMatrix {
  const indptr = new Int32Array(which.length + 1);
  for (let i = 0; i < which.length; i++) indptr[i + 1] = indptr[i] + m.indptr[which[i] + 1] - m.indptr[which[i]];
  const indices = new Int32Array(indptr[which.length]);
  const values = new Float32Array(indptr[which.length]);
  for (let i = 0; i < which.length; i++) {
    const from = m.indptr[which[i]],
      to = m.indptr[which[i] + 1];
    indices.set(m.indices.subarray(from, to), indptr[i]);
    values.set(m.values.subarray(from, to), indptr[i]);
  }
  return { rows: which.length, cols: m.cols, indptr, indices, values };
}

/** The transpose, still CSR: for a document × term matrix, term → documents (an inverted index). */
export function csrTranspose(m: CsrMatrix): CsrMatrix {
  const indptr = new Int32Array(m.cols + 1);
  for (let k = 0; k < m.indices.length; k++) indptr[m.indices[k] + 1]++;
  for (let c = 0; c < m.cols; c++) indptr[c + 1] += indptr[c];
  const fill = indptr.slice(0, m.cols);
  const indices = new Int32Array(m.indices.length);
  const values = new Float32Array(m.indices.length);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const at = fill[m.indices[k]]++;
      indices[at] = r;
      values[at] = m.values[k];
    }
  }
  return { rows: m.cols, cols: m.rows, indptr, indices, values };
}

/** The product M · B of a CSR matrix [r, c] and a dense row-major matrix B [c, n]: [r, n], row-major. */
export function csrMulDense(m: CsrMatrix, b: Float64Array, n: number): Float64Array {
  if (b.length !== m.cols * n) throw new Error(`csrMulDense: B has ${b.length} values, expected ${m.cols} × ${n}`);
  const out = new Float64Array(m.rows * n);
  for (let r = 0; r < m.rows; r++) {
    const o = r * n;
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) {
      const v = m.values[k],
        bo = m.indices[k] * n;
      for (let j = 0; j < n; j++) out[o + j] += v * b[bo + j];
    }
  }
  return out;
}

/** The whole matrix as a dense float32 tensor [rows, cols] (for a network's input: 11k × 2,000 is 90 MB). */
export function csrToTensor(m: CsrMatrix): tf.Tensor2D {
  const dense = new Float32Array(m.rows * m.cols);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) dense[r * m.cols + m.indices[k]] = m.values[k];
  }
  return tf.tensor2d(dense, [m.rows, m.cols]);
}

/** Each row as a dense number array (small matrices only: examples and tests). */
export function csrToArray(m: CsrMatrix): number[][] {
  return Array.from({ length: m.rows }, (_, r) => {
    const row = new Array<number>(m.cols).fill(0);
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) row[m.indices[k]] = m.values[k];
    return row;
  });
}

/** The same sparsity pattern with each row's values mapped by `f(value, row, column)`. */
export function csrMapValues(m: CsrMatrix, f: (value: number, row: number, col: number) => number): CsrMatrix {
  const values = new Float32Array(m.values.length);
  for (let r = 0; r < m.rows; r++) {
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) values[k] = f(m.values[k], r, m.indices[k]);
  }
  return { ...m, values };
}

/** Each row scaled to unit Euclidean length (an all-zero row stays zero): dot products become cosines. */
export function csrNormalizeRows(m: CsrMatrix): CsrMatrix {
  const norms = new Float64Array(m.rows);
  for (let r = 0; r < m.rows; r++) {
    let s = 0;
    for (let k = m.indptr[r]; k < m.indptr[r + 1]; k++) s += m.values[k] * m.values[k];
    norms[r] = Math.sqrt(s);
  }
  return csrMapValues(m, (v, r) => (norms[r] > 0 ? v / norms[r] : 0));
}
