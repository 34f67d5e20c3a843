import type * as tf from '@tensorflow/tfjs';
import type { DtwOptions } from './dtw';
import { dtwPathFeatures } from './dtw-align';

/** Options of {@link dtwPairFeatures}. */
export interface DtwPairFeatureOptions extends DtwOptions {
  /** Whole-signature numbers, [N × G] row-major (e.g. signatureStatistics): their absolute differences are appended. */
  globals?: Float32Array;
}

/**
 * {@link dtwPathFeatures} between any two signatures of `sequences` ([N, steps, C], standardised), by index, each pair
 * computed once (the warp is symmetric up to ties), optionally followed by the differences of whole-signature numbers: the pair
 * features {@link enrolledFeatures} averages. Band 0.1 by
 * default, as the DTW baseline.
 */
export function dtwPairFeatures(
  sequences: tf.Tensor3D,
  options: DtwPairFeatureOptions = {},
): (i: number, j: number) => Float32Array {
  const [n, steps, channels] = sequences.shape;
  const values = sequences.dataSync() as Float32Array;
  const per = steps * channels;
  const band = options.band ?? 0.1;
  const globals = options.globals;
  if (globals && globals.length % n !== 0)
    throw new Error(`dtwPairFeatures: ${globals.length} global values do not divide among ${n} signatures`);
  const cache = new Map<number, Float32Array>();
  return (i, j) => {
    const key = i < j ? i * n + j : j * n + i;
    let f = cache.get(key);
    if (!f) {
      f = dtwPathFeatures(values.subarray(i * per, (i + 1) * per), values.subarray(j * per, (j + 1) * per), channels, {
        band,
      });
      if (globals) {
        const g = globals.length / n;
        const both = new Float32Array(f.length + g);
        both.set(f);
        for (let c = 0; c < g; c++) both[f.length + c] = Math.abs(globals[i * g + c] - globals[j * g + c]);
        f = both;
      }
      cache.set(key, f);
    }
    return f;
  };
}
