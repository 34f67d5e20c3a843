import * as tf from '@tensorflow/tfjs';
import { classBalancedBatch } from '../data/class-batches';
import { noteFallback } from '../graph/fallback';
import { graphUnavailable } from '../graph/fit';
import { seededRandom } from '../data/seeded-random';
import { MinedTripletOptions, minedTripletLoss } from '../losses/triplet';
import { trainableVariables } from '../models/transfer';
import type { ProgressSink } from '../viz/progress-sink';

/** Rows of x [B, D] scaled to unit length: FaceNet's embedding lives on the unit hypersphere. */
export function l2Normalize(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.div(x, tf.maximum(tf.norm(x, 'euclidean', 1, true), 1e-12)));
}

/** Options of {@link fitTriplets}. */
export interface FitTripletsOptions extends MinedTripletOptions {
  /** Optimisation steps, one P×K batch each. */
  steps: number;
  optimizer: tf.Optimizer;
  /** P: classes per batch (default: every class, at most 10). */
  classesPerBatch?: number;
  /** K: examples per class in a batch (default 8). */
  perClass?: number;
  /** L2-normalise the embeddings before the loss, as FaceNet does (default true). */
  normalize?: boolean;
  seed?: number;
  /** Receives the step count and the mean loss of the last `reportEvery` steps. */
  progress?: ProgressSink;
  reportEvery?: number;
}

/** Train `encoder` with a mined triplet loss on P×K batches of `examples` [N, …] with `labels`; returns each step's loss. */
export async function fitTriplets(
  encoder: tf.LayersModel,
  examples: tf.Tensor,
  labels: ArrayLike<number>,
  options: FitTripletsOptions,
): Promise<number[]> {
  const { steps, optimizer, perClass = 8, normalize = true, seed = 0, reportEvery = 10 } = options;
  if (examples.shape[0] !== labels.length)
    throw new Error(`fitTriplets: ${examples.shape[0]} examples, ${labels.length} labels`);
  const classes = options.classesPerBatch ?? Math.min(10, new Set(Array.from(labels)).size);
  // Mining picks each batch's triplets from its own embeddings, between forward pass and loss: not one graph yet.
  if (tf.getBackend() === 'tensorflow' && !graphUnavailable())
    noteFallback('fitTriplets', `${options.mining ?? 'semi-hard'} mining is not covered`);
  const rand = seededRandom(seed);
  const variables = trainableVariables(encoder);
  const history: number[] = [];
  for (let step = 0; step < steps; step++) {
    const idx = classBalancedBatch(labels, classes, perClass, rand);
    const batchLabels = Int32Array.from(idx, (i) => labels[i]);
    const { value, grads } = tf.tidy(() => {
      const x = tf.gather(examples, tf.tensor1d(idx, 'int32'));
      return tf.variableGrads(() => {
        const raw = encoder.apply(x, { training: true }) as tf.Tensor2D;
        return minedTripletLoss(normalize ? l2Normalize(raw) : raw, batchLabels, options);
      }, variables);
    });
    optimizer.applyGradients(grads);
    tf.dispose(Object.values(grads));
    history.push((await value.data())[0]);
    value.dispose();
    if (options.progress && ((step + 1) % reportEvery === 0 || step + 1 === steps)) {
      const recent = history.slice(-reportEvery);
      options.progress.update(step + 1, { loss: recent.reduce((s, v) => s + v, 0) / recent.length });
    }
  }
  options.progress?.finish();
  return history;
}
