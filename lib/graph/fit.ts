import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import type { ProgressSink } from '../viz/progress-sink';
import { loadGraphAddon } from './addon';
import type { GradientApplier } from '../models/transfer';
import { graphOptimizer, type GraphGroupedOptimizer } from './grouped-optimizer';
import type { GraphLoss } from './losses';
import { createGraphTrainer, type GraphTrainer } from './trainer';

/** Options of {@link fitGraph}: fitFast's, with a named loss. */
export interface FitGraphOptions {
  epochs: number;
  loss: 'meanSquaredError' | 'binaryCrossentropy';
  batchSize: number;
  /** Default: Adam with learning rate 1e-3 and tf.train.adam's other defaults. */
  optimizer?: tf.Optimizer;
  shuffle: boolean;
  seed: number;
  progress?: ProgressSink;
}

/** Why the graph trainer cannot be used on this backend at all, or null when it can. */
export function graphUnavailable(): string | null {
  if (process.env.REPLEARN_GRAPH === '0') return 'REPLEARN_GRAPH=0';
  if (tf.getBackend() !== 'tensorflow') return `backend ${tf.getBackend()}`;
  return loadGraphAddon().reason || null;
}

/** Largest difference between the graph's forward pass and model.apply on a seeded probe batch. */
export function forwardMismatch(trainer: GraphTrainer, model: tf.LayersModel): number {
  const shape = model.inputs[0].shape.slice(1) as number[];
  return tf.tidy(() => {
    const probe = tf.randomUniform([3, ...shape], 0, 1, 'float32', 7);
    const theirs = model.apply(probe, { training: false }) as tf.Tensor;
    const ours = tf.tensor(trainer.forward(probe.dataSync() as Float32Array, 3), theirs.shape);
    const scale = Math.max(1, tf.max(tf.abs(theirs)).dataSync()[0]);
    return tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0] / scale;
  });
}

/** Copies rows `indices` of `data` (rows of `width` values) into `into`. */
export function gatherRows(data: Float32Array, width: number, indices: ArrayLike<number>, into: Float32Array): void {
  for (let i = 0; i < indices.length; i++) {
    const row = indices[i] * width;
    into.set(data.subarray(row, row + width), i * width);
  }
}

/** What {@link withGraphTrainer} needs: the model, its loss, and the tfjs optimizer whose place the graph takes. */
export interface GraphTraining {
  model: tf.LayersModel;
  loss: GraphLoss;
  /** A tf.Optimizer or a groupedOptimizer (per-group rates). Default: Adam at 1e-3 with tf.train.adam's defaults. */
  optimizer?: GradientApplier;
}

/**
 * Builds `training`'s graph trainer, checks its forward pass against model.apply, hands it to `train`, then gives
 * Adam's state back to the tfjs optimizer(s) (so a later fit continues from it) and closes the session. Returns one
 * line saying why instead, when the backend, model, loss or optimizer is not covered (the caller then trains eagerly).
 */
export async function withGraphTrainer<T>(
  training: GraphTraining,
  train: (trainer: GraphTrainer) => Promise<T>,
): Promise<T | string> {
  const unavailable = graphUnavailable();
  if (unavailable) return unavailable;
  const { model } = training;
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer: GraphGroupedOptimizer | string = training.optimizer
    ? graphOptimizer(training.optimizer, variables)
    : {
        spec: {
          kind: 'adam',
          learningRate: 1e-3,
          beta1: 0.9,
          beta2: 0.999,
          epsilon: tf.backend().epsilon(),
          iterations: 0,
        },
        rateScales: variables.map(() => 1),
        restore: () => undefined,
      };
  if (typeof optimizer === 'string') return optimizer;
  const { addon } = loadGraphAddon();
  const trainer = createGraphTrainer({ addon: addon! }, model, {
    loss: training.loss,
    optimizer: optimizer.spec,
    rateScales: optimizer.rateScales,
  });
  if (typeof trainer === 'string') return trainer;
  try {
    const mismatch = forwardMismatch(trainer, model);
    if (!(mismatch <= 1e-4)) return `its forward pass differs from model.apply (${mismatch.toExponential(1)})`;
    return await train(trainer);
  } finally {
    const state = trainer.optimizerState();
    if (state) optimizer.restore(state);
    trainer.dispose();
  }
}

/**
 * fitFast's training as one TensorFlow graph run per batch (tfjs-node only): the same batches in the same order, the
 * same losses and Adam update; weights written back to the model after every epoch. Returns each epoch's mean loss,
 * or one line saying why the model, loss or optimizer is not covered (the caller then trains eagerly).
 */
export async function fitGraph(
  model: tf.LayersModel,
  x: tf.Tensor,
  y: tf.Tensor,
  options: FitGraphOptions,
): Promise<number[] | string> {
  if (graphUnavailable()) return graphUnavailable()!;
  if (x.dtype !== 'float32' || y.dtype !== 'float32') return 'inputs that are not float32';
  return withGraphTrainer(
    { model, loss: { kind: options.loss, targetIsInput: x === y }, optimizer: options.optimizer },
    (trainer) => graphEpochs(trainer, x, y, options),
  );
}

/** Trains `trainer` on rows of x (and y) in fitFast's batches and order; returns each epoch's mean loss. */
export async function graphEpochs(
  trainer: GraphTrainer,
  x: tf.Tensor,
  y: tf.Tensor,
  options: Pick<FitGraphOptions, 'epochs' | 'batchSize' | 'shuffle' | 'seed' | 'progress'>,
): Promise<number[]> {
  const { batchSize, shuffle, seed, progress } = options;
  const n = x.shape[0];
  const data = [x, ...(x === y ? [] : [y])].map((t) => ({ values: t.dataSync() as Float32Array, width: t.size / n }));
  const buffers = data.map((d) => new Float32Array(batchSize * d.width));
  const inOrder = shuffle ? null : Int32Array.from({ length: n }, (_, i) => i);
  return batchEpochs(trainer, {
    n,
    epochs: options.epochs,
    batchSize,
    progress,
    order: (epoch) => inOrder ?? shuffledIndices(n, seed + epoch),
    batch: (idx) =>
      data.map((d, i) => {
        const into = idx.length === batchSize ? buffers[i] : new Float32Array(idx.length * d.width);
        gatherRows(d.values, d.width, idx, into);
        return into;
      }),
  });
}

/** How {@link batchEpochs} walks n rows: each epoch's order, and the trainer's inputs for a batch of indices. */
export interface BatchWalk {
  n: number;
  epochs: number;
  batchSize: number;
  progress?: ProgressSink;
  order(epoch: number): Int32Array;
  batch(indices: Int32Array): Float32Array[];
}

/** One trainer step per batch of `walk.order(epoch)`, weights written back after each epoch; each epoch's mean loss. */
export async function batchEpochs(trainer: GraphTrainer, walk: BatchWalk): Promise<number[]> {
  const { n, batchSize, progress } = walk;
  const history: number[] = [];
  for (let epoch = 0; epoch < walk.epochs; epoch++) {
    const order = walk.order(epoch);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const idx = order.subarray(start, Math.min(n, start + batchSize));
      total += trainer.step(walk.batch(idx), idx.length) * idx.length;
    }
    trainer.writeBack();
    history.push(total / n);
    progress?.update(epoch + 1, { loss: total / n });
    await tf.nextFrame();
  }
  progress?.finish();
  return history;
}
