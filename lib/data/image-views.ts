import * as tf from '@tensorflow/tfjs';

/**
 * A second, deterministic view of images [N, H, W, C]: turned a quarter clockwise and seen `factor` times coarser
 * (block averages, blown back up to full size), like the same scene from another camera at lower resolution.
 * H and W must be equal and divisible by `factor`.
 */
export function rotatedCoarseView(images: tf.Tensor4D, factor = 2): tf.Tensor4D {
  const [, h, w] = images.shape;
  if (h !== w || h % factor !== 0)
    throw new Error(`rotatedCoarseView: needs square images divisible by ${factor}, got ${h}×${w}`);
  return tf.tidy(() => {
    const turned = tf.reverse<tf.Tensor4D>(tf.transpose(images, [0, 2, 1, 3]), 2);
    const coarse = tf.avgPool(turned, factor, factor, 'valid');
    return tf.image.resizeNearestNeighbor(coarse, [h, w]);
  });
}
