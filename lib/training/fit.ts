import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import { lossFunction, type LossFunction } from './fast-losses';
import { fusedAdam } from './fused-adam';
import type { ProgressSink } from './progress-sink';

/** Something to train that is not a tf.LayersModel: a forward function and the variables it reads. */
export interface TrainableFunction {
  apply(x: tf.Tensor): tf.Tensor;
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

function trainable(model: tf.LayersModel | TrainableFunction): TrainableFunction {
  if (!(model instanceof tf.LayersModel)) return model;
  return {
    apply: (x) => model.apply(x, { training: true }) as tf.Tensor,
    // Only this model's weights: minimize() would otherwise differentiate every trainable variable in the engine.
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
  };
}

/** Rows [start, start + size) of x, or the rows `order` lists there. */
function batchOf(x: tf.Tensor, start: number, size: number, order: Int32Array | null): tf.Tensor {
  if (!order) return tf.slice(x, start, size);
  return tf.gather(x, tf.tensor1d(order.subarray(start, start + size), 'int32'));
}

/**
 * Train like model.fit(x, y, {epochs, batchSize, shuffle}) but with less work per batch: losses with hand-written
 * gradients, a fused Adam step, the batch loss summed on the device and read once per epoch. On wasm a 784-32-784
 * autoencoder epoch takes about a third of model.fit's time. Returns each epoch's mean loss (as model.fit's history).
 */
export async function fitFast(model: tf.LayersModel | TrainableFunction, x: tf.Tensor, y: tf.Tensor, options: FitFastOptions): Promise<number[]> {
  const { epochs, batchSize = 32, shuffle = true, seed = 1, progress } = options;
  const n = x.shape[0];
  if (y.shape[0] !== n) throw new Error(`fitFast: x has ${n} examples but y has ${y.shape[0]}`);
  if (!(batchSize >= 1)) throw new Error(`fitFast: batchSize must be at least 1, got ${batchSize}`);
  const loss = lossFunction(options.loss);
  const { apply, variables } = trainable(model);
  const optimizer = options.optimizer ?? fusedAdam({ learningRate: 1e-3 });
  const history: number[] = [];
  try {
    for (let epoch = 0; epoch < epochs; epoch++) {
      const order = shuffle ? shuffledIndices(n, seed + epoch) : null;
      let total: tf.Scalar = tf.scalar(0);
      for (let start = 0; start < n; start += batchSize) {
        const size = Math.min(batchSize, n - start);
        const next = tf.tidy(() => {
          const xb = batchOf(x, start, size, order);
          const yb = y === x ? xb : batchOf(y, start, size, order);
          const cost = optimizer.minimize(() => loss(yb, apply(xb)), true, variables) as tf.Scalar;
          return tf.add(total, tf.mul(cost, size)) as tf.Scalar;
        });
        total.dispose();
        total = next;
      }
      const mean = (await total.data())[0] / n;
      total.dispose();
      history.push(mean);
      progress?.update(epoch + 1, { loss: mean });
      await tf.nextFrame();
    }
  } finally {
    if (!options.optimizer) optimizer.dispose();
  }
  progress?.finish();
  return history;
}
