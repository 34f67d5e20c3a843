import * as tf from '@tensorflow/tfjs';
import {
  cloneModel,
  freezeLayers,
  groupByMultiplier,
  groupedOptimizer,
  truncateModel,
  withNewHead,
} from '../models/transfer';
import { knnClassify, predictionAccuracy } from '../search/knn';
import { fitClassifier, predictClasses } from './fit-classifier';
import { ProgressSink } from '../viz/progress-sink';

/** Images with labels 0..classNames.length-1 (an ImageSet is one). */
export interface LabelledImages {
  images: tf.Tensor;
  labels: Int32Array;
  classNames: string[];
}

/** The four ways to get a target-domain classifier compared in the transfer lesson. */
export type TransferApproach = 'frozen + new head' | 'fine-tune (10×/20× new)' | 'k-NN on features' | 'from scratch';

/** Every approach, in the order charts list them. */
export const TRANSFER_APPROACHES: readonly TransferApproach[] = [
  'frozen + new head',
  'fine-tune (10×/20× new)',
  'k-NN on features',
  'from scratch',
];

/** What a transfer experiment reuses and how it trains. */
export interface TransferSetup {
  /** The network trained on the source domain. */
  source: tf.LayersModel;
  /** Number of source layers reused as the feature extractor (the rest is replaced). */
  keep: number;
  /** Fresh new layers on top of the features, ending in `numClasses` logits. */
  makeHead: (numClasses: number) => tf.layers.Layer[];
  /** The whole architecture with random weights, for training from scratch. */
  makeScratch: (numClasses: number) => tf.LayersModel;
  /** Optimizer factory; its rate is the new layers' rate, and the source layers get 1/10 of it when fine-tuning. */
  makeOptimizer: (learningRate: number) => tf.Optimizer;
  learningRate: number;
  /** Epochs for a training set of n examples (small sets need more passes). */
  epochsFor: (n: number) => number;
  batchSize?: number;
  /** Neighbours voting in 'k-NN on features' (default 1). */
  k?: number;
  seed?: number;
}

async function trainAndScore(
  model: tf.LayersModel,
  optimizer: { applyGradients: (g: tf.NamedTensorMap) => void; dispose(): void },
  setup: TransferSetup,
  train: LabelledImages,
  test: LabelledImages,
  progress?: ProgressSink,
): Promise<number> {
  await fitClassifier(model, train.images, train.labels, {
    optimizer,
    epochs: setup.epochsFor(train.labels.length),
    batchSize: setup.batchSize,
    seed: setup.seed,
    progress,
  });
  optimizer.dispose();
  return predictionAccuracy(predictClasses(model, test.images), test.labels);
}

/**
 * Train (or not) one approach on the target training set and return its accuracy on the target test set.
 * The source network is never changed: approaches that train work on their own copy.
 */
export async function runTransferApproach(
  approach: TransferApproach,
  setup: TransferSetup,
  train: LabelledImages,
  test: LabelledImages,
  progress?: ProgressSink,
): Promise<number> {
  const k = train.classNames.length;
  if (approach === 'k-NN on features') {
    const features = truncateModel(setup.source, setup.keep);
    const [g, q] = tf.tidy(() => [
      features.predict(train.images) as tf.Tensor2D,
      features.predict(test.images) as tf.Tensor2D,
    ]);
    const acc = predictionAccuracy(knnClassify(q, g, train.labels, setup.k ?? 1), test.labels);
    tf.dispose([g, q]);
    return acc;
  }
  if (approach === 'from scratch') {
    const model = setup.makeScratch(k);
    const acc = await trainAndScore(model, setup.makeOptimizer(setup.learningRate), setup, train, test, progress);
    model.dispose();
    return acc;
  }
  const copy = await cloneModel(setup.source);
  const head = setup.makeHead(k);
  const model = withNewHead(copy, setup.keep, head);
  const isNew = (layer: tf.layers.Layer): boolean => head.includes(layer);
  let optimizer;
  if (approach === 'frozen + new head') {
    freezeLayers(model, (layer) => !isNew(layer));
    optimizer = setup.makeOptimizer(setup.learningRate);
  } else {
    // Caffe's fine-tuning convention: new layers learn 10× faster than the reused ones, their biases 20×.
    const groups = groupByMultiplier(model, (layer, w) =>
      isNew(layer) ? (w.originalName.endsWith('bias') ? 20 : 10) : 1,
    );
    optimizer = groupedOptimizer(setup.makeOptimizer, setup.learningRate / 10, groups);
  }
  const acc = await trainAndScore(model, optimizer, setup, train, test, progress);
  copy.dispose();
  head.forEach((layer) => layer.dispose());
  return acc;
}
