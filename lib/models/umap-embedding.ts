import type * as tf from '@tensorflow/tfjs';
import { UMAP } from 'umap-js';
import { seededRandom } from '../data/seeded-random';

/** Options of {@link umapEmbedding}. */
export interface UmapEmbeddingOptions {
  /** Neighbourhood size: small keeps local detail, large keeps global layout (default 15). */
  nNeighbors?: number;
  /** How tightly points may pack in the map (default 0.1). */
  minDist?: number;
  /** Optimisation epochs (default: umap-js picks 500 for small sets, 200 for large). */
  nEpochs?: number;
  /** Seed of every random choice, so the map is the same each run (default 1). */
  seed?: number;
}

/** A 2-D map of the rows of `points` by UMAP (McInnes et al. 2018, the umap-js implementation): nearby rows stay
 * nearby. Returns [N][2]. */
export function umapEmbedding(points: tf.Tensor2D | number[][], options: UmapEmbeddingOptions = {}): number[][] {
  const data = Array.isArray(points) ? points : points.arraySync();
  const umap = new UMAP({
    nComponents: 2,
    nNeighbors: options.nNeighbors ?? 15,
    minDist: options.minDist ?? 0.1,
    nEpochs: options.nEpochs,
    random: seededRandom(options.seed ?? 1),
  });
  return umap.fit(data);
}
