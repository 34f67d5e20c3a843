import * as tf from '@tensorflow/tfjs';
import { shuffledIndices } from '../data/seeded-random';
import type { IndexPairs } from '../data/pairs';
import type { TiedPairTraining } from '../models/pair-learner';
import type { ProgressSink } from '../viz/progress-sink';
import { gatherRows, graphUnavailable, withGraphTrainer } from './fit';
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

async function pairEpochs(
  trainer: GraphTrainer,
  examples: tf.Tensor,
  pairs: IndexPairs,
  { epochs, batchSize, seed, progress }: PairEpochOptions,
): Promise<number[]> {
  const n = pairs.same.length;
  const values = examples.dataSync() as Float32Array;
  const width = examples.size / examples.shape[0];
  const history: number[] = [];
  for (let epoch = 0; epoch < epochs; epoch++) {
    const order = shuffledIndices(n, seed + epoch);
    let total = 0;
    for (let start = 0; start < n; start += batchSize) {
      const idx = order.subarray(start, Math.min(n, start + batchSize));
      const rows = (side: Int32Array): Float32Array => {
        const into = new Float32Array(idx.length * width);
        gatherRows(
          values,
          width,
          Int32Array.from(idx, (i) => side[i]),
          into,
        );
        return into;
      };
      const same = Float32Array.from(idx, (i) => pairs.same[i]);
      total += trainer.step([rows(pairs.left), rows(pairs.right), same], idx.length) * idx.length;
    }
    trainer.writeBack();
    history.push(total / n);
    progress?.update(epoch + 1, { loss: total / n });
    await tf.nextFrame();
  }
  progress?.finish();
  return history;
}
