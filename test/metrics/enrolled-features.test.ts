import * as assert from 'assert';
import { enrolledFeatures } from '../../lib/metrics/enrolled-features';
import { batchedEnrolledScores } from '../../lib/metrics/batched-enrolment';
import { enrolledScores } from '../../lib/metrics/signature-verification';

// One signer, 1-D "signatures" at these positions; samples 1–3 genuine (enrolled: 1, 2), 4 genuine, 21 forged.
const position = [0, 2, 1, 5];
const labels = { users: [7, 7, 7, 7], samples: [1, 2, 3, 21], genuine: [1, 1, 1, 0] };
const gap = (i: number, j: number): number[] => [Math.abs(position[i] - position[j]), 1];

describe('metrics/enrolled-features', () => {
  it('mean over the enrolled, divided feature by feature by their spread among themselves', () => {
    const e = enrolledFeatures(gap, labels, { enrolled: [1, 2] });
    assert.deepStrictEqual(Array.from(e.questioned), [2, 3]);
    assert.deepStrictEqual(Array.from(e.isGenuine), [1, 0]);
    assert.strictEqual(e.width, 2);
    // Enrolled at 0 and 2 (spread 2): the genuine at 1 is 1 away from each → 1/2; the forgery at 5: (5 + 3)/2/2 = 2.
    assert.deepStrictEqual(Array.from(e.features), [0.5, 1, 2, 1]);
    const raw = enrolledFeatures(gap, labels, { enrolled: [1, 2], normalise: false });
    assert.deepStrictEqual(Array.from(raw.features), [1, 1, 4, 1]);
  });

  it('another enrolment draw enrols other samples and questions the rest', () => {
    const e = enrolledFeatures(gap, labels, { enrolled: [2, 3] });
    assert.deepStrictEqual(Array.from(e.questioned), [0, 3]);
    // Enrolled at 2 and 1 (spread 1): sample 1 at 0 → (2 + 1)/2; the forgery → (3 + 4)/2.
    assert.deepStrictEqual(Array.from(e.features), [1.5, 1, 3.5, 1]);
  });

  it('batchedEnrolledScores asks for every pair once, in one batch, and scores as enrolledScores does', () => {
    let calls = 0;
    const distance = (i: number, j: number): number => gap(i, j)[0];
    const batched = batchedEnrolledScores(
      (p) => {
        calls++;
        assert.strictEqual(p.left.length, new Set(Array.from(p.left, (l, k) => `${l},${p.right[k]}`)).size);
        return Array.from(p.left, (l, k) => distance(l, p.right[k]));
      },
      labels,
      { references: 2 },
    );
    assert.strictEqual(calls, 1);
    const direct = enrolledScores(distance, labels, { references: 2 });
    assert.deepStrictEqual(Array.from(batched.scores), Array.from(direct.scores));
    assert.throws(() => batchedEnrolledScores(() => [1], labels, { references: 2 }), /pairs asked, 1 distances/);
  });
});
