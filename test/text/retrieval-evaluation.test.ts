import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { precisionAtRecall } from '../../lib/metrics/precision-recall';
import { evaluateRetrieval } from '../../lib/text/retrieval-evaluation';
import { csrFromDense } from '../../lib/text/sparse-matrix';

describe('text/retrieval-evaluation', () => {
  // Gallery: two topics along different axes, with some spread; queries: one near each topic, one in between.
  const gallery = [
    [1, 0.1, 0],
    [0.9, 0.3, 0],
    [0.2, 1, 0.1],
    [0, 0.8, 0.5],
    [0.6, 0.6, 0],
  ];
  const galleryLabels = [0, 0, 1, 1, 0];
  const queries = [
    [1, 0, 0],
    [0, 1, 0.2],
    [0.5, 0.5, 0.1],
  ];
  const queryLabels = [0, 1, 1];
  const levels = [0.5, 1];

  it('ranks the gallery by cosine and averages precision over queries', () => {
    const g = tf.tensor2d(gallery),
      q = tf.tensor2d(queries);
    const dense = evaluateRetrieval(q, queryLabels, g, galleryLabels, {
      recallLevels: levels,
      retrievedCounts: [1, 5],
    });
    // Rankings by hand (cosine, best first):
    //  q0 = (1,0,0): g0 .995, g1 .949, g4 .707, g2 .195, g3 0 → relevance (label 0) 1,1,1,0,0
    //  q1 = (0,1,.2): g2, g3, g4, g1, g0 → relevance (label 1) 1,1,0,0,0
    const cos = (a: number[], b: number[]) =>
      a.reduce((s, v, i) => s + v * b[i], 0) / Math.hypot(...a) / Math.hypot(...b);
    const want = queries.map((qv, qi) => {
      const order = gallery.map((_, i) => i).sort((a, b) => cos(qv, gallery[b]) - cos(qv, gallery[a]));
      return precisionAtRecall(
        order.map((i) => (galleryLabels[i] === queryLabels[qi] ? 1 : 0)),
        levels,
      );
    });
    assert.deepStrictEqual(Array.from(want[0]), [1, 1]);
    assert.deepStrictEqual(Array.from(want[1]), [1, 1]);
    levels.forEach((_, i) =>
      assert.ok(Math.abs(dense.precisionAtRecall[i] - (want[0][i] + want[1][i] + want[2][i]) / 3) < 1e-6),
    );
    assert.ok(Math.abs(dense.precisionAtRetrieved[1] - (3 / 5 + 2 / 5 + 2 / 5) / 3) < 1e-9);
    // The same vectors as sparse rows give the same curves.
    const sparse = evaluateRetrieval(csrFromDense(queries), queryLabels, csrFromDense(gallery), galleryLabels, {
      recallLevels: levels,
      retrievedCounts: [1, 5],
    });
    levels.forEach((_, i) => assert.ok(Math.abs(sparse.precisionAtRecall[i] - dense.precisionAtRecall[i]) < 1e-6));
    assert.ok(Math.abs(sparse.precisionAtRetrieved[0] - dense.precisionAtRetrieved[0]) < 1e-9);
    assert.throws(() => evaluateRetrieval(q, [0], g, galleryLabels), /3 queries with 1 labels/);
    assert.throws(
      () => evaluateRetrieval(q, queryLabels, csrFromDense(gallery), galleryLabels),
      /both be sparse or both be tensors/,
    );
    tf.dispose([g, q]);
  });

  it('scores dense codes in blocks without leaking tensors', () => {
    const g = tf.randomNormal<tf.Rank.R2>([50, 4], 0, 1, 'float32', 3);
    const q = tf.randomNormal<tf.Rank.R2>([9, 4], 0, 1, 'float32', 4);
    const ql = Array.from({ length: 9 }, (_, i) => i % 3),
      gl = Array.from({ length: 50 }, (_, i) => i % 3);
    const whole = evaluateRetrieval(q, ql, g, gl);
    const before = tf.memory().numTensors;
    const blocked = evaluateRetrieval(q, ql, g, gl, { batchSize: 4 });
    assert.strictEqual(tf.memory().numTensors, before);
    assert.deepStrictEqual(Array.from(blocked.precisionAtRecall), Array.from(whole.precisionAtRecall));
    assert.strictEqual(whole.queries, 9);
    assert.deepStrictEqual(whole.retrievedCounts, [1, 3, 7, 15, 31]);
    // At 100 % recall a query has found all 16 or 17 items of its label among at most 50 retrieved.
    assert.ok(whole.precisionAtRecall[10] >= 16 / 50 && whole.precisionAtRecall[10] < 1);
    tf.dispose([g, q]);
  });
});
