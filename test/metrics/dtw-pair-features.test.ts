import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { dtwPairFeatures } from '../../lib/metrics/dtw-pair-features';
import { dtwPathFeatures } from '../../lib/metrics/dtw-align';

describe('metrics/dtw-pair-features', () => {
  it('path features of two rows, then the absolute differences of their whole-signature numbers', () => {
    const rows = [
      [0, 1, 2, 3],
      [0, 0, 2, 4],
      [1, 1, 1, 1],
    ];
    const x = tf.tensor3d(rows.map((r) => r.map((v) => [v])));
    const f = dtwPairFeatures(x, { band: 1, globals: Float32Array.from([1, 10, 4, 30, 0, 0]) });
    const expected = [...dtwPathFeatures(rows[0], rows[1], 1, { band: 1 }), 3, 20];
    assert.deepStrictEqual(Array.from(f(0, 1)), expected);
    // Asked the other way round, the same (cached) numbers.
    assert.deepStrictEqual(Array.from(f(1, 0)), expected);
    assert.deepStrictEqual(
      Array.from(dtwPairFeatures(x, { band: 1 })(0, 2)),
      Array.from(dtwPathFeatures(rows[0], rows[2], 1)),
    );
    assert.throws(() => dtwPairFeatures(x, { globals: new Float32Array(4) }), /4 global values do not divide among 3/);
    x.dispose();
  });
});
