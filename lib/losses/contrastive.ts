import * as tf from '@tensorflow/tfjs';
import { rowSquaredDistances } from '../search/pairwise-distances';

/**
 * Contrastive loss (Hadsell, Chopra & LeCun 2006), mean over pairs of y·d² + (1 − y)·max(m − d, 0)²,
 * with y = 1 for a matching pair: matches are pulled together, non-matches pushed out to the margin m and then left alone.
 */
export function contrastiveLoss(distances: tf.Tensor1D, same: tf.Tensor1D, margin = 1): tf.Scalar {
  if (distances.shape[0] !== same.shape[0])
    throw new Error(`contrastiveLoss: ${distances.shape[0]} distances, ${same.shape[0]} targets`);
  return tf.tidy(() => {
    const pull = tf.mul(same, tf.square(distances));
    const push = tf.mul(tf.sub(1, same), tf.square(tf.relu(tf.sub(margin, distances))));
    return tf.mean<tf.Scalar>(tf.add(pull, push));
  });
}

/**
 * Euclidean distance between matching rows of a and b [B, D], as sqrt(max(|a − b|², ε)): the clamp keeps the
 * gradient finite when two embeddings coincide (the Keras mnist_siamese example does the same).
 */
export function rowDistances(a: tf.Tensor2D, b: tf.Tensor2D, epsilon = 1e-12): tf.Tensor1D {
  return tf.tidy(() => tf.sqrt(tf.maximum<tf.Tensor1D>(rowSquaredDistances(a, b), epsilon)));
}
