import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { Matrix, QrDecomposition } from 'ml-matrix';
import { PCA } from 'ml-pca';
import { seededRandom } from '../../lib/data/seeded-random';
import { decoderBasis, linearAutoencoder } from '../../lib/models/autoencoder';
import { explainedVariance, fitPca, pcaBasis, pcaProject, pcaReconstruct } from '../../lib/models/pca';
import { meanSquaredErrorPerPixel } from '../../lib/metrics/reconstruction';
import { principalAngles } from '../../lib/metrics/subspace';
import { fitAutoencoder } from '../../lib/training/autoencoder-fit';

const D = 10;
const VARIANCES = [10, 6, 4, 1, 0.5, 0.3, 0.2, 0.1, 0.05, 0.02];

/** N points in R^10 with covariance Q diag(VARIANCES) Qᵀ for a random rotation Q, shifted by a mean of 3s. */
function syntheticData(n: number, seed: number): { x: tf.Tensor2D; axes: Matrix } {
  const rand = seededRandom(seed);
  const gauss = (): number => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const axes = new QrDecomposition(Matrix.from1DArray(D, D, Array.from({ length: D * D }, gauss))).orthogonalMatrix;
  const z = new Matrix(n, D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) z.set(i, j, gauss() * Math.sqrt(VARIANCES[j]));
  const x = z.mmul(axes.transpose()).add(3);
  return { x: tf.tensor2d(x.to2DArray()), axes };
}

describe('models/pca', () => {
  const { x, axes } = syntheticData(4000, 42);
  after(() => x.dispose());

  it('recovers the principal axes and variances of data with a known covariance', () => {
    const fit = fitPca(x);
    VARIANCES.slice(0, 4).forEach((v, j) =>
      assert.ok(Math.abs(fit.eigenvalues[j] - v) / v < 0.08, `λ${j} = ${fit.eigenvalues[j]}, want ${v}`),
    );
    for (let j = 0; j < 3; j++) {
      const dot = Math.abs(fit.components[j].reduce((s, c, i) => s + c * axes.get(i, j), 0));
      assert.ok(dot > 0.99, `component ${j} is off its axis: |cos| = ${dot}`);
    }
    Array.from(fit.mean).forEach((m) => assert.ok(Math.abs(m - 3) < 0.2, `mean ${m}`));
    assert.ok(Math.abs(explainedVariance(fit, 3) - 20 / 22.17) < 0.02);
  });

  it('projects and reconstructs: all components give the data back, k components leave the other variances', () => {
    const fit = fitPca(x);
    const full = pcaReconstruct(fit, x, D);
    const err = tf.tidy(() => full.sub(x).abs().max().dataSync()[0]);
    assert.ok(err < 1e-3, `full reconstruction off by ${err}`);
    const r3 = pcaReconstruct(fit, x, 3);
    // Per-pixel MSE ≈ (left-over variance) / D.
    const leftover = VARIANCES.slice(3).reduce((s, v) => s + v, 0) / D;
    const mse = meanSquaredErrorPerPixel(x, r3);
    assert.ok(Math.abs(mse - leftover) / leftover < 0.08, `MSE ${mse}, want about ${leftover}`);
    const z = pcaProject(fit, x, 2);
    assert.deepStrictEqual(z.shape, [4000, 2]);
    const variances = tf.tidy(() => Array.from(tf.moments(z, 0).variance.dataSync()));
    assert.ok(variances[0] > variances[1], 'first coordinate must carry the most variance');
    tf.dispose([full, r3, z]);
    assert.throws(() => pcaBasis(fit, 0), /k must be/);
  });

  it('standardize puts unlike units on one scale', () => {
    const scaled = tf.tidy(() => x.mul(tf.tensor1d(Array.from({ length: D }, (_, i) => 10 ** (i % 3)))));
    const fit = fitPca(scaled, { standardize: true, maxComponents: 4 });
    assert.strictEqual(fit.components.length, 4);
    const total = fit.eigenvalues.reduce((s, v) => s + v, 0);
    assert.ok(Math.abs(total - D) < 1e-2, `standardised total variance ${total}, want ${D}`);
    const back = pcaReconstruct(fit, scaled, 4);
    assert.deepStrictEqual(back.shape, scaled.shape);
    tf.dispose([scaled, back]);
  });

  it('with fewer examples than dimensions (eigenfaces) agrees with ml-pca on the raw data', () => {
    const rand = seededRandom(9);
    const wide = Array.from({ length: 30 }, (_, i) =>
      Array.from({ length: 50 }, (_, j) => rand() + (j < 5 ? (i % 3) * j : 0)),
    );
    const t = tf.tensor2d(wide);
    const fit = fitPca(t, { maxComponents: 5 });
    const ref = new PCA(wide, { method: 'SVD', center: true });
    const refVectors = ref.getEigenvectors();
    assert.strictEqual(fit.components.length, 5);
    for (let j = 0; j < 5; j++) {
      const dot = fit.components[j].reduce((s, c, i) => s + c * refVectors.get(i, j), 0);
      assert.ok(Math.abs(Math.abs(dot) - 1) < 1e-3, `component ${j}: |cos| = ${Math.abs(dot)}`);
      assert.ok(Math.abs(fit.eigenvalues[j] - ref.getEigenvalues()[j]) < 1e-3 * ref.getEigenvalues()[0]);
    }
    // Rank n − 1 at most: all 29 directions rebuild the centred data exactly.
    const all = fitPca(t);
    assert.strictEqual(all.components.length, 29);
    const back = pcaReconstruct(all, t, 29);
    assert.ok(tf.tidy(() => back.sub(t).abs().max().dataSync()[0]) < 1e-3);
    tf.dispose([t, back]);
  });

  it('leaks no tensors', () => {
    const fit = fitPca(x, { maxComponents: 3 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose([pcaProject(fit, x, 3), pcaReconstruct(fit, x, 2), pcaBasis(fit, 1)]);
      fitPca(x, { maxComponents: 2 });
    }
    assert.strictEqual(tf.memory().numTensors, before);
  });

  it('a linear autoencoder trained to convergence spans the principal subspace (Baldi & Hornik 1989)', async function () {
    this.timeout(60000);
    const k = 3;
    const fit = fitPca(x);
    const ae = linearAutoencoder(D, k, 7);
    const losses = await fitAutoencoder(ae.autoencoder, x, {
      epochs: 150,
      loss: 'meanSquaredError',
      batchSize: 500,
      seed: 3,
      optimizer: tf.train.adam(0.05),
    });
    assert.ok(
      losses[losses.length - 1] < losses[0] / 5,
      `loss did not fall: ${losses[0]} → ${losses[losses.length - 1]}`,
    );
    const decoder = decoderBasis(ae);
    const pcs = pcaBasis(fit, k);
    const { cosines } = principalAngles(decoder, pcs);
    assert.ok(
      cosines.every((c) => c > 0.99),
      `cosines ${cosines}`,
    );
    // Same subspace, so the same reconstruction error as PCA with k components.
    const aeOut = ae.autoencoder.predict(x) as tf.Tensor;
    const pcaOut = pcaReconstruct(fit, x, k);
    const aeMse = meanSquaredErrorPerPixel(x, aeOut);
    const pcaMse = meanSquaredErrorPerPixel(x, pcaOut);
    assert.ok(aeMse < pcaMse * 1.02 && aeMse >= pcaMse * 0.999, `AE MSE ${aeMse} vs PCA ${pcaMse}`);
    // But its decoder columns are not the components themselves: they need not be orthonormal.
    const gram = tf.tidy(() => decoder.transpose().matMul(decoder).sub(tf.eye(k)).abs().max().dataSync()[0]);
    assert.ok(gram > 0.05, `decoder columns happen to be orthonormal (max |WᵀW − I| = ${gram})`);
    tf.dispose([decoder, pcs, aeOut, pcaOut]);
    ae.autoencoder.dispose();
  });
});
