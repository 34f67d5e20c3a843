import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import type { IndexPairs } from '../data/pairs';
import type { TiedPairTraining } from '../models/pair-learner';
import type { ProgressSink } from '../viz/progress-sink';
import { batchEpochs, gatherRows, graphUnavailable, withGraphTrainer } from './fit';
import type { GraphTrainer } from './trainer';

/** How {@link fitPairsGraph} walks the pairs: fitPairs' options. */
export interface PairEpochOptions {
  epochs: number;
  batchSize: number;
  seed: number;
  progress?: ProgressSink;
}

/**
 * fitPairs' training of a tied pair learner as one TensorFlow graph per batch (tfjs-node only): the same shuffled
 * batches of pairs, the same loss and optimizer update; the encoder's weights written back after every epoch. Returns
 * each epoch's mean loss, or one line saying why not (the caller then trains eagerly).
 */
export async function fitPairsGraph(
  training: TiedPairTraining,
  examples: tf.Tensor,
  pairs: IndexPairs,
  options: PairEpochOptions,
): Promise<number[] | string> {
  if (graphUnavailable()) return graphUnavailable()!;
  if (examples.dtype !== 'float32') return 'examples that are not float32';
  return withGraphTrainer({ model: training.encoder, loss: training.loss, optimizer: training.optimizer }, (trainer) =>
    pairEpochs(trainer, examples, pairs, options),
  );
}

function pairEpochs(
  trainer: GraphTrainer,
  examples: tf.Tensor,
  pairs: IndexPairs,
  { epochs, batchSize, seed, progress }: PairEpochOptions,
): Promise<number[]> {
  const values = examples.dataSync() as Float32Array;
  const width = examples.size / examples.shape[0];
  /** The examples one side of the pairs in `idx` names, row after row. */
  const rows = (side: Int32Array, idx: Int32Array): Float32Array => {
    const into = new Float32Array(idx.length * width);
    gatherRows(
      values,
      width,
      Int32Array.from(idx, (i) => side[i]),
      into,
    );
    return into;
  };
  const n = pairs.same.length;
  return batchEpochs(trainer, {
    n,
    epochs,
    batchSize,
    progress,
    order: (epoch) => shuffledIndices(n, seed + epoch),
    batch: (idx) => [rows(pairs.left, idx), rows(pairs.right, idx), Float32Array.from(idx, (i) => pairs.same[i])],
  });
}
