import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import type { ProgressSink } from '../viz/progress-sink';

/** How {@link runEpochs} walks the examples. */
export interface EpochOptions {
  epochs: number;
  batchSize: number;
  /** Epoch e shuffles with seed + e, so a run reproduces. */
  seed: number;
  /** Shuffle every epoch (default true); otherwise batches are consecutive rows in order. */
  shuffle?: boolean;
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

/**
 * Runs `epochs` passes over `n` examples in mini-batches: `step` trains on one batch of row indices and returns its
 * mean loss. The losses are summed on the device and read once per epoch (no wait on every batch); after each epoch
 * the event loop gets a turn, so progress displays draw. Returns the mean loss of each epoch.
 */
export async function runEpochs(
  n: number,
  options: EpochOptions,
  step: (indices: Int32Array) => tf.Scalar,
): Promise<number[]> {
  const { epochs, batchSize, seed, shuffle = true, progress } = options;
  const inOrder = shuffle ? null : Int32Array.from({ length: n }, (_, i) => i);
  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = inOrder ?? shuffledIndices(n, seed + epoch);
    let total: tf.Scalar = tf.scalar(0);
    for (let start = 0; start < n; start += batchSize) {
      const idx = order.subarray(start, Math.min(n, start + batchSize));
      const loss = step(idx);
      const next = tf.tidy(() => tf.add<tf.Scalar>(total, tf.mul(loss, idx.length)));
      tf.dispose([total, loss]);
      total = next;
    }
    const mean = (await total.data())[0] / n;
    total.dispose();
    history.push(mean);
    progress?.update(epoch + 1, { loss: mean });
    await tf.nextFrame();
  }
  progress?.finish();
  return history;
}
