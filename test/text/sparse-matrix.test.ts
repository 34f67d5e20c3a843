import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  csrFromDense,
  csrMulDense,
  csrNormalizeRows,
  csrSelectRows,
  csrToArray,
  csrToTensor,
  csrTranspose,
} from '../../lib/text/sparse-matrix';

describe('text/sparse-matrix', () => {
  const dense = [
    [0, 2, 0],
    [1, 0, 3],
    [0, 0, 0],
    [4, 5, 0],
  ];
  const m = csrFromDense(dense);

  it('round-trips, transposes and selects rows', () => {
    assert.deepStrictEqual(csrToArray(m), dense);
    assert.deepStrictEqual(Array.from(m.indptr), [0, 1, 3, 3, 5]);
    assert.deepStrictEqual(csrToArray(csrTranspose(m)), [
      [0, 1, 0, 4],
      [2, 0, 0, 5],
      [0, 3, 0, 0],
    ]);
    assert.deepStrictEqual(csrToArray(csrSelectRows(m, [3, 0])), [
      [4, 5, 0],
      [0, 2, 0],
    ]);
  });

  it('multiplies by a dense matrix', () => {
    const b = Float64Array.from([1, 2, 3, 4, 5, 6]); // [3, 2]
    assert.deepStrictEqual(Array.from(csrMulDense(m, b, 2)), [6, 8, 16, 20, 0, 0, 19, 28]);
    assert.throws(() => csrMulDense(m, b, 3), /expected 3 × 3/);
  });

  it('normalises rows and converts to a tensor without leaking', () => {
    const unit = csrToArray(csrNormalizeRows(m));
    assert.deepStrictEqual(unit[2], [0, 0, 0]);
    assert.ok(Math.abs(Math.hypot(...unit[3]) - 1) < 1e-6);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const t = csrToTensor(m);
      assert.deepStrictEqual(t.arraySync(), dense);
      t.dispose();
    }
    assert.strictEqual(tf.memory().numTensors, before);
  });
});
