import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  joinSignatureSets,
  penDownPoints,
  signatureChannel,
  signatureIndex,
  signatureStatistics,
  standardizedPenStatistics,
  standardizedSignatures,
} from '../../lib/data/signature-channels';
import { PEN_FEATURE_NAMES, penStatistics } from '../../lib/data/pen-features';

// Three signatures of 2 steps × 2 channels: value = 100·signature + 10·step + channel.
const set = {
  features: tf.tensor3d([0, 1, 10, 11, 100, 101, 110, 111, 200, 201, 210, 211], [3, 2, 2]),
  featureNames: ['x', 'speed'],
  users: Int32Array.from([1, 1, 2]),
  samples: Int32Array.from([1, 21, 1]),
};

describe('data/signature-channels', () => {
  after(() => set.features.dispose());

  it('finds a signer’s sample, and says so when it is not there', () => {
    assert.strictEqual(signatureIndex(set, 1, 21), 1);
    assert.strictEqual(signatureIndex(set, 2, 1), 2);
    assert.throws(() => signatureIndex(set, 2, 21), /no sample 21 of signer 2/);
  });

  it('one channel of one signature, over its steps', () => {
    assert.deepStrictEqual(Array.from(signatureChannel(set, 1, 'speed')), [101, 111]);
    assert.deepStrictEqual(Array.from(signatureChannel(set, 2, 'x')), [200, 210]);
    assert.throws(() => signatureChannel(set, 0, 'pressure'), /no channel "pressure" \(channels: x, speed\)/);
    assert.throws(() => signatureChannel(set, 3, 'x'), /signature 3 is not in 0..2/);
  });

  it('standardises with the chosen signers only', () => {
    // Signer 1's x values 0, 10, 100, 110: mean 55, population sd √2525; signer 2's x 200 is scaled by them too.
    const z = standardizedSignatures(set, [1]);
    const v = z.dataSync();
    assert.deepStrictEqual(
      [v[0], v[2], v[8]].map((a) => Math.round(a * 1000) / 1000),
      [-55, -45, 145].map((d) => Math.round((d / Math.sqrt(2525)) * 1000) / 1000),
    );
    z.dispose();
    assert.throws(() => standardizedSignatures(set, [9]), /none of signers 9/);
  });

  it('joins sets with their signers kept apart, and adds the log duration to the hand-made statistics', () => {
    // Two one-signature sets of 4 steps × the 8 pen channels; the second writes twice as fast.
    const one = (speed: number, user: number, duration: number) => ({
      features: tf.tensor3d(
        Array.from({ length: 32 }, (_, v) => (v % 8 === 4 ? speed : v % 8 === 7 ? 1 : 0)),
        [1, 4, 8],
      ),
      users: Int32Array.from([user]),
      samples: Int32Array.from([1]),
      genuine: Uint8Array.from([1]),
      featureNames: [...PEN_FEATURE_NAMES],
      durations: Float64Array.from([duration]),
    });
    const [a, b] = [one(1, 3, 1000), one(2, 3, 500)];
    const both = joinSignatureSets([a, b]);
    assert.deepStrictEqual(Array.from(both.users), [3, 103]);
    assert.deepStrictEqual(both.features.shape, [2, 4, 8]);
    assert.deepStrictEqual(Array.from(both.durations), [1000, 500]);
    const stats = signatureStatistics(both);
    assert.strictEqual(stats.length, 12);
    // Log mean speed 0 and log 2; log duration log 1000 and log 500.
    assert.ok(Math.abs(stats[6] - stats[0] - Math.log(2)) < 1e-4, `${stats[6]} − ${stats[0]}`);
    assert.ok(Math.abs(stats[5] - Math.log(1000)) < 1e-6 && Math.abs(stats[11] - Math.log(500)) < 1e-6);
    // Standardised on both signers: ±1 in log mean speed.
    const z = standardizedPenStatistics(both, [3, 103]);
    const v = z.dataSync();
    assert.ok(Math.abs(v[0] + 1) < 1e-4 && Math.abs(v[5] - 1) < 1e-4, `${v[0]}, ${v[5]}`);
    assert.deepStrictEqual(
      Array.from(penStatistics(both.features.dataSync() as Float32Array, 4)).map((x) => Math.round(x * 1e4)),
      Array.from(stats.filter((_, k) => k % 6 !== 5)).map((x) => Math.round(x * 1e4)),
    );
    assert.throws(() => joinSignatureSets([a, { ...b, featureNames: ['x'] }]), /same feature channels/);
    tf.dispose([a.features, b.features, both.features, z]);
  });

  it('pen-down points of a signer’s sample: x and y where the pen-down channel is set', () => {
    const f = [
      [0, 0, 1],
      [1, 2, 0],
      [3, 4, 1],
    ].map(([x, y, down]) => [x, y, 0, 0, 0, 0, 0, down]);
    const s = {
      features: tf.tensor3d([f]),
      featureNames: [...PEN_FEATURE_NAMES],
      users: Int32Array.from([4]),
      samples: Int32Array.from([2]),
    };
    assert.deepStrictEqual(penDownPoints(s, 4, 2), [
      [0, 0],
      [3, 4],
    ]);
    s.features.dispose();
  });
});
