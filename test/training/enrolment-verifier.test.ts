import * as assert from 'assert';
import { fitEnrolmentVerifier } from '../../lib/training/enrolment-verifier';
import type { EnrolledFeatures } from '../../lib/metrics/enrolled-features';
import { seededRandom } from '../../lib/data/seeded-random';

// Two features per questioned signature: the first is larger for forgeries (ratio ~2 against ~1), the second is noise.
function features(n: number, seed: number): EnrolledFeatures {
  const rand = seededRandom(seed);
  const isGenuine = Uint8Array.from({ length: n }, (_, k) => k % 2);
  const features = new Float32Array(2 * n);
  isGenuine.forEach((g, k) => {
    features[2 * k] = (g ? 1 : 2) * (0.8 + 0.4 * rand());
    features[2 * k + 1] = 0.5 + rand();
  });
  return { features, width: 2, isGenuine, users: new Int32Array(n), questioned: new Int32Array(n) };
}

describe('training/enrolment-verifier', () => {
  it('learns which way genuine signatures lie, and scores new ones higher than forgeries', async () => {
    const v = await fitEnrolmentVerifier([features(200, 1), features(200, 2)], { epochs: 20, seed: 3 });
    const test = features(100, 4);
    const s = v.score(test);
    const mean = (g: number): number =>
      Array.from(s).reduce((a, x, k) => a + (test.isGenuine[k] === g ? x : 0), 0) / 50;
    assert.ok(mean(1) > mean(0) + 1, `genuine ${mean(1)} vs forged ${mean(0)}`);
    // Every genuine scores above every forgery: the classes do not overlap in feature 1.
    const minGenuine = Math.min(...Array.from(s).filter((_, k) => test.isGenuine[k]));
    const maxForged = Math.max(...Array.from(s).filter((_, k) => !test.isGenuine[k]));
    assert.ok(minGenuine > maxForged, `${minGenuine} ≤ ${maxForged}`);
    assert.ok(v.losses[v.losses.length - 1] < v.losses[0]);
    assert.throws(() => v.score({ ...test, width: 3 }), /trained on 2 features, given 3/);
    v.dispose();
  });

  it('an ensemble scores the mean of its networks, each trained as alone with its own seed', async () => {
    const train = [features(100, 1)];
    const test = features(20, 4);
    const updates: number[] = [];
    const progress = { update: (done: number) => updates.push(done), finish: () => updates.push(-1) };
    const both = await fitEnrolmentVerifier(train, { epochs: 3, seed: 5, ensemble: 2, progress });
    const [a, b] = [
      await fitEnrolmentVerifier(train, { epochs: 3, seed: 5 }),
      await fitEnrolmentVerifier(train, { epochs: 3, seed: 6 }),
    ];
    const [sa, sb] = [a.score(test), b.score(test)];
    both
      .score(test)
      .forEach((s, k) => assert.ok(Math.abs(s - (sa[k] + sb[k]) / 2) < 1e-4, `${s} vs ${sa[k]}, ${sb[k]}`));
    assert.strictEqual(both.models.length, 2);
    assert.deepStrictEqual(updates, [1, 2, 3, 4, 5, 6, -1]);
    [both, a, b].forEach((v) => v.dispose());
  });
});
