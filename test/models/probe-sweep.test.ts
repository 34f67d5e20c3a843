import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { samplePerClass } from '../../lib/data/seeded-random';
import { trainLinearProbe } from '../../lib/models/linear-probe';
import { probeSweep } from '../../lib/models/probe-sweep';

/** Three Gaussian blobs in 3-D whose class is encoded in coordinates 0 and 1; coordinate 2 is noise only. */
function blobs(perClass: number, seed: number): { x: tf.Tensor2D; labels: Int32Array } {
  const labels = Int32Array.from({ length: 3 * perClass }, (_, i) => i % 3);
  const x = tf.tidy(() => {
    const centres = tf.tensor2d([
      [0, 0, 0],
      [4, 0, 0],
      [0, 4, 0],
    ]);
    const noise = tf.randomNormal([3 * perClass, 3], 0, 1, 'float32', seed);
    return tf.gather(centres, tf.tensor1d(labels, 'int32')).add<tf.Tensor2D>(noise);
  });
  return { x, labels };
}

describe('models/probe-sweep', () => {
  const train = blobs(40, 1);
  const test = blobs(100, 2);
  const features = {
    informative: (x: tf.Tensor2D) => x.slice([0, 0], [-1, 2]),
    noise: (x: tf.Tensor2D) => x.slice([0, 2], [-1, 1]),
  };
  after(() => tf.dispose([train.x, test.x]));

  it('gives one row per labels-per-class and extractor, with the mean of the draws', () => {
    const before = tf.memory().numTensors;
    const sweep = probeSweep(features, train, test, { perClass: [2, 20], draws: [1, 2, 3], numClasses: 3 });
    assert.strictEqual(tf.memory().numTensors, before, 'leaked tensors');
    assert.deepStrictEqual(
      sweep.rows.map((r) => `${r['labels per class']} ${r.features}`),
      ['2 informative', '2 noise', '20 informative', '20 noise'],
    );
    // Coordinate 2 carries no class: near chance (1/3); coordinates 0/1 separate the blobs well.
    assert.ok(sweep.means.informative[20] > 0.8, `informative ${sweep.means.informative[20]}`);
    assert.ok(sweep.means.noise[20] < 0.5, `noise ${sweep.means.noise[20]}`);
    const runs = sweep.rows[2].runs.split(' / ').map(Number);
    assert.strictEqual(runs.length, 3);
    assert.strictEqual(sweep.rows[2]['test accuracy (mean of 3)'], sweep.means.informative[20].toFixed(3));
    assert.ok(Math.abs(runs.reduce((s, a) => s + a, 0) / 3 - sweep.means.informative[20]) < 2e-3);
  });

  it('matches a probe trained by hand on the same seeded draw', () => {
    const sweep = probeSweep({ informative: features.informative }, train, test, {
      perClass: [5],
      draws: [7],
      numClasses: 3,
    });
    const idx = samplePerClass(train.labels, 5, 7);
    const x = tf.tidy(() => tf.gather(train.x, tf.tensor1d(idx, 'int32')).slice([0, 0], [-1, 2]));
    const probe = trainLinearProbe(
      x,
      Array.from(idx, (i) => train.labels[i]),
      { numClasses: 3 },
    );
    const testX = features.informative(test.x);
    assert.strictEqual(sweep.means.informative[5], probe.accuracy(testX, test.labels));
    assert.strictEqual(sweep.rows[0].sd, '0.000');
    probe.dispose();
    tf.dispose([x, testX]);
  });
});
