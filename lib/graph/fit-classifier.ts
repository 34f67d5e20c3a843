import * as tf from '@tensorflow/tfjs';
import type { GradientApplier } from '../models/transfer';
import type { ProgressSink } from '../viz/progress-sink';
import { graphEpochs, graphUnavailable, withGraphTrainer } from './fit';

/** fitClassifier's options the graph follows. */
export interface ClassifierEpochOptions {
  optimizer: GradientApplier;
  epochs: number;
  batchSize: number;
  seed: number;
  progress?: ProgressSink;
}

/**
 * fitClassifier's training (softmax cross-entropy on logits, one optimizer or per-group learning rates) as one
 * TensorFlow graph per batch on tfjs-node: the same shuffled batches; weights written back after every epoch.
 * Returns each epoch's mean loss, or one line saying why not (the caller then trains eagerly).
 */
export async function fitClassifierGraph(
  model: tf.LayersModel,
  images: tf.Tensor,
  labels: ArrayLike<number>,
  options: ClassifierEpochOptions,
): Promise<number[] | string> {
  if (graphUnavailable()) return graphUnavailable()!;
  if (images.dtype !== 'float32') return 'images that are not float32';
  const numClasses = (model.outputs[0].shape as number[])[1];
  const oneHot = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), numClasses).toFloat());
  try {
    return await withGraphTrainer(
      { model, loss: { kind: 'softmaxCrossEntropy' }, optimizer: options.optimizer },
      (trainer) => graphEpochs(trainer, images, oneHot, { ...options, shuffle: true }),
    );
  } finally {
    oneHot.dispose();
  }
}
