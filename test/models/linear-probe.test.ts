import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { trainLinearProbe } from '../../lib/models/linear-probe';

/** Three Gaussian blobs in 5-D whose class is encoded in coordinates 0 and 1 only; coordinate 2 is loud noise. */
function blobs(perClass: number, seed: number): { x: tf.Tensor2D; y: Int32Array } {
  const labels = Int32Array.from({ length: 3 * perClass }, (_, i) => i % 3);
  const x = tf.tidy(() => {
    const centres = tf.tensor2d([
      [0, 0, 0, 0, 0],
      [4, 0, 0, 0, 0],
      [0, 4, 0, 0, 0],
    ]);
    const noise = tf.randomNormal([3 * perClass, 5], 0, 1, 'float32', seed).mul(tf.tensor1d([1, 1, 50, 1, 1]));
    return tf.gather(centres, tf.tensor1d(labels, 'int32')).add<tf.Tensor2D>(noise);
  });
  return { x, y: labels };
}

describe('models/linear-probe', () => {
  it('learns separable classes from few labels and generalises to new points', () => {
    const train = blobs(10, 1);
    const test = blobs(300, 2);
    const probe = trainLinearProbe(train.x, train.y);
    const acc = probe.accuracy(test.x, test.y);
    // Bayes accuracy of these blobs is about 0.95; a probe that ignored coordinates 0/1 would sit near 1/3.
    assert.ok(acc > 0.85, `test accuracy ${acc}`);
    assert.ok(probe.accuracy(train.x, train.y) >= acc - 0.05);
    assert.ok(Number.isFinite(probe.finalLoss));
    probe.dispose();
    tf.dispose([train.x, test.x]);
  });

  it('is deterministic and separates better features from worse ones', () => {
    const train = blobs(20, 3);
    const test = blobs(200, 4);
    const a = trainLinearProbe(train.x, train.y, { steps: 100 });
    const b = trainLinearProbe(train.x, train.y, { steps: 100 });
    assert.deepStrictEqual(a.predict(test.x), b.predict(test.x));
    // Dropping the informative coordinates must hurt.
    const useless = tf.tidy(() => train.x.slice([0, 2], [-1, 3]));
    const uselessTest = tf.tidy(() => test.x.slice([0, 2], [-1, 3]));
    const c = trainLinearProbe(useless, train.y, { steps: 100 });
    assert.ok(c.accuracy(uselessTest, test.y) < a.accuracy(test.x, test.y) - 0.3);
    [a, b, c].forEach((p) => p.dispose());
    tf.dispose([train.x, test.x, useless, uselessTest]);
  });

  it('leaks no tensors', () => {
    const train = blobs(5, 5);
    trainLinearProbe(train.x, train.y, { steps: 5 }).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const p = trainLinearProbe(train.x, train.y, { steps: 5 });
      p.accuracy(train.x, train.y);
      p.dispose();
    }
    assert.strictEqual(tf.memory().numTensors, before);
    train.x.dispose();
    assert.throws(() => trainLinearProbe(tf.zeros<tf.Rank.R2>([2, 2]), [0]), /labels/);
  });
});
