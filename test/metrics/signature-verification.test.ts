import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  enrolledScores,
  genuineAcceptanceAt,
  pairCosines,
  referenceScores,
} from '../../lib/metrics/signature-verification';

describe('metrics/signature-verification', () => {
  it('genuine acceptance at the threshold rejecting 80% of forgeries', () => {
    // Forgery scores 0.1..1.0: rejecting 80% (8 of 10) puts the threshold at 0.8.
    const forged = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0];
    const genuine = [0.75, 0.85, 0.95, 1.1];
    const scores = [...forged, ...genuine];
    const isGenuine = [...forged.map(() => 0), ...genuine.map(() => 1)];
    const r = genuineAcceptanceAt(scores, isGenuine, 0.8);
    assert.strictEqual(r.threshold, 0.8);
    assert.strictEqual(r.acceptance, 0.75);
    assert.strictEqual(genuineAcceptanceAt(scores, isGenuine, 1).acceptance, 0.25);
    assert.strictEqual(genuineAcceptanceAt(scores, isGenuine, 0.5).threshold, 0.5);
    assert.throws(() => genuineAcceptanceAt([1], [1]), /genuine and forged/);
  });

  it("scores every non-reference sample against the mean of its user's first references", () => {
    // User 1: references (samples 1, 2) at [1, 0] and [1, 2] → mean [1, 1]; sample 3 genuine, sample 21 forged.
    const e = tf.tensor2d([
      [1, 0],
      [1, 2],
      [2, 2],
      [1, -1],
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    const users = [1, 1, 1, 1, 2, 2, 2];
    const samples = [1, 2, 3, 21, 1, 2, 21];
    const genuine = [1, 1, 1, 0, 1, 1, 0];
    const r = referenceScores(e, users, samples, genuine, 2);
    assert.deepStrictEqual(Array.from(r.questioned), [2, 3, 6]);
    assert.deepStrictEqual(Array.from(r.isGenuine), [1, 0, 0]);
    assert.deepStrictEqual(Array.from(r.users), [1, 1, 2]);
    assert.ok(
      Math.abs(r.scores[0] - 1) < 1e-6 && Math.abs(r.scores[1]) < 1e-6 && Math.abs(r.scores[2]) < 1e-6,
      String(r.scores),
    );
    // Euclidean: minus the distance to the mean reference [1, 1] (user 1) and [0, 1] (user 2).
    const eu = referenceScores(e, users, samples, genuine, 2, 'euclidean');
    [-Math.SQRT2, -2, -Math.SQRT2].forEach((v, i) =>
      assert.ok(Math.abs(eu.scores[i] - v) < 1e-6, `${eu.scores[i]} ≠ ${v}`),
    );
    e.dispose();
  });

  it('pairCosines scores pairs of rows of one embedding matrix', () => {
    const e = tf.tensor2d([
      [1, 0],
      [0, 3],
      [2, 0],
      [-1, 0],
    ]);
    const c = Array.from(pairCosines(e, { left: [0, 0, 0, 1], right: [1, 2, 3, 1] }));
    assert.deepStrictEqual(
      c.map((v) => Math.round(v * 1e6) / 1e6),
      [0, 1, -1, 1],
    );
    e.dispose();
  });
});

describe('metrics/signature-verification enrolledScores', () => {
  // Each signature is a number; the distance between two is their difference. Samples 1–3 are enrolled.
  const v = [0, 1, 2, 1, 5, 0, 10, 20, 10, 30];
  const labels = {
    users: [1, 1, 1, 1, 1, 2, 2, 2, 2, 2],
    samples: [1, 2, 3, 4, 21, 1, 2, 3, 4, 21],
    genuine: [1, 1, 1, 1, 0, 1, 1, 1, 1, 0],
  };
  const dist = (i: number, j: number): number => Math.abs(v[i] - v[j]);

  it('scores minus the mean distance to the enrolled samples over the mean distance among them', () => {
    const r = enrolledScores(dist, labels, { references: 3 });
    assert.deepStrictEqual(Array.from(r.questioned), [3, 4, 8, 9]);
    assert.deepStrictEqual(Array.from(r.isGenuine), [1, 0, 1, 0]);
    // Signer 1: spread (1 + 2 + 1) / 3; signer 2: spread (10 + 20 + 10) / 3, ten times wider.
    [-0.5, -3, -0.5, -1.5].forEach((s, i) => assert.ok(Math.abs(r.scores[i] - s) < 1e-6, `${r.scores[i]} ≠ ${s}`));
    // Without normalisation signer 2's genuine sample scores below signer 1's forgery.
    const raw = enrolledScores(dist, labels, { references: 3, normalise: false });
    [-2 / 3, -4, -20 / 3, -20].forEach((s, i) => assert.ok(Math.abs(raw.scores[i] - s) < 1e-6, `${raw.scores[i]}`));
    // The nearest enrolled sample instead of the mean, and only the signers asked for.
    const min = enrolledScores(dist, labels, { references: 3, combine: 'min', users: [1] });
    assert.deepStrictEqual(
      Array.from(min.scores, (s) => s + 0),
      [0, -2.25],
    );
  });
});
