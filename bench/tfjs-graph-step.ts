import * as tf from '@tensorflow/tfjs';
import { graphUnavailable } from '../lib/graph/fit';
import { loadGraphAddon } from '../lib/graph/addon';
import type { GraphLoss } from '../lib/graph/losses';
import { createGraphTrainer } from '../lib/graph/trainer';
import { buildNetwork } from './tfjs-models';
import type { Stepper } from './tfjs-step';
import type { Workload } from './workloads';

/** Batches that rotate, as in tfjs-step.ts. */
const POOL = 3;

function lossOf(w: Workload): GraphLoss {
  if (w.kind === 'autoencoder') return { kind: 'binaryCrossentropy', targetIsInput: true };
  if (w.kind === 'contrastive') return { kind: 'contrastive', margin: w.margin ?? 1 };
  return { kind: 'triplet', margin: w.margin ?? 0.2 };
}

/** One training step of a workload as the graph trainer runs it on tfjs-node: one TF_SessionRun per batch. */
export function graphStepper(w: Workload): Stepper {
  const unavailable = graphUnavailable();
  if (unavailable) throw new Error(`graph trainer unavailable: ${unavailable}`);
  const net = buildNetwork(w);
  const trainer = createGraphTrainer({ addon: loadGraphAddon().addon! }, net, {
    loss: lossOf(w),
    optimizer: { kind: 'adam', learningRate: 1e-3, beta1: 0.9, beta2: 0.999, epsilon: 1e-7, iterations: 0 },
  });
  if (typeof trainer === 'string') throw new Error(`graph trainer: ${trainer}`);
  const uniform = (seed: number): Float32Array =>
    tf.tidy(() => tf.randomUniform([w.batch, ...w.input], 0, 1, 'float32', seed).dataSync() as Float32Array);
  const batches = Array.from({ length: POOL }, (_, i) => {
    if (w.kind === 'autoencoder') return [uniform(3 * i + 1)];
    const b = uniform(3 * i + 2);
    if (w.kind === 'triplet') return [uniform(3 * i + 1), b, uniform(3 * i + 3)];
    return [uniform(3 * i + 1), b, Float32Array.from({ length: w.batch }, (_, j) => (j + i) % 2)];
  });
  let k = 0;
  return {
    run: () => {
      trainer.step(batches[k], w.batch);
      k = (k + 1) % POOL;
    },
    dispose: () => {
      trainer.dispose();
      net.dispose();
    },
  };
}
