import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { pairwiseSquaredDistances } from '../../lib/search/pairwise-distances';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-4);

describe('search/pairwise-distances', () => {
  it('equals the brute-force squared distances, for two sets and for a set against itself', () => {
    const a = tf.randomNormal<tf.Rank.R2>([5, 3], 0, 1, 'float32', 1);
    const b = tf.randomNormal<tf.Rank.R2>([4, 3], 0, 1, 'float32', 2);
    const before = tf.memory().numTensors;
    for (const [x, y] of [
      [a, b],
      [a, a],
    ]) {
      const d = pairwiseSquaredDistances(x, y);
      const [xs, ys, ds] = [x.arraySync(), y.arraySync(), d.arraySync()];
      assert.deepStrictEqual(d.shape, [xs.length, ys.length]);
      xs.forEach((row, i) =>
        ys.forEach((other, j) =>
          close(
            ds[i][j],
            row.reduce((s, v, k) => s + (v - other[k]) ** 2, 0),
          ),
        ),
      );
      d.dispose();
    }
    assert.strictEqual(tf.memory().numTensors, before, 'intermediate tensors leaked');
    tf.dispose([a, b]);
  });
});
