import * as tf from '@tensorflow/tfjs';
import { PCA } from 'ml-pca';

/** A fitted PCA: the mean, the principal directions (unit vectors, most variance first) and their variances. */
export interface PcaFit {
  dims: number;
  mean: Float32Array;
  /** Divisors applied after centring (all 1 unless fitted with `standardize`). */
  scale: Float32Array;
  /** components[i] is the i-th principal direction, length `dims`. */
  components: Float32Array[];
  /** Variance along each direction (eigenvalues of the covariance matrix, n − 1 denominator), most first: `dims` of
   * them, or N when fitted on fewer examples N than dimensions (the rest are zero). */
  eigenvalues: number[];
}

/** Options of {@link fitPca}. */
export interface FitPcaOptions {
  /** Keep only this many directions (default: all). */
  maxComponents?: number;
  /** Divide each centred column by its standard deviation first (for tables of unlike units). */
  standardize?: boolean;
}

function rows(x: tf.Tensor): tf.Tensor2D {
  return x.reshape([x.shape[0], -1]);
}

/** Fit PCA to the rows of `x` ([N, ...], flattened per example). The covariance matrix is formed with tfjs (fast), and
 * ml-pca takes its eigendecomposition. With fewer examples than dimensions (faces: 400 images of 10,304 pixels) it
 * decomposes the small N × N Gram matrix instead and maps its eigenvectors back (Turk & Pentland's eigenfaces trick). */
export function fitPca(x: tf.Tensor, options: FitPcaOptions = {}): PcaFit {
  const n = x.shape[0];
  if (n < 2) throw new Error(`fitPca: need at least 2 examples, got ${n}`);
  const dims = x.size / n;
  const viaGram = n < dims;
  const { mean, scale, second } = tf.tidy(() => {
    const data = rows(x).cast('float32');
    const mu = data.mean(0);
    let centred = data.sub(mu);
    let sd = tf.onesLike(mu);
    if (options.standardize) {
      // A constant column would divide by zero; leave it unscaled (it carries no variance anyway).
      const raw = centred
        .square()
        .sum(0)
        .div(n - 1)
        .sqrt();
      sd = tf.where(raw.greater(0), raw, tf.onesLike(raw));
      centred = centred.div(sd);
    }
    // Explicit transposes: matMul(transposeA) is much slower on the wasm backend.
    const moment = viaGram ? tf.matMul(centred, centred.transpose()) : tf.matMul(centred.transpose(), centred);
    return {
      mean: mu.dataSync() as Float32Array,
      scale: sd.dataSync() as Float32Array,
      second: moment.div(n - 1).arraySync() as number[][],
    };
  });
  const pca = new PCA(second, { isCovarianceMatrix: true });
  const vectors = pca.getEigenvectors();
  const eigenvalues = pca.getEigenvalues().map((v) => Math.max(0, v));
  const rank = viaGram ? Math.min(n - 1, dims) : dims;
  const keep = Math.min(options.maxComponents ?? rank, rank);
  const components = viaGram
    ? gramComponents(
        x,
        mean,
        scale,
        vectors.subMatrix(0, n - 1, 0, keep - 1).to2DArray(),
        eigenvalues.slice(0, keep),
        n,
      )
    : Array.from({ length: keep }, (_, j) => Float32Array.from(vectors.getColumn(j)));
  return { dims, mean, scale, components, eigenvalues };
}

/** Principal directions from Gram eigenvectors v: u = Xcᵀ v / √((n − 1) λ), unit length when λ > 0. */
function gramComponents(
  x: tf.Tensor,
  mean: Float32Array,
  scale: Float32Array,
  v: number[][],
  lambdas: number[],
  n: number,
): Float32Array[] {
  const u = tf.tidy(() => {
    const centred = rows(x).cast('float32').sub(tf.tensor1d(mean)).div(tf.tensor1d(scale));
    const norms = tf.tensor1d(lambdas.map((l) => Math.sqrt(Math.max(l, 1e-30) * (n - 1))));
    return tf.matMul(centred.transpose(), tf.tensor2d(v)).div(norms).transpose().arraySync() as number[][];
  });
  return u.map((row) => Float32Array.from(row));
}

function checkK(fit: PcaFit, k: number): void {
  if (!Number.isInteger(k) || k < 1 || k > fit.components.length) {
    throw new Error(`PCA: k must be an integer in 1..${fit.components.length}, got ${k}`);
  }
}

/** The first k principal directions as the columns of a [dims, k] tensor. */
export function pcaBasis(fit: PcaFit, k: number): tf.Tensor2D {
  checkK(fit, k);
  const flatValues = new Float32Array(fit.dims * k);
  for (let j = 0; j < k; j++) {
    const c = fit.components[j];
    for (let i = 0; i < fit.dims; i++) flatValues[i * k + j] = c[i];
  }
  return tf.tensor2d(flatValues, [fit.dims, k]);
}

/** Coordinates of each row of `x` on the first k principal directions: [N, k]. */
export function pcaProject(fit: PcaFit, x: tf.Tensor, k: number): tf.Tensor2D {
  return tf.tidy(() => {
    const z = rows(x).sub(tf.tensor1d(fit.mean)).div(tf.tensor1d(fit.scale));
    return tf.matMul(z, pcaBasis(fit, k));
  });
}

/** Rows of `x` rebuilt from their first k principal coordinates, in the original units and shape of `x`. */
export function pcaReconstruct(fit: PcaFit, x: tf.Tensor, k: number): tf.Tensor {
  return tf.tidy(() => {
    const basis = pcaBasis(fit, k);
    const z = rows(x).sub(tf.tensor1d(fit.mean)).div(tf.tensor1d(fit.scale));
    const back = tf.matMul(tf.matMul(z, basis), basis.transpose());
    return back.mul(tf.tensor1d(fit.scale)).add(tf.tensor1d(fit.mean)).reshape(x.shape);
  });
}

/** Fraction of the total variance the first k directions hold. */
export function explainedVariance(fit: PcaFit, k: number): number {
  const total = fit.eigenvalues.reduce((s, v) => s + v, 0);
  return fit.eigenvalues.slice(0, k).reduce((s, v) => s + v, 0) / total;
}
