import * as tf from '@tensorflow/tfjs';
import { corrupt, CorruptionKind } from '../data/corruption';
import { meanBinaryCrossEntropy } from './reconstruction';

/** One point of {@link noiseSweep}: a model's BCE against the clean images at one noise kind and level. */
export interface NoiseSweepPoint {
  noise: string;
  level: number;
  /** The model's name, or 'noisy input' for the corrupted images scored as they are. */
  model: string;
  bce: number;
}

/** Reconstruction error against noise level: corrupt `clean` with each kind at each level (one seeded draw shared by
 * all models), and score the noisy input and each model's output by binary cross-entropy against the clean images. */
export function noiseSweep(
  models: Record<string, tf.LayersModel>,
  clean: tf.Tensor2D,
  kinds: CorruptionKind[],
  levels: number[],
  seed: number,
): NoiseSweepPoint[] {
  const points: NoiseSweepPoint[] = [];
  for (const noise of kinds) {
    for (const level of levels) {
      const noisy = corrupt(clean, noise, level, seed);
      points.push({ noise, level, model: 'noisy input', bce: meanBinaryCrossEntropy(clean, noisy) });
      for (const [model, ae] of Object.entries(models)) {
        const out = ae.predict(noisy) as tf.Tensor;
        points.push({ noise, level, model, bce: meanBinaryCrossEntropy(clean, out) });
        out.dispose();
      }
      noisy.dispose();
    }
  }
  return points;
}
