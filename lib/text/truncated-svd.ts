import { EigenvalueDecomposition, Matrix } from 'ml-matrix';
import { seededRandom } from '../data/seeded-random';
import { CsrMatrix, csrMulDense, csrTranspose } from './sparse-matrix';

/** The k largest singular values of a matrix M [rows, cols] and their right singular vectors (M ≈ U diag(s) Vᵀ). */
export interface TruncatedSvd {
  k: number;
  /** Largest first. */
  singularValues: Float64Array;
  /** V [cols, k], row-major: column j is the j-th right singular vector, signed so its largest entry is positive. */
  rightVectors: Float64Array;
}

/** Options of {@link truncatedSvd}. */
export interface TruncatedSvdOptions {
  /** Extra random directions beyond k (default 10): they absorb the slow convergence of the last wanted ones. */
  oversample?: number;
  /** Multiplications by MᵀM (default 6): each shrinks the unwanted directions by (σ_l / σ_j)². */
  iterations?: number;
  seed?: number;
}

function gaussian(rows: number, cols: number, seed: number): Float64Array {
  const rand = seededRandom(seed);
  return Float64Array.from(
    { length: rows * cols },
    () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()),
  );
}

/**
 * Orthonormalise the columns of Z [rows, l] (row-major) in place: modified Gram–Schmidt, run twice so the result stays
 * orthogonal to rounding error ("twice is enough"). A column that is (numerically) in the span of the earlier ones
 * becomes zero. Plain loops: ml-matrix's Householder QR takes seconds on 11k rows.
 */
export function orthonormalizeColumns(z: Float64Array, rows: number, l: number): Float64Array {
  // Column-major copy: each column is one contiguous run, which the inner loops stream through.
  const c = new Float64Array(rows * l);
  for (let r = 0; r < rows; r++) for (let j = 0; j < l; j++) c[j * rows + r] = z[r * l + j];
  const original = new Float64Array(l);
  for (let j = 0; j < l; j++) for (let r = 0; r < rows; r++) original[j] += c[j * rows + r] ** 2;
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < l; j++) {
      const oj = j * rows;
      for (let i = 0; i < j; i++) {
        const oi = i * rows;
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += c[oi + r] * c[oj + r];
        for (let r = 0; r < rows; r++) c[oj + r] -= dot * c[oi + r];
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += c[oj + r] * c[oj + r];
      const scale = norm > 1e-20 * original[j] && norm > 0 ? 1 / Math.sqrt(norm) : 0;
      for (let r = 0; r < rows; r++) c[oj + r] *= scale;
    }
  }
  for (let r = 0; r < rows; r++) for (let j = 0; j < l; j++) z[r * l + j] = c[j * rows + r];
  return z;
}

/**
 * Truncated SVD of a sparse matrix M by subspace iteration on MᵀM (Halko, Martinsson & Tropp 2011): k + p random
 * directions are multiplied by Mᵀ(M·) a few times and re-orthonormalised (only the short, cols-long side), then
 * Rayleigh–Ritz: the small Gram matrix (MZ)ᵀ(MZ) gets an exact symmetric eigendecomposition (ml-matrix), whose
 * eigenvalues are the squared singular values. Never forms MᵀM nor factors anything of size rows: 11k × 2,000 tf-idf
 * rows to k = 50 take well under a second.
 */
export function truncatedSvd(m: CsrMatrix, k: number, options: TruncatedSvdOptions = {}): TruncatedSvd {
  const { oversample = 10, iterations = 6, seed = 1 } = options;
  const maxRank = Math.min(m.rows, m.cols);
  if (!Number.isInteger(k) || k < 1 || k > maxRank)
    throw new Error(`truncatedSvd: k must be an integer in 1..${maxRank}, got ${k}`);
  const l = Math.min(k + oversample, m.cols);
  const mt = csrTranspose(m);
  let z = orthonormalizeColumns(gaussian(m.cols, l, seed), m.cols, l);
  for (let i = 0; i < iterations; i++) z = orthonormalizeColumns(csrMulDense(mt, csrMulDense(m, z, l), l), m.cols, l);
  const y = csrMulDense(m, z, l);
  const gram = new Matrix(l, l);
  for (let a = 0; a < l; a++) {
    for (let b = a; b < l; b++) {
      let s = 0;
      for (let r = 0; r < m.rows; r++) s += y[r * l + a] * y[r * l + b];
      gram.set(a, b, s);
      gram.set(b, a, s);
    }
  }
  const evd = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const order = evd.realEigenvalues
    .map((v, i) => [v, i])
    .sort((p, q) => q[0] - p[0])
    .slice(0, k)
    .map(([, i]) => i);
  const w = evd.eigenvectorMatrix;
  const rightVectors = new Float64Array(m.cols * k);
  order.forEach((e, j) => {
    let biggest = 0;
    for (let r = 0; r < m.cols; r++) {
      let v = 0;
      for (let a = 0; a < l; a++) v += z[r * l + a] * w.get(a, e);
      rightVectors[r * k + j] = v;
      if (Math.abs(v) > Math.abs(biggest)) biggest = v;
    }
    if (biggest < 0) for (let r = 0; r < m.cols; r++) rightVectors[r * k + j] *= -1;
  });
  return {
    k,
    singularValues: Float64Array.from(order, (e) => Math.sqrt(Math.max(0, evd.realEigenvalues[e]))),
    rightVectors,
  };
}
