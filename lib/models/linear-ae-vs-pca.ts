import * as tf from '@tensorflow/tfjs';
import type { DenseAutoencoder } from './autoencoder';
import { decoderBasis } from './autoencoder';
import type { PcaFit } from './pca';
import { pcaBasis, pcaReconstruct } from './pca';
import { meanSquaredErrorPerImage, meanSquaredErrorPerPixel } from '../metrics/reconstruction';
import { principalAngles } from '../metrics/subspace';

/** One code size's headline numbers of {@link linearAeVsPca}. */
export interface LinearAeVsPcaSummary {
  pcaMse: number;
  aeMse: number;
  /** Cosine of the largest principal angle between the decoder span and the top-k PCA subspace. */
  minCos: number;
}

/** What {@link linearAeVsPca} measured: a table row per k, every principal-angle cosine, and a summary per k. */
export interface LinearAeVsPca {
  rows: Record<string, string>[];
  cosinePoints: { k: string; index: number; cosine: number }[];
  summary: Record<number, LinearAeVsPcaSummary>;
}

/** Compare linear autoencoders (trained on centred data, one per code size k) with PCA on the test rows `x`:
 * reconstruction errors and the principal angles between each decoder's span and the top-k principal directions
 * (Baldi & Hornik: at the optimum they are the same subspace). */
export function linearAeVsPca(linear: Record<number, DenseAutoencoder>, pca: PcaFit, x: tf.Tensor2D): LinearAeVsPca {
  const result: LinearAeVsPca = { rows: [], cosinePoints: [], summary: {} };
  const centred = tf.tidy(() => x.sub<tf.Tensor2D>(tf.tensor1d(pca.mean)));
  for (const k of Object.keys(linear).map(Number)) {
    const aeOut = linear[k].autoencoder.predict(centred) as tf.Tensor;
    const pcaOut = pcaReconstruct(pca, x, k);
    const aeMse = meanSquaredErrorPerPixel(centred, aeOut);
    const pcaMse = meanSquaredErrorPerPixel(x, pcaOut);
    const basis = decoderBasis(linear[k]);
    const pcs = pcaBasis(pca, k);
    const { cosines, degrees } = principalAngles(basis, pcs);
    cosines.forEach((cosine, i) => result.cosinePoints.push({ k: `k = ${k}`, index: i + 1, cosine }));
    result.summary[k] = { pcaMse, aeMse, minCos: cosines[cosines.length - 1] };
    result.rows.push({
      k: String(k),
      'PCA MSE/pixel': pcaMse.toFixed(5),
      'linear AE MSE/pixel': aeMse.toFixed(5),
      'PCA SE/image': meanSquaredErrorPerImage(x, pcaOut).toFixed(2),
      'AE SE/image': meanSquaredErrorPerImage(centred, aeOut).toFixed(2),
      'smallest cosine': cosines[cosines.length - 1].toFixed(4),
      'mean cosine': (cosines.reduce((s, c) => s + c, 0) / k).toFixed(4),
      'largest angle (°)': degrees[degrees.length - 1].toFixed(2),
      'λ_k / λ_k+1': (pca.eigenvalues[k - 1] / pca.eigenvalues[k]).toFixed(3),
    });
    tf.dispose([aeOut, pcaOut, basis, pcs]);
  }
  centred.dispose();
  return result;
}
