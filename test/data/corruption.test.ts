import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { corrupt, gaussianNoise, maskingNoise, saltAndPepper } from '../../lib/data/corruption';

// 20,000 pixels: a binomial fraction's standard deviation is ≤ 0.0036, so ±0.015 is over 4 sigma.
const N = 20000;

function values(t: tf.Tensor): Float32Array {
  const v = t.dataSync() as Float32Array;
  t.dispose();
  return v;
}

describe('data/corruption', () => {
  const grey = tf.fill([N / 100, 10, 10], 0.5);
  const ramp = tf.linspace(0, 1, N).reshape([N / 100, 100]);
  after(() => tf.dispose([grey, ramp]));

  it('masking noise zeroes the requested fraction and keeps the rest unchanged', () => {
    for (const fraction of [0, 0.25, 0.75, 1]) {
      const out = values(maskingNoise(grey, fraction, 3));
      const zeros = out.filter((v) => v === 0).length / N;
      assert.ok(Math.abs(zeros - fraction) < 0.015, `fraction ${fraction}: ${zeros} zeroed`);
      assert.ok(
        out.every((v) => v === 0 || v === 0.5),
        'a kept pixel changed',
      );
    }
  });

  it('Gaussian noise has the requested spread before clipping and stays in [0, 1]', () => {
    const out = values(gaussianNoise(grey, 0.1, 5));
    const diffs = Array.from(out, (v) => v - 0.5);
    const mean = diffs.reduce((s, d) => s + d, 0) / N;
    const sd = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / N);
    assert.ok(Math.abs(mean) < 0.003, `mean shift ${mean}`);
    assert.ok(Math.abs(sd - 0.1) < 0.003, `sd ${sd}`); // 0.5 ± 5 sigma of 0.1 never reaches the clip
    const wide = values(gaussianNoise(grey, 0.5, 5));
    assert.ok(
      wide.every((v) => v >= 0 && v <= 1),
      'left [0, 1]',
    );
    const clippedHigh = wide.filter((v) => v === 1).length / N;
    assert.ok(Math.abs(clippedHigh - 0.1587) < 0.015, `P(noise > 1 sd) should be 0.159, got ${clippedHigh}`);
  });

  it('salt-and-pepper hits the requested fraction, half to 0 and half to 1', () => {
    const out = values(saltAndPepper(grey, 0.4, 7));
    const salt = out.filter((v) => v === 1).length / N;
    const pepper = out.filter((v) => v === 0).length / N;
    assert.ok(Math.abs(salt - 0.2) < 0.015 && Math.abs(pepper - 0.2) < 0.015, `salt ${salt}, pepper ${pepper}`);
    assert.ok(out.every((v) => v === 0 || v === 1 || v === 0.5));
  });

  it('the same seed gives the same noise, another seed other noise; shapes are kept', () => {
    for (const kind of ['masking', 'gaussian', 'salt-and-pepper'] as const) {
      const a = corrupt(ramp, kind, 0.3, 11);
      const b = corrupt(ramp, kind, 0.3, 11);
      const c = corrupt(ramp, kind, 0.3, 12);
      assert.deepStrictEqual(a.shape, ramp.shape);
      assert.deepStrictEqual(values(a), values(b), `${kind}: seed 11 twice differs`);
      assert.notDeepStrictEqual(values(c), values(corrupt(ramp, kind, 0.3, 11)), `${kind}: seeds 11 and 12 agree`);
    }
  });

  it('rejects impossible levels', () => {
    assert.throws(() => maskingNoise(grey, 1.5, 1), /fraction/);
    assert.throws(() => saltAndPepper(grey, -0.1, 1), /fraction/);
    assert.throws(() => gaussianNoise(grey, -1, 1), /factor/);
  });

  it('leaks no tensors', () => {
    values(saltAndPepper(grey, 0.1, 1));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      values(maskingNoise(grey, 0.1, i));
      values(gaussianNoise(grey, 0.1, i));
      values(saltAndPepper(grey, 0.1, i));
    }
    assert.strictEqual(tf.memory().numTensors, before);
  });
});
