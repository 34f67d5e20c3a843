import * as tf from '@tensorflow/tfjs';
import type { ImageSet } from './image-set';
import { samplePerClass } from './seeded-random';

/** The examples at `indices` of an image set, as a new ImageSet (own tensor: dispose it when done). */
export function selectExamples(set: ImageSet, indices: ArrayLike<number>): ImageSet {
  const idx = Int32Array.from(indices);
  return {
    images: tf.tidy(() => tf.gather(set.images, tf.tensor1d(idx, 'int32'))),
    labels: Int32Array.from(idx, (i) => set.labels[i]),
    classNames: set.classNames,
  };
}

/** Up to `perClass` random examples of each class (seeded): a target set with few labels. */
export function perClassSubset(set: ImageSet, perClass: number, seed = 0): ImageSet {
  return selectExamples(set, samplePerClass(set.labels, perClass, seed));
}
