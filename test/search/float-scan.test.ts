import * as assert from 'assert';
import { euclideanTopK } from '../../lib/search/float-scan';

describe('search/float-scan: plain-JavaScript Euclidean scan', () => {
  it('matches sorting every squared distance (ties by index), with and without excluding the query', () => {
    let s = 12345;
    const next = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 4294967296;
    };
    const count = 2000,
      dim = 5;
    // Values on a coarse grid so that equal distances occur.
    const values = Float32Array.from({ length: count * dim }, () => Math.floor(next() * 4));
    const rows = { values, count, dim };
    for (const q of [0, 3, 1999])
      for (const exclude of [-1, q]) {
        const got = euclideanTopK(rows, q, rows, 30, exclude);
        const all = Array.from({ length: count }, (_, i) => i)
          .filter((i) => i !== exclude)
          .map((i) => {
            let d = 0;
            for (let j = 0; j < dim; j++) d += (values[q * dim + j] - values[i * dim + j]) ** 2;
            return [d, i];
          })
          .sort((a, b) => a[0] - b[0] || a[1] - b[1])
          .slice(0, 30);
        assert.deepStrictEqual(
          Array.from(got.indices),
          all.map((x) => x[1]),
        );
        assert.deepStrictEqual(
          Array.from(got.distances),
          all.map((x) => x[0]),
        );
      }
  });
});
