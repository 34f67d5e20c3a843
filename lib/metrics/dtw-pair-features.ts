import type * as tf from '@tensorflow/tfjs';
import type { DtwOptions } from './dtw';
import { dtwPathFeatures } from './dtw-align';

/**
 * {@link dtwPathFeatures} between any two signatures of `sequences` ([N, steps, C], standardised), by index, each pair
 * computed once (the warp is symmetric up to ties): the pair features {@link enrolledFeatures} averages. Band 0.1 by
 * default, as the DTW baseline.
 */
export function dtwPairFeatures(
  sequences: tf.Tensor3D,
  options: DtwOptions = {},
): (i: number, j: number) => Float32Array {
  const [n, steps, channels] = sequences.shape;
  const values = sequences.dataSync() as Float32Array;
  const per = steps * channels;
  const band = options.band ?? 0.1;
  const cache = new Map<number, Float32Array>();
  return (i, j) => {
    const key = i < j ? i * n + j : j * n + i;
    let f = cache.get(key);
    if (!f) {
      f = dtwPathFeatures(values.subarray(i * per, (i + 1) * per), values.subarray(j * per, (j + 1) * per), channels, {
        band,
      });
      cache.set(key, f);
    }
    return f;
  };
}
