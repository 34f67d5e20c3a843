import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { maxWeightDifference, streamGradientGaps } from '../../lib/models/stream-comparison';

const dense = (value: number): tf.LayersModel => {
  const model = tf.sequential({ layers: [tf.layers.dense({ inputShape: [2], units: 1, useBias: false })] });
  model.setWeights([tf.tensor2d([[value], [0.5]])]);
  return model;
};

describe('models/stream-comparison', () => {
  it('maxWeightDifference: the largest absolute weight difference', () => {
    const [x, y] = [dense(1), dense(-0.25)];
    assert.ok(Math.abs(maxWeightDifference(x, y) - 1.25) < 1e-6);
    assert.strictEqual(maxWeightDifference(x, x), 0);
    x.dispose();
    y.dispose();
  });

  it('streamGradientGaps: tied − (A + B) and A − B at their largest, gradients freed', () => {
    const g = {
      tied: { w: tf.tensor1d([3, 1]) },
      streamA: { w: tf.tensor1d([1, 2]) },
      streamB: { w: tf.tensor1d([2, -2]) },
    };
    const before = tf.memory().numTensors;
    assert.deepStrictEqual(streamGradientGaps(g), { sumGap: 1, streamGap: 4 });
    assert.strictEqual(tf.memory().numTensors, before - 3);
  });
});
