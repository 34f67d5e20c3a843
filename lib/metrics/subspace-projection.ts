import * as tf from '@tensorflow/tfjs';

/** The orthogonal projection of the columns of `target` onto the span of the columns of `basis`. */
export function projectOntoSpan(basis: tf.Tensor2D, target: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const [q] = tf.linalg.qr(basis);
    return tf.matMul<tf.Tensor2D>(q, q.transpose().matMul(target));
  });
}
