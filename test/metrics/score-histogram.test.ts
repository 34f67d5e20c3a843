import * as assert from 'assert';
import { scoreHistogram } from '../../lib/metrics/score-histogram';

describe('metrics/score-histogram', () => {
  it('bins each kind separately, normalised to 1, clamping outliers into the end bins', () => {
    const h = scoreHistogram([0.1, 0.1, 0.6, 0.9, 0.3, 1.5], [1, 1, 1, 0, 0, 0], 2, [0, 1]);
    const get = (kind: string, start: number) => h.find((b) => b.kind === kind && b.start === start)?.fraction;
    assert.strictEqual(h.length, 4);
    assert.strictEqual(get('match', 0), 2 / 3);
    assert.strictEqual(get('match', 0.5), 1 / 3);
    assert.strictEqual(get('non-match', 0), 1 / 3);
    assert.strictEqual(get('non-match', 0.5), 2 / 3); // 0.9 and the clamped 1.5
    const auto = scoreHistogram([0, 1, 2, 4], [1, 0, 1, 0], 4);
    assert.deepStrictEqual(
      auto.filter((b) => b.kind === 'match').map((b) => b.fraction),
      [0.5, 0, 0.5, 0],
    );
    assert.deepStrictEqual(
      auto.filter((b) => b.kind === 'non-match').map((b) => b.fraction),
      [0, 0.5, 0, 0.5],
    );
  });
});
