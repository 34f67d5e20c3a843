import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  binaryCrossEntropyPerImage,
  meanBinaryCrossEntropy,
  meanSquaredErrorPerImage,
  meanSquaredErrorPerPixel,
  squaredErrorPerImage,
} from '../../lib/metrics/reconstruction';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-5);

describe('metrics/reconstruction', () => {
  // Two 2x2 "images".
  const x = tf.tensor4d([1, 0, 0.5, 1, 0, 0, 1, 1], [2, 2, 2, 1]);
  const r = tf.tensor4d([0.9, 0.2, 0.5, 0.6, 0.1, 0, 1, 0.7], [2, 2, 2, 1]);
  after(() => tf.dispose([x, r]));

  it('squared error per image is the SUM over its pixels; the H&S average is the mean of those sums', () => {
    const e1 = 0.01 + 0.04 + 0 + 0.16;
    const e2 = 0.01 + 0 + 0 + 0.09;
    const per = squaredErrorPerImage(x, r);
    assert.deepStrictEqual(per.shape, [2]);
    Array.from(per.dataSync()).forEach((v, i) => close(v, [e1, e2][i]));
    per.dispose();
    close(meanSquaredErrorPerImage(x, r), (e1 + e2) / 2);
    close(meanSquaredErrorPerPixel(x, r), (e1 + e2) / 2 / 4);
  });

  it('binary cross-entropy per image is the MEAN over its pixels, with Keras clipping', () => {
    const bce = (t: number, p: number): number => {
      const q = Math.min(1 - 1e-7, Math.max(1e-7, p));
      return -(t * Math.log(q) + (1 - t) * Math.log(1 - q));
    };
    const xs = [1, 0, 0.5, 1, 0, 0, 1, 1];
    const rs = [0.9, 0.2, 0.5, 0.6, 0.1, 0, 1, 0.7];
    const img = (k: number): number => [0, 1, 2, 3].reduce((s, j) => s + bce(xs[4 * k + j], rs[4 * k + j]), 0) / 4;
    const per = binaryCrossEntropyPerImage(x, r);
    Array.from(per.dataSync()).forEach((v, i) => close(v, img(i), 1e-4));
    per.dispose();
    close(meanBinaryCrossEntropy(x, r), (img(0) + img(1)) / 2, 1e-4);
    // A perfect reconstruction of a grey image still costs its entropy: BCE is not zero at the optimum.
    const grey = tf.fill([1, 4], 0.5);
    close(meanBinaryCrossEntropy(grey, grey), Math.log(2), 1e-4);
    grey.dispose();
  });

  it('agrees with tfjs metrics on random data', () => {
    const a = tf.randomUniform([5, 30], 0, 1, 'float32', 1);
    const b = tf.randomUniform([5, 30], 0.01, 0.99, 'float32', 2);
    const ref = tf.metrics.binaryCrossentropy(a, b).mean();
    close(meanBinaryCrossEntropy(a, b), ref.dataSync()[0], 1e-5);
    const mse = tf.losses.meanSquaredError(a, b);
    close(meanSquaredErrorPerPixel(a, b), mse.dataSync()[0], 1e-6);
    tf.dispose([a, b, ref, mse]);
  });

  it('rejects mismatched shapes and leaks no tensors', () => {
    const y = tf.zeros([3, 4]);
    assert.throws(() => squaredErrorPerImage(x, y), /shapes differ/);
    y.dispose();
    meanBinaryCrossEntropy(x, r);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      meanBinaryCrossEntropy(x, r);
      meanSquaredErrorPerImage(x, r);
      meanSquaredErrorPerPixel(x, r);
    }
    assert.strictEqual(tf.memory().numTensors, before);
  });
});
