import * as tf from '@tensorflow/tfjs';

/** Cosine of the angle between matching rows of a and b [B, D] (the join of Bromley et al.'s Siamese network). */
export function cosineSimilarity(a: tf.Tensor2D, b: tf.Tensor2D, epsilon = 1e-8): tf.Tensor1D {
  return tf.tidy(() => {
    const dot = tf.sum(tf.mul(a, b), 1);
    const norms = tf.mul(tf.norm(a, 'euclidean', 1), tf.norm(b, 'euclidean', 1));
    return tf.div<tf.Tensor1D>(dot, tf.maximum(norms, epsilon));
  });
}

/**
 * Squared error of cosine similarities against +1 for a matching pair (same = 1: two genuine signatures) and −1 for a
 * non-matching one (same = 0: genuine and forgery), averaged over pairs (Bromley et al. 1994).
 */
export function cosineTargetLoss(cosines: tf.Tensor1D, same: tf.Tensor1D): tf.Scalar {
  if (cosines.shape[0] !== same.shape[0])
    throw new Error(`cosineTargetLoss: ${cosines.shape[0]} cosines, ${same.shape[0]} targets`);
  return tf.tidy(() => tf.mean<tf.Scalar>(tf.square(tf.sub(cosines, tf.sub(tf.mul(same, 2), 1)))));
}
