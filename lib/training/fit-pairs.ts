import * as tf from '@tensorflow/tfjs';
import type { IndexPairs } from '../data/pairs';
import { noteFallback } from '../graph/fallback';
import { graphUnavailable } from '../graph/fit';
import { fitPairsGraph } from '../graph/fit-pairs';
import { runEpochs } from './epochs';
import { ProgressSink } from '../viz/progress-sink';
import type { PairLearner } from '../models/pair-learner';

/** Options of {@link fitPairs}. */
export interface FitPairsOptions {
  epochs: number;
  batchSize?: number;
  seed?: number;
  progress?: ProgressSink;
}

/** Train a pair learner on pairs of rows of `examples`, shuffled each epoch; returns the mean loss of each epoch. */
export async function fitPairs(
  learner: PairLearner,
  examples: tf.Tensor,
  pairs: IndexPairs,
  options: FitPairsOptions,
): Promise<number[]> {
  const { epochs, batchSize = 128, seed = 0 } = options;
  // On tfjs-node a tied learner's whole step runs as one TensorFlow graph where its encoder and loss are covered.
  if (tf.getBackend() === 'tensorflow') {
    const graph = learner.tiedTraining
      ? await fitPairsGraph(learner.tiedTraining, examples, pairs, { ...options, batchSize, seed })
      : (graphUnavailable() ?? 'a pair learner that is not one tied encoder with a plain optimizer step');
    if (typeof graph !== 'string') return graph;
    noteFallback('fitPairs', graph);
  }
  return runEpochs(pairs.same.length, { epochs, batchSize, seed, progress: options.progress }, (idx) =>
    tf.tidy(() =>
      learner.trainStep(
        tf.gather(
          examples,
          tf.tensor1d(
            Array.from(idx, (i) => pairs.left[i]),
            'int32',
          ),
        ),
        tf.gather(
          examples,
          tf.tensor1d(
            Array.from(idx, (i) => pairs.right[i]),
            'int32',
          ),
        ),
        tf.tensor1d(Array.from(idx, (i) => pairs.same[i])),
      ),
    ),
  );
}

/** Apply `score(left, right)` → [B] to every pair, in batches, and return all the scores. */
export function scorePairs(
  score: (left: tf.Tensor, right: tf.Tensor) => tf.Tensor1D,
  examples: tf.Tensor,
  pairs: IndexPairs,
  batchSize = 512,
): Float32Array {
  const n = pairs.same.length;
  const out = new Float32Array(n);
  for (let start = 0; start < n; start += batchSize) {
    const end = Math.min(n, start + batchSize);
    const s = tf.tidy(() =>
      score(
        tf.gather(examples, tf.tensor1d(pairs.left.subarray(start, end), 'int32')),
        tf.gather(examples, tf.tensor1d(pairs.right.subarray(start, end), 'int32')),
      ),
    );
    out.set(s.dataSync(), start);
    s.dispose();
  }
  return out;
}
