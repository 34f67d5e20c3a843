import * as tf from '@tensorflow/tfjs';
import { channelStats, standardizeChannels, type ChannelStats } from '../data/pen-features';
import type { EnrolledFeatures } from '../metrics/enrolled-features';
import { fitClassifier } from './fit-classifier';
import type { ProgressSink } from '../viz/progress-sink';

/** Options of {@link fitEnrolmentVerifier}. */
export interface EnrolmentVerifierOptions {
  /** Hidden tanh units (default 16; 0: a linear model). */
  hidden?: number;
  /** Default 30. */
  epochs?: number;
  /** Adam's step (default 0.01). */
  learningRate?: number;
  batchSize?: number;
  seed?: number;
  /** Networks trained with seeds seed, seed + 1, …, whose scores are averaged (default 1). */
  ensemble?: number;
  /** Told the epochs of all networks, counted on (ensemble × epochs in all). */
  progress?: ProgressSink;
}

/** A trained verifier: higher scores mean more likely genuine. */
export interface EnrolmentVerifier {
  models: tf.Sequential[];
  /** Mean loss of each epoch, averaged over the networks. */
  losses: number[];
  /** One score per questioned signature: the genuine logit minus the forgery logit, averaged over the networks. */
  score(e: EnrolledFeatures): Float32Array;
  dispose(): void;
}

const logs = (e: EnrolledFeatures): Float32Array => Float32Array.from(e.features, (v) => Math.log(Math.max(v, 1e-6)));

/**
 * Learn from training signers' enrolment features ({@link enrolledFeatures}, one set per enrolment draw) which
 * questioned signatures are genuine: a small network on the logs of the features (ratios become differences),
 * standardised on the training rows.
 */
export async function fitEnrolmentVerifier(
  train: EnrolledFeatures[],
  options: EnrolmentVerifierOptions = {},
): Promise<EnrolmentVerifier> {
  const { hidden = 16, epochs = 30, learningRate = 0.01, batchSize = 32, seed = 0 } = options;
  const width = train[0]?.width ?? 0;
  if (!width || train.some((t) => t.width !== width))
    throw new Error('fitEnrolmentVerifier: needs feature sets of one nonzero width');
  const values = Float32Array.from(train.flatMap((t) => Array.from(logs(t))));
  const stats: ChannelStats = channelStats(values, width);
  const input = (v: Float32Array): tf.Tensor2D => tf.tensor2d(standardizeChannels(v, stats), [v.length / width, width]);
  const x = input(values);
  const labels = Uint8Array.from(train.flatMap((t) => Array.from(t.isGenuine)));
  const models: tf.Sequential[] = [];
  const losses = new Array<number>(epochs).fill(0);
  const count = options.ensemble ?? 1;
  const progress = options.progress;
  for (let k = 0; k < count; k++) {
    const model = verifierNetwork(width, hidden, seed + k);
    const optimizer = tf.train.adam(learningRate);
    const run = await fitClassifier(model, x, labels, {
      optimizer,
      epochs,
      batchSize,
      seed: seed + k,
      // One progress display over all networks: epochs counted on, finished once at the end.
      progress: progress && {
        update: (done, metrics) => progress.update(k * epochs + done, metrics),
        finish: () => (k === count - 1 ? progress.finish() : undefined),
      },
    });
    run.forEach((l, e) => (losses[e] += l / count));
    optimizer.dispose();
    models.push(model);
  }
  x.dispose();
  return {
    models,
    losses,
    score(e) {
      if (e.width !== width) throw new Error(`EnrolmentVerifier: trained on ${width} features, given ${e.width}`);
      const xe = input(logs(e));
      const s = tf.tidy(() => {
        const margins = models.map((model) => {
          const l = model.predict(xe) as tf.Tensor2D;
          return tf.sub(l.slice([0, 1], [-1, 1]), l.slice([0, 0], [-1, 1])).reshape([-1]);
        });
        return tf.div(tf.addN(margins), models.length);
      });
      const out = Float32Array.from(s.dataSync());
      tf.dispose([xe, s]);
      return out;
    },
    dispose() {
      models.forEach((m) => m.dispose());
    },
  };
}

function verifierNetwork(width: number, hidden: number, seed: number): tf.Sequential {
  const model = tf.sequential();
  if (hidden > 0)
    model.add(
      tf.layers.dense({
        inputShape: [width],
        units: hidden,
        activation: 'tanh',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
    );
  model.add(
    tf.layers.dense({
      ...(hidden > 0 ? {} : { inputShape: [width] }),
      units: 2,
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  return model;
}
