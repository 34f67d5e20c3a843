import * as tf from '@tensorflow/tfjs';

/** Options of {@link trainLinearProbe}. */
export interface LinearProbeOptions {
  /** Number of classes (default: 1 + the largest label). */
  numClasses?: number;
  /** Full-batch Adam steps (default 300). */
  steps?: number;
  learningRate?: number;
  /** L2 penalty on the weights (default 1e-3), so few, separable labels still give a finite optimum. */
  l2?: number;
}

/** A trained linear probe: softmax regression on standardised features. */
export interface LinearProbe {
  /** The predicted class of each row. */
  predict(features: tf.Tensor2D): Int32Array;
  /** Fraction of rows whose predicted class equals the label. */
  accuracy(features: tf.Tensor2D, labels: ArrayLike<number>): number;
  /** The cross-entropy (plus penalty) reached by the last training step. */
  finalLoss: number;
  /** Free the weights. */
  dispose(): void;
}

/** Train a linear classifier (logistic regression) on frozen features: the usual test of how much class information a
 * representation makes LINEARLY available. Features are standardised with the training rows' statistics, weights start
 * at zero and training is full-batch, so the result is deterministic. */
export function trainLinearProbe(
  features: tf.Tensor2D,
  labels: ArrayLike<number>,
  options: LinearProbeOptions = {},
): LinearProbe {
  const n = features.shape[0];
  if (labels.length !== n) throw new Error(`trainLinearProbe: ${n} feature rows but ${labels.length} labels`);
  const numClasses = options.numClasses ?? Math.max(...Array.from(labels)) + 1;
  const { steps = 300, learningRate = 0.05, l2 = 1e-3 } = options;
  const d = features.shape[1];
  const { mean, sd } = tf.tidy(() => {
    const m = features.mean(0);
    const s = features.sub(m).square().mean(0).sqrt().add(1e-6);
    return { mean: tf.keep(m), sd: tf.keep(s) };
  });
  const w = tf.tidy(() => tf.variable(tf.zeros([d, numClasses])));
  const b = tf.tidy(() => tf.variable(tf.zeros([numClasses])));
  const x = tf.tidy(() => features.sub(mean).div(sd));
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(Array.from(labels), 'int32'), numClasses));
  const optimizer = tf.train.adam(learningRate);
  let finalLoss = NaN;
  for (let step = 0; step < steps; step++) {
    const loss = optimizer.minimize(
      () => tf.losses.softmaxCrossEntropy(y, x.matMul(w).add(b)).add<tf.Scalar>(w.square().sum().mul(l2)),
      true,
      [w, b],
    );
    if (step === steps - 1 && loss) finalLoss = loss.dataSync()[0];
    loss?.dispose();
  }
  optimizer.dispose();
  x.dispose();
  y.dispose();
  const predict = (f: tf.Tensor2D): Int32Array =>
    tf.tidy(() => f.sub(mean).div(sd).matMul(w).add(b).argMax(1).dataSync() as Int32Array);
  return {
    predict,
    accuracy(f, truth) {
      const guess = predict(f);
      let right = 0;
      for (let i = 0; i < guess.length; i++) if (guess[i] === truth[i]) right++;
      return right / guess.length;
    },
    finalLoss,
    dispose() {
      tf.dispose([w, b, mean, sd]);
    },
  };
}
