import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { signatureChannel, signatureIndex, standardizedSignatures } from '../../lib/data/signature-channels';

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
});
