import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { identificationAccuracy, identificationAccuracyOfSplit, splitGallery } from '../../lib/metrics/identification';

describe('metrics/identification', () => {
  const labels = [0, 0, 0, 1, 1, 1, 2, 2, 2, 2];

  it('splitGallery enrols g examples per identity and probes with the rest', () => {
    for (const g of [1, 2]) {
      const { gallery, probes } = splitGallery(labels, g, 3);
      assert.strictEqual(gallery.length, 3 * g);
      assert.strictEqual(gallery.length + probes.length, labels.length);
      for (const id of [0, 1, 2]) assert.strictEqual(Array.from(gallery).filter((i) => labels[i] === id).length, g);
      assert.ok(Array.from(gallery).every((i) => !probes.includes(i)));
    }
    assert.deepStrictEqual(splitGallery(labels, 1, 5), splitGallery(labels, 1, 5));
  });

  it('identificationAccuracyOfSplit on a hand-checked layout; identificationAccuracy averages random splits', () => {
    // identity 0 near (0,0), 1 near (10,0), 2 near (0,10); example 9 (identity 2) sits among identity 1.
    const points = [
      [0, 0],
      [0.1, 0],
      [0, 0.1],
      [10, 0],
      [10.1, 0],
      [10, 0.1],
      [0, 10],
      [0.1, 10],
      [0, 10.1],
      [10, 0.05],
    ];
    const e = tf.tensor2d(points);
    // gallery 0, 3, 9: probes 1, 2 → 0 ✓; 4 → 3 (0.1 < 0.112) ✓; 5 → 9 ✗; 6, 7, 8 → 0 ✗ (10 < 14.1)  → 3/7
    const bad = { gallery: Int32Array.from([0, 3, 9]), probes: Int32Array.from([1, 2, 4, 5, 6, 7, 8]) };
    assert.strictEqual(identificationAccuracyOfSplit(e, labels, bad), 3 / 7);
    // gallery 1, 4, 7: only probe 9 fails (nearest is 4, identity 1) → 6/7
    const good = { gallery: Int32Array.from([1, 4, 7]), probes: Int32Array.from([0, 2, 3, 5, 6, 8, 9]) };
    assert.strictEqual(identificationAccuracyOfSplit(e, labels, good), 6 / 7);
    const clean = tf.tensor2d(points.slice(0, 9));
    assert.strictEqual(identificationAccuracy(clean, labels.slice(0, 9), 1, { repeats: 4 }).mean, 1);
    // a classifier that always answers identity 0 scores the probes of identity 0 only
    const always0 = (_g: tf.Tensor2D, _l: Int32Array, p: tf.Tensor2D): Int32Array => new Int32Array(p.shape[0]);
    assert.strictEqual(identificationAccuracyOfSplit(e, labels, good, always0), 2 / 7);
    assert.strictEqual(identificationAccuracy(e, labels, 1, { classifier: always0, repeats: 2 }).mean, 2 / 7);
    const result = identificationAccuracy(e, labels, 1, { repeats: 6, seed: 1 });
    assert.strictEqual(result.runs.length, 6);
    // whatever the draw, identity 2 loses either example 9 (enrolled elsewhere) or its whole cluster: 2/7 … 6/7
    assert.ok(
      result.runs.every((r) => r >= 2 / 7 - 1e-12 && r <= 6 / 7 + 1e-12),
      `runs ${result.runs}`,
    );
    tf.dispose([e, clean]);
  });

  it('leaves no tensors behind', () => {
    const e = tf.randomNormal<tf.Rank.R2>([40, 8]);
    const ids = Array.from({ length: 40 }, (_, i) => i % 8);
    const before = tf.memory().numTensors;
    identificationAccuracy(e, ids, 2, { repeats: 3, k: 3 });
    assert.strictEqual(tf.memory().numTensors, before);
    e.dispose();
  });
});
