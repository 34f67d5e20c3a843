import * as tf from '@tensorflow/tfjs';
import type { IndexPairs } from './pairs';

/** One batch of pairs as tensors: left images, right images and the match labels (1 = same class). */
export interface PairBatch {
  a: tf.Tensor;
  b: tf.Tensor;
  same: tf.Tensor1D;
}

/** Pairs start..start+size−1 of `pairs` gathered from `images` (the caller disposes the three tensors). */
export function pairBatch(images: tf.Tensor, pairs: IndexPairs, start: number, size: number): PairBatch {
  const end = start + size;
  if (start < 0 || end > pairs.same.length)
    throw new Error(`pairBatch: pairs ${start}..${end - 1} asked of ${pairs.same.length}`);
  return tf.tidy(() => ({
    a: tf.gather(images, pairs.left.subarray(start, end)),
    b: tf.gather(images, pairs.right.subarray(start, end)),
    same: tf.tensor1d(pairs.same.subarray(start, end)),
  }));
}
