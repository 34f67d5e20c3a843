import * as tf from '@tensorflow/tfjs';

/** The columns of a [h·w, k] basis as k images [k, h, w, 1], each stretched to [0, 1] for display. */
export function basisImages(basis: tf.Tensor2D, height = 28, width = 28): tf.Tensor4D {
  return tf.tidy(() => {
    const cols = basis.transpose();
    const lo = cols.min(1, true);
    const hi = cols.max(1, true);
    return cols.sub(lo).div(hi.sub(lo)).reshape<tf.Tensor4D>([basis.shape[1], height, width, 1]);
  });
}
