import * as tf from '@tensorflow/tfjs';
import { cosineSimilarity, cosineTargetLoss } from '../losses/cosine-target';
import type { PairLearner } from './pair-learner';
import { trainableVariables } from './transfer';
import { optimizerStep } from './optimizer-step';

/** One time-delay layer: a 1-D convolution over time. */
export interface TimeDelayLayer {
  filters: number;
  kernel: number;
  stride: number;
}

/** Options of {@link timeDelayEncoder}. */
export interface TimeDelayOptions {
  /** Time steps × features of a signature (default [200, 8]). */
  inputShape?: [number, number];
  /**
   * Default: Bromley et al.'s network — 12 maps with an 11-step window (stride 3: 200 → 64 steps), then 16 maps
   * with a 10-step window (stride 3: 64 → 19 steps).
   */
  layers?: TimeDelayLayer[];
  /** Default 'tanh' (the squashing units of 1994). */
  activation?: 'tanh' | 'relu';
  /**
   * How the last maps become one vector: 'average' over time (default; shift-tolerant, 16 numbers) or 'flatten'
   * (keeps when each feature happened: 19 × 16 numbers compared step by step).
   */
  pooling?: 'average' | 'flatten';
  seed?: number;
}

/**
 * A time-delay neural network: 1-D convolutions over time, then the last layer's maps averaged over time (or
 * flattened): the signature's feature vector.
 */
export function timeDelayEncoder(options: TimeDelayOptions = {}): tf.Sequential {
  const { inputShape = [200, 8], activation = 'tanh', pooling = 'average', seed = 0 } = options;
  const layers = options.layers ?? [
    { filters: 12, kernel: 11, stride: 3 },
    { filters: 16, kernel: 10, stride: 3 },
  ];
  const model = tf.sequential();
  layers.forEach((l, i) =>
    model.add(
      tf.layers.conv1d({
        filters: l.filters,
        kernelSize: l.kernel,
        strides: l.stride,
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...(i === 0 ? { inputShape } : {}),
      }),
    ),
  );
  model.add(pooling === 'average' ? tf.layers.globalAveragePooling1d() : tf.layers.flatten());
  return model;
}

/** A Siamese time-delay network: one encoder on both signatures, joined by their cosine similarity. */
export interface CosineSiamese extends PairLearner {
  encoder: tf.LayersModel;
  /** Cosine similarity of the feature vectors of matching rows of a and b (inference mode). */
  similarity(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D;
  /** Feature vectors of a batch (inference mode). */
  embed(x: tf.Tensor): tf.Tensor2D;
  variables(): tf.Variable[];
  dispose(): void;
}

/** Wrap an encoder as a tied-weight Siamese network trained toward cosine +1 (genuine pair) and −1 (with a forgery). */
export function createCosineSiamese(encoder: tf.LayersModel, optimizer: tf.Optimizer): CosineSiamese {
  const variables = (): tf.Variable[] => trainableVariables(encoder);
  const forward = (x: tf.Tensor): tf.Tensor2D => encoder.apply(x, { training: true }) as tf.Tensor2D;
  return {
    encoder,
    variables,
    similarity: (a, b) =>
      tf.tidy(() => cosineSimilarity(encoder.predict(a) as tf.Tensor2D, encoder.predict(b) as tf.Tensor2D)),
    embed: (x) => tf.tidy(() => encoder.predict(x) as tf.Tensor2D),
    tiedTraining: { encoder, loss: { kind: 'cosineTarget' }, optimizer },
    trainStep(a, b, same): tf.Scalar {
      return optimizerStep(
        optimizer,
        () => cosineTargetLoss(cosineSimilarity(forward(a), forward(b)), same),
        variables(),
      );
    },
    dispose: () => optimizer.dispose(),
  };
}
