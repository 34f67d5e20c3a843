import * as tf from '@tensorflow/tfjs';
import { fitFast, trainable, type TrainableFunction } from './fit';
import { ProgressSink } from '../viz/progress-sink';

/** The reconstruction losses an autoencoder trains with: both are means over pixels and images, as in Keras. */
export type ReconstructionLoss = 'binaryCrossentropy' | 'meanSquaredError';

/** Options of {@link fitAutoencoder}. */
export interface FitAutoencoderOptions {
  epochs: number;
  loss?: ReconstructionLoss;
  /** Default: fusedAdam with learning rate 1e-3 (created and disposed by fitFast). */
  optimizer?: tf.Optimizer;
  batchSize?: number;
  /** Make a corrupted copy of a batch of clean inputs (denoising training); called with a fresh seed per batch. */
  corrupt?: (clean: tf.Tensor2D, seed: number) => tf.Tensor2D;
  /** Seed of the batch order and the corruption (default 1): the same seed gives the same run. */
  seed?: number;
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

/** Train an autoencoder to reproduce its CLEAN inputs, optionally from inputs corrupted anew for every batch as
 * Vincent et al. (2008) do (a fixed corrupted copy would let the network memorise the noise). Runs on fitFast; returns
 * the mean loss of each epoch. */
export async function fitAutoencoder(
  model: tf.LayersModel,
  clean: tf.Tensor2D,
  options: FitAutoencoderOptions,
): Promise<number[]> {
  const { epochs, loss = 'binaryCrossentropy', batchSize = 256, corrupt, seed = 1, optimizer, progress } = options;
  let batches = 0;
  // Denoising = the model applied to a corrupted batch, scored against the clean batch; the noise needs no gradient.
  let trainee: tf.LayersModel | TrainableFunction = model;
  if (corrupt) {
    const direct = trainable(model);
    const noisy = (x: tf.Tensor): tf.Tensor => corrupt(x as tf.Tensor2D, seed * 100003 + batches++);
    trainee = {
      apply: (x: tf.Tensor) => direct.apply(noisy(x)),
      applyLogits: direct.applyLogits ? (x) => direct.applyLogits!(noisy(x)) : undefined,
      variables: direct.variables,
    };
  }
  return fitFast(trainee, clean, clean, { epochs, loss, batchSize, optimizer, seed, progress });
}
