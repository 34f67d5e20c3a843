import type * as tf from '@tensorflow/tfjs';

/** A labelled image collection: images [N, H, W, C] float32 scaled to [0, 1], labels 0..K-1. */
export interface ImageSet {
  images: tf.Tensor4D;
  labels: Int32Array;
  classNames: string[];
}

/** Which part of a dataset to load. */
export interface ImageSetOptions {
  split?: 'train' | 'test';
  /**
   * Keep only these classes (original label numbers), e.g. [0, 1, 2, 3, 4]. Labels are renumbered 0..k-1
   * in the order given and classNames follow, so a k-way head trains directly on the subset.
   */
  classes?: number[];
  /** Keep only the first `limit` examples (after any class filter). */
  limit?: number;
}
