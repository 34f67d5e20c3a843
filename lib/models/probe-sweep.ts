import * as tf from '@tensorflow/tfjs';
import { samplePerClass } from '../data/seeded-random';
import { trainLinearProbe } from './linear-probe';

/** Maps images (one per row) to the features a probe reads; returns a new tensor the caller frees. */
export type FeatureExtractor = (x: tf.Tensor2D) => tf.Tensor2D;

/** Labelled examples, one per row of `x`. */
export interface LabelledRows {
  x: tf.Tensor2D;
  labels: ArrayLike<number>;
}

/** Options of {@link probeSweep}. */
export interface ProbeSweepOptions {
  /** Labelled training examples per class, one sweep point each (e.g. [10, 100]). */
  perClass: number[];
  /** Seeds of the labelled draws; each point's accuracy is the mean over them. */
  draws: number[];
  numClasses: number;
}

/** One table row of {@link probeSweep} (labels per class, features, mean test accuracy, sd, runs). */
export type ProbeRow = Record<string, string>;

/** What {@link probeSweep} measured: table rows and the mean accuracy by extractor name and labels per class. */
export interface ProbeSweep {
  rows: ProbeRow[];
  means: Record<string, Record<number, number>>;
}

/** Linear-probe test accuracy of each feature extractor, trained on few labels per class (several seeded draws each):
 * the semi-supervised test of a representation. Every draw takes the same examples for every extractor. */
export function probeSweep(
  features: Record<string, FeatureExtractor>,
  train: LabelledRows,
  test: LabelledRows,
  options: ProbeSweepOptions,
): ProbeSweep {
  const rows: ProbeRow[] = [];
  const means: Record<string, Record<number, number>> = {};
  for (const perClass of options.perClass) {
    for (const [name, encode] of Object.entries(features)) {
      const accs: number[] = [];
      const testFeatures = encode(test.x);
      for (const draw of options.draws) {
        const idx = samplePerClass(train.labels, perClass, draw);
        const labelled = tf.tidy(() => tf.gather(train.x, tf.tensor1d(idx, 'int32')));
        const trainFeatures = encode(labelled);
        const labels = Array.from(idx, (i) => train.labels[i]);
        const probe = trainLinearProbe(trainFeatures, labels, { numClasses: options.numClasses });
        accs.push(probe.accuracy(testFeatures, test.labels));
        probe.dispose();
        tf.dispose([labelled, trainFeatures]);
      }
      testFeatures.dispose();
      const mean = accs.reduce((s, a) => s + a, 0) / accs.length;
      const sd = accs.length > 1 ? Math.sqrt(accs.reduce((s, a) => s + (a - mean) ** 2, 0) / (accs.length - 1)) : 0;
      (means[name] ??= {})[perClass] = mean;
      rows.push({
        'labels per class': String(perClass),
        features: name,
        [`test accuracy (mean of ${accs.length})`]: mean.toFixed(3),
        sd: sd.toFixed(3),
        runs: accs.map((a) => a.toFixed(3)).join(' / '),
      });
    }
  }
  return { rows, means };
}
