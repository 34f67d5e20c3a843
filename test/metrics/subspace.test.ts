import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { Matrix } from 'ml-matrix';
import { principalAngles } from '../../lib/metrics/subspace';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-9);
const rad = (deg: number): number => (deg * Math.PI) / 180;

describe('metrics/subspace', () => {
  it('finds the known angles between two planes in R^4', () => {
    // span{e1, e2} vs span{cos a e1 + sin a e3, cos b e2 + sin b e4}: principal angles a and b.
    const a = rad(20);
    const b = rad(65);
    const A = [
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 0],
    ];
    const B = [
      [Math.cos(a), 0],
      [0, Math.cos(b)],
      [Math.sin(a), 0],
      [0, Math.sin(b)],
    ];
    const { cosines, degrees } = principalAngles(A, B);
    close(cosines[0], Math.cos(a), 1e-12);
    close(cosines[1], Math.cos(b), 1e-12);
    close(degrees[0], 20, 1e-9);
    close(degrees[1], 65, 1e-9);
  });

  it('does not care which vectors span the subspace', () => {
    // Same plane given by a skewed, scaled basis: all angles 0. Orthogonal complement: all 90°.
    const A = new Matrix([
      [1, 0],
      [0, 1],
      [0, 0],
    ]);
    const skew = [
      [3, 1],
      [-2, 5],
      [0, 0],
    ];
    assert.ok(principalAngles(A, skew).cosines.every((c) => Math.abs(c - 1) < 1e-12));
    assert.deepStrictEqual(
      principalAngles(A, [[0], [0], [7]]).cosines.map((c) => Math.round(c * 1e12)),
      [0],
    );
    close(principalAngles(A, [[0], [0], [7]]).degrees[0], 90, 1e-9);
  });

  it('takes tensors and subspaces of different dimension', () => {
    const A = tf.tensor2d([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
      [0, 0, 0],
    ]);
    const b = tf.tensor2d([[1], [1], [0], [1]]); // angle to span{e1,e2,e3}: cos = sqrt(2/3)
    const { cosines } = principalAngles(A, b);
    assert.strictEqual(cosines.length, 1);
    close(cosines[0], Math.sqrt(2 / 3), 1e-7);
    close(principalAngles(b, A).cosines[0], Math.sqrt(2 / 3), 1e-7);
    tf.dispose([A, b]);
  });

  it('rejects bases that do not span a subspace of the stated size', () => {
    assert.throws(
      () =>
        principalAngles(
          [
            [1, 2],
            [2, 4],
            [0, 0],
          ],
          [[1], [0], [0]],
        ),
      /linearly dependent/,
    );
    assert.throws(() => principalAngles([[1], [0]], [[1], [0], [0]]), /dimensions/);
  });
});
