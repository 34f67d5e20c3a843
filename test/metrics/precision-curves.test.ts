import * as assert from 'assert';
import { precisionAtKCurves } from '../../lib/metrics/precision-curves';

describe('metrics/precision-curves', () => {
  it('mean precision@k of each search for k = 1..maxK, with a look-up by method and k', () => {
    const labels = [0, 0, 1, 1];
    const curves = precisionAtKCurves(
      {
        good: {
          indices: [
            [1, 2],
            [3, 0],
          ],
        },
        bad: {
          indices: [
            [2, 1],
            [0, 3],
          ],
        },
      },
      [0, 1],
      labels,
      2,
    );
    assert.deepStrictEqual(curves.rows, [
      { method: 'good', k: 1, precision: 1 },
      { method: 'good', k: 2, precision: 0.5 },
      { method: 'bad', k: 1, precision: 0 },
      { method: 'bad', k: 2, precision: 0.5 },
    ]);
    assert.strictEqual(curves.at('good', 1), 1);
    assert.throws(() => curves.at('good', 3), /no curve "good" at k = 3/);
  });
});
