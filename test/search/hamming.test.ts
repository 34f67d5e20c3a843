import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import { seededRandom } from '../../lib/data/seeded-random';
import {
  packBits,
  packCodes,
  unpackCode,
  popcount32,
  hammingDistance,
  hammingTopK,
  hammingSearch,
  selectCodes,
} from '../../lib/search/hamming';

// The library's seeded generator, so the random codes are the same on every run.
const rng = seededRandom;

function randomBits(n: number, bits: number, seed: number, pOne = 0.5): Uint8Array {
  const r = rng(seed);
  return Uint8Array.from({ length: n * bits }, () => (r() < pOne ? 1 : 0));
}

// Brute force: compare bit by bit, sort every database item by (distance, index).
function referenceTopK(
  bits: Uint8Array,
  nBits: number,
  q: Uint8Array,
  n: number,
  k: number,
  exclude = -1,
): { indices: number[]; distances: number[] } {
  const all: [number, number][] = [];
  for (let i = 0; i < n; i++) {
    if (i === exclude) continue;
    let d = 0;
    for (let b = 0; b < nBits; b++) if (bits[i * nBits + b] !== q[b]) d++;
    all.push([d, i]);
  }
  all.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const top = all.slice(0, k);
  return { indices: top.map((t) => t[1]), distances: top.map((t) => t[0]) };
}

describe('search/hamming: packed binary codes and Hamming search', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  it('popcount32 counts set bits, including the sign bit', () => {
    const naive = (x: number) => {
      let c = 0;
      for (let b = 0; b < 32; b++) c += (x >>> b) & 1;
      return c;
    };
    const r = rng(1);
    const cases = [
      0,
      1,
      0xffffffff,
      0x80000000,
      0x7fffffff,
      0x55555555,
      ...Array.from({ length: 500 }, () => Math.floor(r() * 4294967296)),
    ];
    for (const x of cases) assert.strictEqual(popcount32(x), naive(x), `popcount32(${x.toString(16)})`);
  });

  it('packs and unpacks codes of lengths that are not multiples of 32', () => {
    for (const nBits of [1, 28, 32, 33, 70, 256]) {
      const bits = randomBits(5, nBits, nBits);
      const packed = packBits(bits, 5, nBits);
      assert.strictEqual(packed.wordsPerCode, Math.ceil(nBits / 32));
      for (let i = 0; i < 5; i++)
        assert.deepStrictEqual(
          Array.from(unpackCode(packed, i)),
          Array.from(bits.subarray(i * nBits, (i + 1) * nBits)),
        );
    }
  });

  it('packCodes thresholds a tensor of activations at 0.5', () => {
    const t = tf.tensor2d([
      [0.9, 0.1, 0.51, 0.49],
      [0, 1, 1, 0],
    ]);
    const p = packCodes(t);
    assert.deepStrictEqual(Array.from(unpackCode(p, 0)), [1, 0, 1, 0]);
    assert.deepStrictEqual(Array.from(unpackCode(p, 1)), [0, 1, 1, 0]);
    t.dispose();
  });

  for (const [nBits, pOne] of [
    [28, 0.5],
    [256, 0.5],
    [70, 0.1],
    [8, 0.5],
  ] as const) {
    it(`top-k over the whole set equals brute force (${nBits} bits, many ties), with and without excluding the query`, () => {
      const n = 3000,
        k = 25;
      const bits = randomBits(n, nBits, 100 + nBits, pOne);
      const db = packBits(bits, n, nBits);
      for (const q of [0, 17, 2999]) {
        const qBits = bits.subarray(q * nBits, (q + 1) * nBits);
        for (const exclude of [undefined, q]) {
          const got = hammingTopK(db, q, db, k, { exclude });
          const want = referenceTopK(bits, nBits, qBits, n, k, exclude ?? -1);
          assert.deepStrictEqual(Array.from(got.indices), want.indices);
          assert.deepStrictEqual(Array.from(got.distances), want.distances);
          for (let r = 0; r < k; r++) assert.strictEqual(hammingDistance(db, q, db, got.indices[r]), want.distances[r]);
        }
      }
    });
  }

  it('k larger than the database returns everything, sorted', () => {
    const bits = randomBits(10, 16, 7);
    const db = packBits(bits, 10, 16);
    const got = hammingTopK(db, 3, db, 50, { exclude: 3 });
    assert.strictEqual(got.indices.length, 9);
    assert.ok(!Array.from(got.indices).includes(3));
    for (let r = 1; r < 9; r++) assert.ok(got.distances[r] >= got.distances[r - 1]);
  });

  it('hammingSearch with separate query codes matches per-query top-k', () => {
    const bits = randomBits(500, 32, 9);
    const db = packBits(bits, 500, 32);
    const which = [4, 40, 400];
    const queries = selectCodes(db, which);
    const res = hammingSearch(queries, db, 5, which);
    which.forEach((q, i) => {
      const want = referenceTopK(bits, 32, bits.subarray(q * 32, (q + 1) * 32), 500, 5, q);
      assert.deepStrictEqual(res.indices[i], want.indices);
      assert.deepStrictEqual(res.distances[i], want.distances);
    });
  });

  it('refuses codes of different lengths', () => {
    const a = packBits(randomBits(2, 28, 1), 2, 28),
      b = packBits(randomBits(2, 32, 2), 2, 32);
    assert.throws(() => hammingDistance(a, 0, b, 0), /one length/);
  });

  it('packCodes keeps the tensor count flat', () => {
    const t = tf.randomUniform<tf.Rank.R2>([20, 64], 0, 1, 'float32', 3);
    packCodes(t);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) packCodes(t);
    assert.strictEqual(tf.memory().numTensors, before);
    t.dispose();
  });
});
