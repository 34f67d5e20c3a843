import * as tf from '@tensorflow/tfjs';
import { pairwiseSquaredDistances, rowSquaredDistances } from '../search/pairwise-distances';

/** How the triplet loss measures distance: Euclidean, or its square (FaceNet's choice, Schroff et al. 2015). */
export type TripletDistance = 'euclidean' | 'squared';

/** Which triplets a batch contributes: every valid one, or one semi-hard negative per anchor-positive pair. */
export type TripletMining = 'batch-all' | 'semi-hard';

/** Margin α and distance of a triplet loss. */
export interface TripletOptions {
  /** α in max(d(a,p) − d(a,n) + α, 0); FaceNet uses 0.2 on L2-normalised embeddings. Default 0.2. */
  margin?: number;
  /** Default 'squared', as in FaceNet. */
  distance?: TripletDistance;
}

/** Options of {@link minedTripletLoss}. */
export interface MinedTripletOptions extends TripletOptions {
  /** Default 'semi-hard'. */
  mining?: TripletMining;
}

/** Triplets as index arrays into a batch: (anchors[i], positives[i], negatives[i]). */
export interface TripletIndices {
  anchors: Int32Array;
  positives: Int32Array;
  negatives: Int32Array;
}

/** Mean over rows of max(d(a,p) − d(a,n) + α, 0) for explicit anchor, positive and negative embeddings [B, D]. */
export function tripletLoss(
  anchor: tf.Tensor2D,
  positive: tf.Tensor2D,
  negative: tf.Tensor2D,
  options: TripletOptions = {},
): tf.Scalar {
  const { margin = 0.2, distance = 'squared' } = options;
  return tf.tidy(() => {
    const dist = (u: tf.Tensor2D, v: tf.Tensor2D): tf.Tensor1D => {
      const sq = rowSquaredDistances(u, v);
      return distance === 'squared' ? sq : safeSqrt(sq);
    };
    return tf.mean<tf.Scalar>(tf.relu(tf.add(tf.sub(dist(anchor, positive), dist(anchor, negative)), margin)));
  });
}

/** sqrt whose gradient is 0 instead of infinite at 0 (identical embeddings, e.g. the diagonal of a distance matrix). */
const safeSqrt = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [x, save] = args as [tf.Tensor, tf.GradSaveFunc];
  const root = tf.sqrt(tf.relu(x));
  save([root]);
  return {
    value: root,
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const r = saved[0];
      return tf.where(tf.greater(r, 0), tf.div(dy, tf.mul(tf.maximum(r, 1e-30), 2)), tf.zerosLike(r));
    },
  };
}) as <T extends tf.Tensor>(x: T) => T;

/** All pairwise distances [B, B] between the rows of `embeddings` [B, D], differentiable. */
export function batchDistances(embeddings: tf.Tensor2D, distance: TripletDistance = 'squared'): tf.Tensor2D {
  return tf.tidy(() => {
    const sq = tf.relu(pairwiseSquaredDistances(embeddings, embeddings));
    return distance === 'squared' ? sq : safeSqrt(sq);
  });
}

/**
 * Choose triplets from a B×B distance matrix (row-major) and the batch labels.
 * 'batch-all': every (a, p, n) with label(p) = label(a), p ≠ a and label(n) ≠ label(a).
 * 'semi-hard': for each anchor-positive pair, the closest negative that is still farther than the positive
 * (d(a,n) > d(a,p)); when no negative is, the farthest negative (the rule of TensorFlow Addons' triplet_semihard_loss).
 */
export function mineTriplets(
  distances: ArrayLike<number>,
  labels: ArrayLike<number>,
  mining: TripletMining,
): TripletIndices {
  const b = labels.length;
  if (distances.length !== b * b)
    throw new Error(`mineTriplets: ${distances.length} distances for a batch of ${b} (expected ${b * b})`);
  const anchors: number[] = [];
  const positives: number[] = [];
  const negatives: number[] = [];
  for (let a = 0; a < b; a++) {
    for (let p = 0; p < b; p++) {
      if (p === a || labels[p] !== labels[a]) continue;
      const dap = distances[a * b + p];
      if (mining === 'batch-all') {
        for (let n = 0; n < b; n++) {
          if (labels[n] === labels[a]) continue;
          anchors.push(a);
          positives.push(p);
          negatives.push(n);
        }
        continue;
      }
      let outside = -1;
      let farthest = -1;
      for (let n = 0; n < b; n++) {
        if (labels[n] === labels[a]) continue;
        const dan = distances[a * b + n];
        if (dan > dap && (outside < 0 || dan < distances[a * b + outside])) outside = n;
        if (farthest < 0 || dan > distances[a * b + farthest]) farthest = n;
      }
      const chosen = outside >= 0 ? outside : farthest;
      if (chosen >= 0) {
        anchors.push(a);
        positives.push(p);
        negatives.push(chosen);
      }
    }
  }
  return {
    anchors: Int32Array.from(anchors),
    positives: Int32Array.from(positives),
    negatives: Int32Array.from(negatives),
  };
}

/**
 * Triplet loss of a batch of embeddings [B, D] with labels, triplets mined inside the batch.
 * 'batch-all' averages over the triplets whose loss is positive (Hermans et al. 2017: averaging over all would
 * drown the few informative triplets among the many already satisfied); 'semi-hard' averages over every
 * anchor-positive pair, as FaceNet does. Mining reads distances synchronously; the loss stays differentiable.
 */
export function minedTripletLoss(
  embeddings: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: MinedTripletOptions = {},
): tf.Scalar {
  const { margin = 0.2, distance = 'squared', mining = 'semi-hard' } = options;
  const b = labels.length;
  if (embeddings.shape[0] !== b) throw new Error(`minedTripletLoss: ${embeddings.shape[0]} embeddings but ${b} labels`);
  return tf.tidy(() => {
    const dist = batchDistances(embeddings, distance);
    if (mining === 'batch-all') return batchAllLoss(dist, labels, margin);
    const t = mineTriplets(dist.dataSync(), labels, mining);
    // Kept connected to the graph so that an optimizer still finds its variables when a batch has no triplet.
    if (t.anchors.length === 0) return tf.mul<tf.Scalar>(tf.sum(dist), 0);
    // Rows picked by one-hot products rather than gather: the same gradient, without a scatter kernel per step.
    // (Cast, not oneHot's dtype argument: tfjs-backend-wasm 4.22 writes int32 bits into a float32 oneHot.)
    const pick = (rows: Int32Array): tf.Tensor2D =>
      tf.matMul(tf.cast(tf.oneHot(tf.tensor1d(rows, 'int32'), b), 'float32'), embeddings);
    return tripletLoss(pick(t.anchors), pick(t.positives), pick(t.negatives), { margin, distance });
  });
}

/**
 * Batch-all as one broadcast: loss[a, p, n] = max(d(a,p) − d(a,n) + α, 0) masked to valid triplets, which is
 * B³ numbers but no per-triplet index lists (a P×K batch of 160 has 345,600 triplets).
 */
function batchAllLoss(dist: tf.Tensor2D, labels: ArrayLike<number>, margin: number): tf.Scalar {
  const b = labels.length;
  const positive = new Float32Array(b * b);
  const negative = new Float32Array(b * b);
  for (let i = 0; i < b; i++) {
    for (let j = 0; j < b; j++) {
      positive[i * b + j] = i !== j && labels[i] === labels[j] ? 1 : 0;
      negative[i * b + j] = labels[i] !== labels[j] ? 1 : 0;
    }
  }
  const mask = tf.mul(tf.tensor3d(positive, [b, b, 1]), tf.tensor3d(negative, [b, 1, b]));
  const losses = tf.mul(tf.relu(tf.add(tf.sub(tf.expandDims(dist, 2), tf.expandDims(dist, 1)), margin)), mask);
  // Counted off the gradient path: a comparison has no gradient for the tape to follow.
  const active = tf.sum(tf.cast(tf.greater(losses, 1e-12), 'float32')).dataSync()[0];
  return tf.div<tf.Scalar>(tf.sum(losses), Math.max(active, 1));
}

/** Fraction of the valid triplets of a batch that still violate the margin (how much batch-all has left to learn). */
export function activeTripletFraction(
  embeddings: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: TripletOptions = {},
): number {
  const { margin = 0.2, distance = 'squared' } = options;
  const b = labels.length;
  const dist = batchDistances(embeddings, distance);
  const d = dist.dataSync();
  dist.dispose();
  const t = mineTriplets(d, labels, 'batch-all');
  let active = 0;
  for (let i = 0; i < t.anchors.length; i++) {
    const a = t.anchors[i];
    if (d[a * b + t.positives[i]] - d[a * b + t.negatives[i]] + margin > 0) active++;
  }
  return t.anchors.length ? active / t.anchors.length : 0;
}
