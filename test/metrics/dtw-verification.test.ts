import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { dtwReferenceScores } from '../../lib/metrics/dtw-verification';

describe('metrics/dtw-verification', () => {
  it('a time-shifted genuine signature scores above a forgery of the right shape at the wrong pace', () => {
    // One signer, 1-channel "signatures" of 6 steps: references are the same stroke shifted by a step; the genuine
    // question is shifted too, the forgery has the same values but pauses half-way.
    const seqs = [
      [0, 1, 2, 3, 4, 5],
      [0, 0, 1, 2, 3, 4],
      [1, 2, 3, 4, 5, 5],
      [0, 1, 2, 3, 4, 4],
      [0, 1, 1, 1, 1, 2],
    ];
    const x = tf.tensor3d(seqs.map((s) => s.map((v) => [v])));
    const labels = { users: [1, 1, 1, 1, 1], samples: [1, 2, 3, 4, 21], genuine: [1, 1, 1, 1, 0] };
    const r = dtwReferenceScores(x, labels, { references: 3, band: 1 });
    assert.deepStrictEqual(Array.from(r.isGenuine), [1, 0]);
    // Hand-computed path sums (each divided by 6 + 6 steps): references to each other 1, 1, 4 (spread 2); genuine to
    // them 1, 0, 3 (mean 4/3 → −2/3); forgery 6, 3, 10 (mean 19/3 → −19/6).
    [-2 / 3, -19 / 6].forEach((s, i) => assert.ok(Math.abs(r.scores[i] - s) < 1e-6, `${r.scores[i]} ≠ ${s}`));
    x.dispose();
  });
});
