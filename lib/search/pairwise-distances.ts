import * as tf from '@tensorflow/tfjs';

/**
 * Squared Euclidean distances [A, B] between the rows of `a` [A, D] and `b` [B, D], differentiable:
 * |a − b|² = |a|² − 2 a·b + |b|², one matrix product instead of an [A, B, D] difference tensor. Rounding can make
 * entries slightly negative: callers clamp (relu) before a square root.
 */
export function pairwiseSquaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const aa = tf.sum(tf.square(a), 1, true);
    const bb = a === b ? aa : tf.sum(tf.square(b), 1, true);
    return tf.add<tf.Tensor2D>(tf.sub(aa, tf.mul(tf.matMul(a, b, false, true), 2)), tf.transpose(bb));
  });
}

/** Squared Euclidean distances [B] between matching rows of `a` and `b` [B, D], differentiable: Σ (a − b)². */
export function rowSquaredDistances(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => tf.sum<tf.Tensor1D>(tf.square(tf.sub(a, b)), 1));
}
