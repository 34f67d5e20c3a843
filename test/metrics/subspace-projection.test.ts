import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { projectOntoSpan } from '../../lib/metrics/subspace-projection';

describe('metrics/subspace-projection', () => {
  it('projects onto the span of the columns (here the xy-plane of R³), whatever basis spans it', () => {
    const basis = tf.tensor2d([
      [1, 1],
      [0, 2],
      [0, 0],
    ]);
    const target = tf.tensor2d([
      [3, -1],
      [4, 5],
      [7, 2],
    ]);
    const projected = projectOntoSpan(basis, target);
    const expected = [
      [3, -1],
      [4, 5],
      [0, 0],
    ];
    projected
      .arraySync()
      .forEach((row, i) => row.forEach((v, j) => assert.ok(Math.abs(v - expected[i][j]) < 1e-5, `${i},${j}: ${v}`)));
    tf.dispose([basis, target, projected]);
  });
});
