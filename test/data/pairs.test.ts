import * as assert from 'assert';
import { allPairs, balancedPairs } from '../../lib/data/pairs';
import { samplePerClass, seededRandom, shuffledIndices } from '../../lib/data/seeded-random';

describe('data/pairs and seeded-random', () => {
  it('seededRandom and shuffledIndices repeat with the seed and differ across seeds', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const xs = Array.from({ length: 5 }, () => a());
    assert.deepStrictEqual(
      xs,
      Array.from({ length: 5 }, () => b()),
    );
    assert.ok(xs.every((x) => x >= 0 && x < 1));
    const p = shuffledIndices(50, 1);
    assert.deepStrictEqual(
      Array.from(p).sort((x, y) => x - y),
      Array.from({ length: 50 }, (_, i) => i),
    );
    assert.notDeepStrictEqual(p, shuffledIndices(50, 2));
  });

  it('samplePerClass takes up to n of each class', () => {
    const labels = [0, 1, 1, 1, 2, 2, 0, 1];
    const idx = samplePerClass(labels, 2, 0);
    assert.deepStrictEqual(
      Array.from(idx, (i) => labels[i]),
      [0, 0, 1, 1, 2, 2],
    );
  });

  it('balancedPairs: half matches, matches share a class, non-matches do not, no self-pairs', () => {
    const labels = Array.from({ length: 60 }, (_, i) => i % 6);
    const pairs = balancedPairs(labels, { positives: 200, seed: 3 });
    assert.strictEqual(pairs.same.length, 400);
    let matches = 0;
    for (let i = 0; i < 400; i++) {
      const sameClass = labels[pairs.left[i]] === labels[pairs.right[i]];
      assert.strictEqual(sameClass, pairs.same[i] === 1, `pair ${i}`);
      assert.notStrictEqual(pairs.left[i], pairs.right[i]);
      matches += pairs.same[i];
    }
    assert.strictEqual(matches, 200);
    assert.deepStrictEqual(
      balancedPairs(labels, { positives: 10, seed: 3 }),
      balancedPairs(labels, { positives: 10, seed: 3 }),
    );
    assert.throws(() => balancedPairs([0, 0, 1], { positives: 1 }), /two classes/);
  });

  it('allPairs lists every unordered pair once', () => {
    const p = allPairs([0, 1, 0]);
    assert.deepStrictEqual(Array.from(p.left), [0, 0, 1]);
    assert.deepStrictEqual(Array.from(p.right), [1, 2, 2]);
    assert.deepStrictEqual(Array.from(p.same), [0, 1, 0]);
  });
});
