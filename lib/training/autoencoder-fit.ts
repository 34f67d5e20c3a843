import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import { ProgressSink } from './progress-sink';

/** The reconstruction losses an autoencoder trains with: both are means over pixels and images, as in Keras. */
export type ReconstructionLoss = 'binaryCrossentropy' | 'meanSquaredError';

/** Options of {@link fitAutoencoder}. */
export interface FitAutoencoderOptions {
  epochs: number;
  loss?: ReconstructionLoss;
  /** Default: Adam with learning rate 1e-3 (created here and disposed at the end). */
  optimizer?: tf.Optimizer;
  batchSize?: number;
  /** Make a corrupted copy of a batch of clean inputs (denoising training); called with a fresh seed per batch. */
  corrupt?: (clean: tf.Tensor2D, seed: number) => tf.Tensor2D;
  /** Seed of the batch order and the corruption (default 1): the same seed gives the same run. */
  seed?: number;
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

function lossOf(kind: ReconstructionLoss, target: tf.Tensor, output: tf.Tensor): tf.Scalar {
  return kind === 'binaryCrossentropy'
    ? tf.metrics.binaryCrossentropy(target, output).mean() as tf.Scalar
    : tf.losses.meanSquaredError(target, output) as tf.Scalar;
}

/** Train an autoencoder to reproduce its CLEAN inputs, optionally from inputs corrupted anew for every batch as
 * Vincent et al. (2008) do (a fixed corrupted copy would let the network memorise the noise). Returns the mean loss of
 * each epoch. */
export async function fitAutoencoder(model: tf.LayersModel, clean: tf.Tensor2D, options: FitAutoencoderOptions): Promise<number[]> {
  const { epochs, loss = 'binaryCrossentropy', batchSize = 256, corrupt, seed = 1, progress } = options;
  const optimizer = options.optimizer ?? tf.train.adam(1e-3);
  const n = clean.shape[0];
  // Only this model's weights: minimize() would otherwise differentiate every trainable variable in the engine.
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffledIndices(n, seed + epoch);
      let total = 0;
      for (let start = 0, batch = 0; start < n; start += batchSize, batch++) {
        const idx = order.subarray(start, Math.min(n, start + batchSize));
        const value = tf.tidy(() => {
          const target = tf.gather(clean, tf.tensor1d(idx, 'int32'));
          const input = corrupt ? corrupt(target, (seed * 7919 + epoch) * 100003 + batch) : target;
          return optimizer.minimize(() => lossOf(loss, target, model.apply(input, { training: true }) as tf.Tensor), true, variables) as tf.Scalar;
        });
        total += (await value.data())[0] * idx.length;
        value.dispose();
      }
      history.push(total / n);
      progress?.update(epoch + 1, { loss: total / n });
      await tf.nextFrame();
    }
  } finally {
    if (!options.optimizer) optimizer.dispose();
  }
  progress?.finish();
  return history;
}
