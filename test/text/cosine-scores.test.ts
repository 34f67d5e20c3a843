import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { nearestDocuments } from '../../lib/text/cosine-scores';
import { csrFromDense } from '../../lib/text/sparse-matrix';

describe('text/cosine-scores', () => {
  const gallery = [
    [1, 0, 0],
    [0, 2, 0],
    [1, 1, 0],
    [0, 0, 3],
    [2, 0, 0],
  ];
  const queries = [
    [3, 0.1, 0],
    [0, 1, 1],
  ];

  it('finds the most similar documents by cosine, sparse or dense alike, ties in gallery order', () => {
    const sparse = nearestDocuments(csrFromDense(queries), csrFromDense(gallery), 3);
    // q0 is nearly parallel to g0 and g4 (tied: same direction), then g2.
    assert.deepStrictEqual(sparse.indices, [
      [0, 4, 2],
      [1, 3, 2],
    ]);
    assert.ok(Math.abs(sparse.scores[1][0] - Math.SQRT1_2) < 1e-6);
    const g = tf.tensor2d(gallery),
      q = tf.tensor2d(queries);
    const before = tf.memory().numTensors;
    const dense = nearestDocuments(q, g, 3);
    assert.strictEqual(tf.memory().numTensors, before);
    assert.deepStrictEqual(dense.indices, sparse.indices);
    dense.scores.flat().forEach((v, i) => assert.ok(Math.abs(v - sparse.scores.flat()[i]) < 1e-6));
    assert.throws(() => nearestDocuments(q, g, 6), /1\.\.5/);
    tf.dispose([g, q]);
  });
});
