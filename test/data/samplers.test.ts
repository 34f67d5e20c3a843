import * as assert from 'assert';
import { samplePairs } from '../../lib/data/pairs';
import { sampleTriplets } from '../../lib/data/triplets';

// 3 classes of very different sizes: a sampler that drew examples (not classes) would favour class 0.
const labels = [...new Array<number>(500).fill(0), ...new Array<number>(50).fill(1), ...new Array<number>(5).fill(2)];

describe('data/samplers (samplePairs, sampleTriplets)', () => {
  it('samplePairs: exact positive share, labels agree with `same`, no self-pairs, seeded', () => {
    const n = 3000;
    const p = samplePairs(labels, n, { seed: 1, positiveFraction: 0.3 });
    let positives = 0;
    for (let i = 0; i < n; i++) {
      assert.notStrictEqual(p.a[i], p.b[i]);
      assert.strictEqual(labels[p.a[i]] === labels[p.b[i]], p.same[i] === 1, `pair ${i}`);
      positives += p.same[i];
    }
    assert.strictEqual(positives, 900);
    assert.deepStrictEqual(samplePairs(labels, 50, { seed: 1 }), samplePairs(labels, 50, { seed: 1 }));
    assert.notDeepStrictEqual(samplePairs(labels, 50, { seed: 1 }).a, samplePairs(labels, 50, { seed: 2 }).a);
  });

  it('samplePairs: classes equally likely among positives (±5 sigma), batches mixed', () => {
    const p = samplePairs(labels, 3000, { seed: 4 });
    const perClass = [0, 0, 0];
    for (let i = 0; i < 3000; i++) if (p.same[i]) perClass[labels[p.a[i]]]++;
    // 1500 positives over 3 classes: 500 each, binomial sd ≈ 18.3.
    for (const c of perClass) assert.ok(Math.abs(c - 500) < 92, `per-class positives ${perClass}`);
    const firstBatch = Array.from(p.same.slice(0, 64)).reduce((s, v) => s + v, 0);
    assert.ok(firstBatch > 16 && firstBatch < 48, `first 64 pairs hold ${firstBatch} matches`);
  });

  it('samplePairs refuses what cannot be drawn', () => {
    assert.throws(() => samplePairs([0, 0, 0], 4, {}), /two classes/);
    assert.throws(() => samplePairs([0, 1, 2], 4, { positiveFraction: 0.5 }), /two examples/);
    assert.strictEqual(
      samplePairs([0, 1, 2], 4, { positiveFraction: 0 }).same.reduce((s, v) => s + v, 0),
      0,
    );
  });

  it('sampleTriplets: anchor and positive share a class, negative does not, classes balanced, seeded', () => {
    const t = sampleTriplets(labels, 3000, { seed: 9 });
    const perClass = [0, 0, 0];
    for (let i = 0; i < 3000; i++) {
      assert.notStrictEqual(t.anchor[i], t.positive[i]);
      assert.strictEqual(labels[t.anchor[i]], labels[t.positive[i]]);
      assert.notStrictEqual(labels[t.anchor[i]], labels[t.negative[i]]);
      perClass[labels[t.anchor[i]]]++;
    }
    // 1000 each, binomial sd ≈ 25.8.
    for (const c of perClass) assert.ok(Math.abs(c - 1000) < 130, `anchors per class ${perClass}`);
    assert.deepStrictEqual(sampleTriplets(labels, 20, { seed: 9 }), sampleTriplets(labels, 20, { seed: 9 }));
    assert.throws(() => sampleTriplets([0, 0], 1), /one other class/);
  });
});
