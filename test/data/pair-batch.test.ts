import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { pairBatch } from '../../lib/data/pair-batch';

describe('data/pair-batch', () => {
  it('gathers pairs start..start+size−1: left and right images, match labels', () => {
    const images = tf.tensor2d([[0], [10], [20], [30]]);
    const pairs = { left: Int32Array.of(0, 1, 2), right: Int32Array.of(3, 2, 1), same: Float32Array.of(0, 1, 0) };
    const { a, b, same } = pairBatch(images, pairs, 1, 2);
    assert.deepStrictEqual(
      [a.arraySync(), b.arraySync(), same.arraySync()],
      [
        [[10], [20]],
        [[20], [10]],
        [1, 0],
      ],
    );
    tf.dispose([images, a, b, same]);
    assert.throws(() => pairBatch(images, pairs, 2, 2), /pairs 2\.\.3 asked of 3/);
  });
});
