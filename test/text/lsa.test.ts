import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { seededRandom } from '../../lib/data/seeded-random';
import { fitLsa, lsaProject, lsaTopTerms } from '../../lib/text/lsa';
import { csrFromDense, csrSelectRows } from '../../lib/text/sparse-matrix';
import { orthonormalizeColumns, truncatedSvd } from '../../lib/text/truncated-svd';

/** A sparse-ish 40 × 15 non-negative matrix (a third of the entries zero), like a small tf-idf table; float32 values,
 * as a CSR matrix stores them, so the float64 reference sees the same numbers. */
function smallMatrix(): number[][] {
  const rand = seededRandom(7);
  return Array.from({ length: 40 }, () =>
    Array.from({ length: 15 }, () => (rand() < 0.35 ? 0 : Math.fround(rand() * (1 + rand())))),
  );
}

describe('text/lsa (truncated SVD)', () => {
  const dense = smallMatrix();
  const m = csrFromDense(dense);
  const reference = new SingularValueDecomposition(new Matrix(dense), { autoTranspose: true });

  it("matches ml-matrix's full SVD: singular values and right singular vectors (up to sign)", () => {
    const k = 4;
    const svd = truncatedSvd(m, k, { oversample: 4, iterations: 30 });
    for (let j = 0; j < k; j++) {
      const want = reference.diagonal[j];
      assert.ok(Math.abs(svd.singularValues[j] - want) <= 1e-8 * want, `σ${j}: ${svd.singularValues[j]} vs ${want}`);
      let dot = 0;
      for (let t = 0; t < 15; t++) dot += svd.rightVectors[t * k + j] * reference.rightSingularVectors.get(t, j);
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-8, `|cos| of vector ${j} is ${Math.abs(dot)}`);
    }
  });

  it('each iteration sharpens the estimate; eight give the leading value to rounding error', () => {
    const want = reference.diagonal[0];
    const errors = [0, 1, 2, 4, 8].map(
      (iterations) => Math.abs(truncatedSvd(m, 2, { iterations, oversample: 2 }).singularValues[0] - want) / want,
    );
    for (let i = 1; i < errors.length; i++) assert.ok(errors[i] < errors[i - 1], `errors ${errors.join(', ')}`);
    assert.ok(errors[0] > 0.1 && errors[4] < 1e-12, `errors ${errors.join(', ')}`);
    assert.throws(() => truncatedSvd(m, 16), /k must be an integer in 1\.\.15/);
  });

  it('projects training rows onto U_k S_k and folds unseen rows in the same way', () => {
    const lsa = fitLsa(m, 3, { iterations: 30 });
    const z = lsaProject(lsa, m, 2);
    const got = z.arraySync();
    const u = reference.leftSingularVectors;
    for (let j = 0; j < 2; j++) {
      // Same sign convention as the reference: compare up to one sign per column.
      const sign = Math.sign(got[0][j] * u.get(0, j));
      for (let r = 0; r < 40; r++)
        assert.ok(Math.abs(got[r][j] - sign * u.get(r, j) * reference.diagonal[j]) < 1e-5, `row ${r}, topic ${j}`);
    }
    // An unseen document is x · V_k: folding in rows 5 and 9 gives exactly their training coordinates.
    const folded = lsaProject(lsa, csrSelectRows(m, [5, 9]), 2).arraySync();
    assert.ok(Math.abs(folded[1][1] - got[9][1]) < 1e-6);
    assert.throws(() => lsaProject(lsa, m, 4), /1\.\.3/);
    tf.dispose(z);
    const top = lsaTopTerms(
      lsa,
      Array.from({ length: 15 }, (_, i) => `t${i}`),
      0,
      3,
    );
    assert.strictEqual(top.length, 3);
    assert.ok(Math.abs(top[0].weight) >= Math.abs(top[2].weight));
  });

  it('orthonormalises columns and zeroes a dependent one', () => {
    const z = Float64Array.from([1, 2, 2, 1, 4, 3, 0, 0, 0]); // columns (1,1,0), (2,4,0), (2,3,0): the third is dependent
    orthonormalizeColumns(z, 3, 3);
    const col = (j: number) => [z[j], z[3 + j], z[6 + j]];
    const dot = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i], 0);
    assert.ok(Math.abs(dot(col(0), col(0)) - 1) < 1e-12 && Math.abs(dot(col(1), col(1)) - 1) < 1e-12);
    assert.ok(Math.abs(dot(col(0), col(1))) < 1e-12);
    assert.deepStrictEqual(col(2), [0, 0, 0]);
  });

  it('leaves no tensors behind', () => {
    const lsa = fitLsa(m, 2);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) lsaProject(lsa, m).dispose();
    assert.strictEqual(tf.memory().numTensors, before);
  });
});
