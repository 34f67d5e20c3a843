import * as tf from '@tensorflow/tfjs';
import { DtwOptions, dtwDistance } from './dtw';
import { EnrolledScoreOptions, EnrolmentLabels, ReferenceScores, enrolledScores } from './signature-verification';

/**
 * The classic online-signature verifier: dynamic time warping between a questioned signature's feature sequence
 * ([N, steps, C], already standardised) and each enrolled one, with per-signer score normalisation
 * ({@link enrolledScores}; default: mean distance to 5 references over their mean distance to each other, band 0.1).
 */
export function dtwReferenceScores(
  sequences: tf.Tensor3D,
  labels: EnrolmentLabels,
  options: EnrolledScoreOptions & DtwOptions = {},
): ReferenceScores {
  const [, steps, channels] = sequences.shape;
  const values = sequences.dataSync();
  const row = (i: number): ArrayLike<number> => values.subarray(i * steps * channels, (i + 1) * steps * channels);
  const band = options.band ?? 0.1;
  return enrolledScores((i, j) => dtwDistance(row(i), row(j), channels, { band }), labels, options);
}
