import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { linearAutoencoder } from '../../lib/models/autoencoder';
import { fitPca, pcaBasis } from '../../lib/models/pca';
import { linearAeVsPca } from '../../lib/models/linear-ae-vs-pca';

/** A linear autoencoder whose encoder and decoder are the top-k principal directions: PCA itself, as a network. */
function pcaAsAutoencoder(pca: ReturnType<typeof fitPca>, d: number, k: number): ReturnType<typeof linearAutoencoder> {
  const ae = linearAutoencoder(d, k, 1);
  const w = pcaBasis(pca, k);
  ae.encoder.layers[0].setWeights([w, tf.zeros([k])]);
  ae.decoder.layers[0].setWeights([w.transpose(), tf.zeros([d])]);
  w.dispose();
  return ae;
}

describe('models/linear-ae-vs-pca', () => {
  // 300 rows in 6-D with falling variance per axis, shifted away from the origin so centring matters.
  const x = tf.tidy(() =>
    tf
      .randomNormal<tf.Rank.R2>([300, 6], 0, 1, 'float32', 5)
      .mul(tf.tensor1d([5, 3, 2, 1, 0.5, 0.2]))
      .add<tf.Tensor2D>(3),
  );
  const pca = fitPca(x);
  after(() => x.dispose());

  it('finds equal errors and cosines of 1 when the autoencoder is PCA', () => {
    const linear = { 2: pcaAsAutoencoder(pca, 6, 2), 3: pcaAsAutoencoder(pca, 6, 3) };
    const before = tf.memory().numTensors;
    const r = linearAeVsPca(linear, pca, x);
    assert.strictEqual(tf.memory().numTensors, before, 'leaked tensors');
    assert.deepStrictEqual(
      r.rows.map((row) => row.k),
      ['2', '3'],
    );
    for (const k of [2, 3]) {
      assert.ok(Math.abs(r.summary[k].aeMse - r.summary[k].pcaMse) < 1e-4 * r.summary[k].pcaMse, `k = ${k}`);
      assert.ok(r.summary[k].minCos > 0.9999, `k = ${k}: ${r.summary[k].minCos}`);
    }
    assert.strictEqual(r.cosinePoints.length, 2 + 3);
    const cos3 = r.cosinePoints.filter((p) => p.k === 'k = 3').map((p) => p.cosine);
    assert.strictEqual(r.summary[3].minCos, Math.min(...cos3));
    assert.ok(r.summary[3].pcaMse < r.summary[2].pcaMse);
    assert.strictEqual(r.rows[0]['λ_k / λ_k+1'], (pca.eigenvalues[1] / pca.eigenvalues[2]).toFixed(3));
  });

  it('tells an untrained autoencoder from PCA', () => {
    const r = linearAeVsPca({ 2: linearAutoencoder(6, 2, 9) }, pca, x);
    assert.ok(r.summary[2].minCos < 0.99, `cosine ${r.summary[2].minCos}`);
    assert.ok(r.summary[2].aeMse > 1.5 * r.summary[2].pcaMse);
  });
});
