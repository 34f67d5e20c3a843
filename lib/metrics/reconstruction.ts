import * as tf from '@tensorflow/tfjs';

// Reconstruction errors, one number per image, and the averages papers report. Images may come in any shape
// [N, ...]; each is flattened to its pixels.

const EPSILON = 1e-7; // Keras clips predictions to [eps, 1 - eps] before the logarithm; so do we, to match its numbers.

function flat(x: tf.Tensor): tf.Tensor2D {
  return x.reshape([x.shape[0], -1]);
}

function checkShapes(x: tf.Tensor, reconstruction: tf.Tensor, what: string): void {
  if (x.size !== reconstruction.size || x.shape[0] !== reconstruction.shape[0]) {
    throw new Error(`${what}: shapes differ: [${x.shape}] vs [${reconstruction.shape}]`);
  }
}

/** Binary cross-entropy per image, averaged over its pixels (Keras' `binary_crossentropy`): a [N] tensor. */
export function binaryCrossEntropyPerImage(x: tf.Tensor, reconstruction: tf.Tensor): tf.Tensor1D {
  checkShapes(x, reconstruction, 'binaryCrossEntropyPerImage');
  return tf.tidy(() => {
    const t = flat(x);
    const p = tf.clipByValue(flat(reconstruction), EPSILON, 1 - EPSILON);
    const ll = t.mul(p.log()).add(tf.scalar(1).sub(t).mul(tf.scalar(1).sub(p).log()));
    return ll.mean(1).neg() as tf.Tensor1D;
  });
}

/** Squared error per image, SUMMED over its pixels (Hinton & Salakhutdinov's per-image error): a [N] tensor. */
export function squaredErrorPerImage(x: tf.Tensor, reconstruction: tf.Tensor): tf.Tensor1D {
  checkShapes(x, reconstruction, 'squaredErrorPerImage');
  return tf.tidy(() => flat(x).squaredDifference(flat(reconstruction)).sum<tf.Tensor1D>(1));
}

/** Mean over images of the per-pixel-averaged binary cross-entropy: the loss the Keras blog reports. */
export function meanBinaryCrossEntropy(x: tf.Tensor, reconstruction: tf.Tensor): number {
  return tf.tidy(() => binaryCrossEntropyPerImage(x, reconstruction).mean().dataSync()[0]);
}

/** "Average squared error per image" (Hinton & Salakhutdinov 2006): the mean over images of the per-image SUM. */
export function meanSquaredErrorPerImage(x: tf.Tensor, reconstruction: tf.Tensor): number {
  return tf.tidy(() => squaredErrorPerImage(x, reconstruction).mean().dataSync()[0]);
}

/** Mean squared error per pixel (the usual MSE loss): the per-image error divided by the pixel count. */
export function meanSquaredErrorPerPixel(x: tf.Tensor, reconstruction: tf.Tensor): number {
  return meanSquaredErrorPerImage(x, reconstruction) / (x.size / x.shape[0]);
}
