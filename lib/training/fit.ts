import * as tf from '@tensorflow/tfjs';
import { noteFallback } from '../graph/fallback';
import { fitGraph } from '../graph/fit';
import { compileForward } from '../models/direct-forward';
import { runEpochs } from './epochs';
import { binaryCrossentropyFromLogits, lossFunction, type LossFunction } from './fast-losses';
import { fusedAdam } from './fused-adam';
import type { ProgressSink } from '../viz/progress-sink';

/** Something to train that is not a tf.LayersModel: a forward function and the variables it reads. */
export interface TrainableFunction {
  apply(x: tf.Tensor): tf.Tensor;
  /** The same forward pass stopped before a final sigmoid: lets binary cross-entropy be computed from logits. */
  applyLogits?(x: tf.Tensor): tf.Tensor;
  variables: tf.Variable[];
}

/** Options of {@link fitFast}; defaults follow model.fit. */
export interface FitFastOptions {
  epochs: number;
  loss: 'meanSquaredError' | 'binaryCrossentropy' | LossFunction;
  /** Default 32, as model.fit. */
  batchSize?: number;
  /** Default: {@link fusedAdam} with learning rate 1e-3 (created here and disposed at the end). */
  optimizer?: tf.Optimizer;
  /** Shuffle the examples every epoch (default true); epoch e uses the order of seed + e, so runs repeat. */
  shuffle?: boolean;
  seed?: number;
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

/** A model as direct ops where {@link compileForward} can, else through model.apply; and only its own weights. */
export function trainable(model: tf.LayersModel | TrainableFunction): TrainableFunction {
  if (!(model instanceof tf.LayersModel)) return model;
  const direct = compileForward(model);
  return {
    apply: direct ? (x) => direct.apply(x) : (x) => model.apply(x, { training: true }) as tf.Tensor,
    applyLogits: direct?.sigmoidOutput ? (x) => direct.apply(x, true) : undefined,
    // Only this model's weights: minimize() would otherwise differentiate every trainable variable in the engine.
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
  };
}

/** The training objective of one batch: binary cross-entropy from logits where the model can give them. */
export function objective(
  model: TrainableFunction,
  loss: FitFastOptions['loss'],
): (x: tf.Tensor, y: tf.Tensor) => tf.Scalar {
  if (loss === 'binaryCrossentropy' && model.applyLogits) {
    const logits = model.applyLogits.bind(model);
    return (x, y) => binaryCrossentropyFromLogits(y, logits(x));
  }
  const fn = lossFunction(loss);
  return (x, y) => fn(y, model.apply(x));
}

/** The rows `indices` lists; consecutive ones (an unshuffled batch) as a slice, which copies no index list. */
function rowsOf(x: tf.Tensor, indices: Int32Array, consecutive: boolean): tf.Tensor {
  if (consecutive) return tf.slice(x, indices[0], indices.length);
  return tf.gather(x, tf.tensor1d(indices, 'int32'));
}

/**
 * Train like model.fit(x, y, {epochs, batchSize, shuffle}) but with less work per batch: losses with hand-written
 * gradients, a fused Adam step, the batch loss summed on the device and read once per epoch. On wasm a 784-32-784
 * autoencoder epoch takes about a third of model.fit's time. Returns each epoch's mean loss (as model.fit's history).
 */
export async function fitFast(
  model: tf.LayersModel | TrainableFunction,
  x: tf.Tensor,
  y: tf.Tensor,
  options: FitFastOptions,
): Promise<number[]> {
  const { epochs, batchSize = 32, shuffle = true, seed = 1, progress } = options;
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new Error(`fitFast: x has ${n} examples but y has ${y.shape[0]}`);
  if (!(batchSize >= 1)) throw new Error(`fitFast: batchSize must be at least 1, got ${batchSize}`);
  // On tfjs-node a whole step runs as one TensorFlow graph where the model and loss are covered (lib/graph).
  if (tf.getBackend() === 'tensorflow') {
    const { loss } = options;
    const graph =
      typeof loss !== 'string'
        ? 'a custom loss function'
        : model instanceof tf.LayersModel
          ? await fitGraph(model, x, y, { ...options, loss, batchSize, shuffle, seed })
          : 'a forward function, not a model';
    if (typeof graph !== 'string') return graph;
    noteFallback('fitFast', graph);
  }
  const trainee = trainable(model);
  const { variables } = trainee;
  const cost = objective(trainee, options.loss);
  const optimizer = options.optimizer ?? fusedAdam({ learningRate: 1e-3 });
  try {
    return await runEpochs(n, { epochs, batchSize, seed, shuffle, progress }, (indices) =>
      tf.tidy(() => {
        const xb = rowsOf(x, indices, !shuffle);
        const yb = y === x ? xb : rowsOf(y, indices, !shuffle);
        return optimizer.minimize(() => cost(xb, yb), true, variables)!;
      }),
    );
  } finally {
    if (!options.optimizer) optimizer.dispose();
  }
}
