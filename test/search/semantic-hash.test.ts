import * as assert from 'assert';
import { packBits, hammingDistancesTo } from '../../lib/search/hamming';
import { addressTable, addressesWithin, semanticHashLookup } from '../../lib/search/semantic-hash';
import { dropQueryFromNeighbours } from '../../lib/search/exclude-query';

function bitsOf(seed: number, n: number, nBits: number): Uint8Array {
  let a = seed >>> 0;
  const next = () => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a / 4294967296;
  };
  return Uint8Array.from({ length: n * nBits }, () => (next() < 0.5 ? 1 : 0));
}

describe('search/semantic-hash: binary codes as memory addresses', () => {
  it('addressesWithin lists each address of the Hamming ball once (1 + 28 + 378 for radius 2 of 28 bits)', () => {
    const ball = addressesWithin(0x0abcdef, 28, 2);
    assert.strictEqual(ball.length, 1 + 28 + 378);
    assert.strictEqual(new Set(ball).size, ball.length);
    // Brute force on 10 bits: every address within distance 3.
    const small = new Set(addressesWithin(0b1011001110, 10, 3));
    for (let a = 0; a < 1024; a++) {
      let d = 0;
      for (let x = a ^ 0b1011001110; x; x &= x - 1) d++;
      assert.strictEqual(small.has(a), d <= 3, `address ${a} at distance ${d}`);
    }
  });

  it('a lookup returns exactly the database codes within the radius, nearest first', () => {
    const n = 4000,
      nBits = 12;
    const codes = packBits(bitsOf(3, n, nBits), n, nBits);
    const table = addressTable(codes);
    for (const q of [0, 99, 3999]) {
      const d = hammingDistancesTo(codes, q, codes);
      for (const radius of [0, 1, 2]) {
        const got = semanticHashLookup(table, codes.words[q], nBits, radius);
        const want = Array.from({ length: n }, (_, i) => i).filter((i) => d[i] <= radius);
        assert.deepStrictEqual(
          [...got].sort((a, b) => a - b),
          want,
        );
        for (let r = 1; r < got.length; r++) assert.ok(d[got[r]] >= d[got[r - 1]]);
      }
    }
  });

  it('refuses codes longer than one address word', () => {
    assert.throws(() => addressTable(packBits(new Uint8Array(40), 1, 40)), /32-bit address/);
  });

  it('dropQueryFromNeighbours removes the query itself wherever it appears and keeps k', () => {
    const lists = {
      indices: [
        [5, 2, 9],
        [1, 7, 3],
      ],
      distances: [
        [0, 1, 2],
        [0.5, 0.6, 0.7],
      ],
    };
    const out = dropQueryFromNeighbours(lists, [5, 7], 2);
    assert.deepStrictEqual(out.indices, [
      [2, 9],
      [1, 3],
    ]);
    assert.deepStrictEqual(out.distances, [
      [1, 2],
      [0.5, 0.7],
    ]);
  });
});
