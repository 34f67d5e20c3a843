import * as tf from '@tensorflow/tfjs';
import { contrastiveLoss, rowDistances } from '../lib/losses/contrastive';
import { tripletLoss } from '../lib/losses/triplet';
import { embedTied } from '../lib/models/tied-embedding';
import { objective, trainable } from '../lib/training/fit';
import { fusedAdam } from '../lib/training/fused-adam';
import { buildNetwork } from './tfjs-models';
import type { Workload } from './workloads';

/** A prepared training step: run() does one optimizer step and waits for it. */
export interface Stepper {
  run(): void;
  dispose(): void;
}

/** Batches that rotate, so no step sees the same input buffer twice in a row. */
const POOL = 3;

/**
 * One training step of a workload as the library trains it (fitFast's path): the network compiled to direct ops (tied
 * branches as one stacked pass where that pays), the lesson's loss (cross-entropy from logits for the autoencoders),
 * fused Adam, a fresh batch each time from a small pool.
 */
export function tfjsStepper(w: Workload): Stepper {
  const net = buildNetwork(w);
  const trainee = trainable(net);
  const { variables } = trainee;
  const reconstruction = objective(trainee, 'binaryCrossentropy');
  const optimizer = fusedAdam({ learningRate: 1e-3 });
  const uniform = (seed: number): tf.Tensor => tf.randomUniform([w.batch, ...w.input], 0, 1, 'float32', seed);
  const batches = Array.from({ length: POOL }, (_, i) => ({
    a: uniform(3 * i + 1),
    b: uniform(3 * i + 2),
    c: uniform(3 * i + 3),
    same: tf.cast(tf.greater(tf.randomUniform([w.batch], 0, 1, 'float32', 100 + i), 0.5), 'float32') as tf.Tensor1D,
  }));
  const loss = (k: number) => (): tf.Scalar => {
    const { a, b, c, same } = batches[k];
    if (w.kind === 'autoencoder') return reconstruction(a, a);
    if (w.kind === 'contrastive') {
      const [ea, eb] = embedTied(net, [a, b]);
      return contrastiveLoss(rowDistances(ea, eb), same, w.margin);
    }
    const [ea, ep, en] = embedTied(net, [a, b, c]);
    return tripletLoss(ea, ep, en, { margin: w.margin });
  };
  let k = 0;
  return {
    run: () => {
      optimizer.minimize(loss(k), false, variables);
      k = (k + 1) % POOL;
      variables[0].dataSync(); // waits for the step on backends that run asynchronously
    },
    dispose: () => {
      optimizer.dispose();
      net.dispose();
      tf.dispose(batches.flatMap((b) => [b.a, b.b, b.c, b.same]));
    },
  };
}
