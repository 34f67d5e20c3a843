import * as tf from '@tensorflow/tfjs';
import { pairwiseSquaredDistances } from './pairwise-distances';

/** How two embeddings are compared: Euclidean distance, or cosine distance 1 − cos θ. */
export type DistanceMetric = 'euclidean' | 'cosine';

/** Distances [Q, G] from every query row [Q, D] to every gallery row [G, D]. */
export function distanceMatrix(
  queries: tf.Tensor2D,
  gallery: tf.Tensor2D,
  metric: DistanceMetric = 'euclidean',
): tf.Tensor2D {
  if (queries.shape[1] !== gallery.shape[1]) {
    throw new Error(`distanceMatrix: queries have ${queries.shape[1]} dimensions, gallery ${gallery.shape[1]}`);
  }
  return tf.tidy(() => {
    if (metric === 'cosine') {
      const unit = (x: tf.Tensor2D): tf.Tensor2D => tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), 1e-12));
      return tf.sub<tf.Tensor2D>(1, tf.matMul(unit(queries), unit(gallery), false, true));
    }
    return tf.sqrt<tf.Tensor2D>(tf.relu(pairwiseSquaredDistances(queries, gallery)));
  });
}

/** The k nearest gallery rows of each query, nearest first. */
export interface Neighbours {
  /** indices[q][r]: gallery index of the r-th nearest neighbour of query q. */
  indices: number[][];
  distances: number[][];
}

/** Options of {@link nearestNeighbours}. */
export interface KnnOptions {
  metric?: DistanceMetric;
  /** Queries per distance block, which bounds memory at batchSize × G floats (default 512). */
  batchSize?: number;
}

/** Exact k-nearest-neighbour search of every query row among the gallery rows. */
export function nearestNeighbours(
  queries: tf.Tensor2D,
  gallery: tf.Tensor2D,
  k: number,
  options: KnnOptions = {},
): Neighbours {
  const { metric = 'euclidean', batchSize = 512 } = options;
  const kk = Math.min(k, gallery.shape[0]);
  const indices: number[][] = [];
  const distances: number[][] = [];
  for (let start = 0; start < queries.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, queries.shape[0] - start);
    const [idx, dist] = tf.tidy(() => {
      const block = tf.slice(queries, [start, 0], [size, -1]);
      const top = tf.topk(tf.neg(distanceMatrix(block, gallery, metric)), kk);
      return [top.indices, tf.neg(top.values)];
    });
    const iv = idx.dataSync();
    const dv = dist.dataSync();
    tf.dispose([idx, dist]);
    for (let q = 0; q < size; q++) {
      indices.push(Array.from(iv.subarray(q * kk, (q + 1) * kk)));
      distances.push(Array.from(dv.subarray(q * kk, (q + 1) * kk)));
    }
  }
  return { indices, distances };
}

/**
 * The majority label among each query's k nearest gallery rows. A tie goes to the tied label whose
 * nearest member is closest, so k = 2 never does worse than k = 1 by a coin flip.
 */
export function knnClassify(
  queries: tf.Tensor2D,
  gallery: tf.Tensor2D,
  galleryLabels: ArrayLike<number>,
  k = 1,
  options: KnnOptions = {},
): Int32Array {
  if (galleryLabels.length !== gallery.shape[0]) {
    throw new Error(`knnClassify: ${galleryLabels.length} labels for ${gallery.shape[0]} gallery rows`);
  }
  const { indices } = nearestNeighbours(queries, gallery, k, options);
  return Int32Array.from(indices, (row) => {
    const votes = new Map<number, number>();
    for (const i of row) votes.set(galleryLabels[i], (votes.get(galleryLabels[i]) ?? 0) + 1);
    let best = galleryLabels[row[0]];
    for (const i of row) {
      const label = galleryLabels[i];
      if ((votes.get(label) ?? 0) > (votes.get(best) ?? 0)) best = label;
    }
    return best;
  });
}

/** Fraction of positions where `predicted` equals `truth`. */
export function predictionAccuracy(predicted: ArrayLike<number>, truth: ArrayLike<number>): number {
  if (predicted.length !== truth.length)
    throw new Error(`predictionAccuracy: ${predicted.length} predictions for ${truth.length} labels`);
  let hits = 0;
  for (let i = 0; i < truth.length; i++) if (predicted[i] === truth[i]) hits++;
  return truth.length ? hits / truth.length : 0;
}
