import * as tf from '@tensorflow/tfjs';
import { seededRandom, shuffledIndices } from '../data/seeded-random';
import { DistanceMetric, knnClassify, predictionAccuracy } from '../search/knn';

/** Indices of the enrolled (gallery) examples and of the probes to identify against them. */
export interface GallerySplit {
  gallery: Int32Array;
  probes: Int32Array;
}

/** Enrol `perIdentity` examples of each identity, chosen at random (seeded); every other example is a probe. */
export function splitGallery(labels: ArrayLike<number>, perIdentity: number, seed = 0): GallerySplit {
  const enrolled = new Map<number, number>();
  const gallery: number[] = [];
  const probes: number[] = [];
  for (const i of shuffledIndices(labels.length, seed)) {
    const n = enrolled.get(labels[i]) ?? 0;
    if (n < perIdentity) {
      enrolled.set(labels[i], n + 1);
      gallery.push(i);
    } else probes.push(i);
  }
  const byIndex = (a: number, b: number): number => a - b;
  return { gallery: Int32Array.from(gallery.sort(byIndex)), probes: Int32Array.from(probes.sort(byIndex)) };
}

/** Names an identity for each probe row given the enrolled rows and their identities (k-NN, or a layer trained on the gallery). */
export type GalleryClassifier = (gallery: tf.Tensor2D, galleryLabels: Int32Array, probes: tf.Tensor2D) => Int32Array;

/** The k-nearest-neighbour vote as a {@link GalleryClassifier}. */
export function knnGalleryClassifier(k = 1, metric: DistanceMetric = 'euclidean'): GalleryClassifier {
  return (gallery, galleryLabels, probes) => knnClassify(probes, gallery, galleryLabels, k, { metric });
}

/** Fraction of the split's probes that `classify` (default 1-NN) assigns to their own identity. */
export function identificationAccuracyOfSplit(
  embeddings: tf.Tensor2D,
  labels: ArrayLike<number>,
  split: GallerySplit,
  classify: GalleryClassifier = knnGalleryClassifier(),
): number {
  const [gallery, probes] = tf.tidy<[tf.Tensor2D, tf.Tensor2D]>(() => [
    tf.gather(embeddings, tf.tensor1d(split.gallery, 'int32')),
    tf.gather(embeddings, tf.tensor1d(split.probes, 'int32')),
  ]);
  const predicted = classify(
    gallery,
    Int32Array.from(split.gallery, (i) => labels[i]),
    probes,
  );
  tf.dispose([gallery, probes]);
  return predictionAccuracy(
    predicted,
    Array.from(split.probes, (i) => labels[i]),
  );
}

/** Options of {@link identificationAccuracy}. */
export interface IdentificationOptions {
  /** Neighbours that vote (default 1), when no classifier is given. */
  k?: number;
  metric?: DistanceMetric;
  /** How probes are identified from the gallery (default: the k-NN vote). */
  classifier?: GalleryClassifier;
  /** Random gallery draws averaged over (default 10): with 1 image per person one draw is noisy. */
  repeats?: number;
  seed?: number;
}

/** Mean and spread of 1:N identification accuracy over several random gallery draws. */
export interface IdentificationResult {
  mean: number;
  std: number;
  runs: number[];
}

/**
 * 1:N identification: enrol `perIdentity` embeddings per identity, identify every other embedding from the gallery
 * (k-NN vote by default; rank-1 when k = 1), and score the fraction identified correctly.
 */
export function identificationAccuracy(
  embeddings: tf.Tensor2D,
  labels: ArrayLike<number>,
  perIdentity: number,
  options: IdentificationOptions = {},
): IdentificationResult {
  const { k = 1, metric = 'euclidean', repeats = 10, seed = 0 } = options;
  const classify = options.classifier ?? knnGalleryClassifier(k, metric);
  if (embeddings.shape[0] !== labels.length)
    throw new Error(`identificationAccuracy: ${embeddings.shape[0]} embeddings, ${labels.length} labels`);
  const seeds = seededRandom(seed);
  const runs: number[] = [];
  for (let r = 0; r < repeats; r++) {
    const split = splitGallery(labels, perIdentity, Math.floor(seeds() * 2 ** 31));
    runs.push(identificationAccuracyOfSplit(embeddings, labels, split, classify));
  }
  const mean = runs.reduce((s, v) => s + v, 0) / runs.length;
  const std = Math.sqrt(runs.reduce((s, v) => s + (v - mean) ** 2, 0) / runs.length);
  return { mean, std, runs };
}
