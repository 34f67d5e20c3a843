import * as tf from '@tensorflow/tfjs';
import { timeDelayEncoder, type TimeDelayLayer } from './time-delay';

/** Options of {@link alignedPairNet}. */
export interface AlignedPairNetOptions {
  /** Time steps × channels of one aligned difference sequence (default [200, 8]). */
  inputShape?: [number, number];
  /** Default: Bromley et al.'s two time-delay layers (12 maps, window 11, stride 3; 16 maps, window 10, stride 3). */
  layers?: TimeDelayLayer[];
  seed?: number;
}

/**
 * A time-delay encoder (tanh, averaged over time) that reads the step-by-step difference of two DTW-aligned
 * signatures, then two logits, [forgery, same writer]: a learned local distance where DTW adds up fixed Euclidean ones.
 */
export function alignedPairNet(options: AlignedPairNetOptions = {}): tf.Sequential {
  const seed = options.seed ?? 0;
  const model = timeDelayEncoder({ inputShape: options.inputShape, layers: options.layers, seed });
  model.add(tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 99 }) }));
  return model;
}

/** −log P(same writer) for each row of `inputs` under a two-logit pair network: a non-negative learned distance. */
export function learnedPairDistances(model: tf.LayersModel, inputs: tf.Tensor, batchSize = 512): Float32Array {
  const n = inputs.shape[0];
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const size = Math.min(batchSize, n - start);
    const d = tf.tidy(() => {
      const logits = model.predict(tf.slice(inputs, start, size)) as tf.Tensor2D;
      return tf.neg(tf.logSoftmax(logits).slice([0, 1], [size, 1]).reshape([size]));
    });
    out.set(d.dataSync(), start);
    d.dispose();
  }
  return out;
}
