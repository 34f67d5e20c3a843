import * as tf from '@tensorflow/tfjs';
import { noteFallback } from '../graph/fallback';
import { fitClassifierGraph } from '../graph/fit-classifier';
import { GradientApplier, trainableVariables } from '../models/transfer';
import { runEpochs } from './epochs';
import { ProgressSink } from '../viz/progress-sink';
import { optimizerStep } from '../models/optimizer-step';

/** Options of {@link fitClassifier}. */
export interface FitClassifierOptions {
  /** A tf.Optimizer, or a grouped one for per-layer learning rates. */
  optimizer: GradientApplier;
  epochs: number;
  batchSize?: number;
  seed?: number;
  /** Variables to train (default: the model's trainable weights, so frozen layers stay put). */
  variables?: tf.Variable[];
  /** Told the epoch count done and that epoch's mean loss. */
  progress?: ProgressSink;
}

/**
 * Train a classifier whose output is logits [B, K] with softmax cross-entropy, in a plain loop
 * (model.fit has one learning rate; this loop takes any gradient applier). Returns the mean loss of each epoch.
 */
export async function fitClassifier(
  model: tf.LayersModel,
  images: tf.Tensor,
  labels: ArrayLike<number>,
  options: FitClassifierOptions,
): Promise<number[]> {
  const { optimizer, epochs, batchSize = 32, seed = 0 } = options;
  const variables = options.variables ?? trainableVariables(model);
  const numClasses = (model.outputs[0].shape as number[])[1];
  const n = images.shape[0];
  if (labels.length !== n) throw new Error(`fitClassifier: ${n} images, ${labels.length} labels`);
  // On tfjs-node the whole step (per-group learning rates included) runs as one TensorFlow graph where covered.
  if (tf.getBackend() === 'tensorflow') {
    const graph = options.variables
      ? 'an explicit list of variables to train'
      : await fitClassifierGraph(model, images, labels, { ...options, batchSize, seed });
    if (typeof graph !== 'string') return graph;
    noteFallback('fitClassifier', graph);
  }
  return runEpochs(n, { epochs, batchSize, seed, progress: options.progress }, (idx) =>
    tf.tidy(() => {
      const x = tf.gather(images, tf.tensor1d(idx, 'int32'));
      const y = tf.oneHot(
        tf.tensor1d(
          Array.from(idx, (i) => labels[i]),
          'int32',
        ),
        numClasses,
      );
      return optimizerStep(
        optimizer,
        () => tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x, { training: true }) as tf.Tensor),
        variables,
      );
    }),
  );
}

/** Predicted class (argmax of the outputs) for every image, in batches. */
export function predictClasses(model: tf.LayersModel, images: tf.Tensor, batchSize = 256): Int32Array {
  const out = new Int32Array(images.shape[0]);
  for (let start = 0; start < images.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, images.shape[0] - start);
    const pred = tf.tidy(() => tf.argMax(model.predict(tf.slice(images, start, size)) as tf.Tensor, 1));
    out.set(pred.dataSync(), start);
    pred.dispose();
  }
  return out;
}
