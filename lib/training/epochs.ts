import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import type { ProgressSink } from './progress-sink';

/** How {@link runEpochs} walks the examples. */
export interface EpochOptions {
  epochs: number;
  batchSize: number;
  /** Epoch e shuffles with seed + e, so a run reproduces. */
  seed: number;
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

/**
 * Runs `epochs` passes over `n` examples in shuffled mini-batches: `step` trains on one batch of indices and returns
 * its mean loss (freed here). Returns the mean loss of each epoch.
 */
export async function runEpochs(n: number, options: EpochOptions, step: (indices: Int32Array) => tf.Scalar): Promise<number[]> {
  const { epochs, batchSize, seed, progress } = options;
  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(n, seed + epoch);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const idx = order.subarray(start, Math.min(n, start + batchSize));
      const loss = step(idx);
      total += (await loss.data())[0] * idx.length;
      loss.dispose();
    }
    history.push(total / n);
    progress?.update(epoch + 1, { loss: total / n });
  }
  progress?.finish();
  return history;
}
