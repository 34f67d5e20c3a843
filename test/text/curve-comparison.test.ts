import * as assert from 'assert';
import {
  meanPrecisionBelowFullRecall,
  precisionAdvantage,
  curvePrecisionAtRecall,
  curvePrecisionAtRetrieved,
} from '../../lib/text/curve-comparison';
import type { RetrievalCurves } from '../../lib/text/retrieval-evaluation';

const curves = (atRecall: number[]): RetrievalCurves => ({
  queries: 2,
  recallLevels: [0.25, 0.5, 1],
  precisionAtRecall: Float64Array.from(atRecall),
  retrievedCounts: [1, 3],
  precisionAtRetrieved: Float64Array.of(0.9, 0.7),
});

describe('text/curve-comparison', () => {
  const a = curves([0.8, 0.6, 0.1]);
  const b = curves([0.5, 0.7, 0.1]);

  it('reads precision at a recall level and at a retrieved count, and refuses other ones', () => {
    assert.strictEqual(curvePrecisionAtRecall(a, 0.5), 0.6);
    assert.strictEqual(curvePrecisionAtRetrieved(a, 3), 0.7);
    assert.throws(() => curvePrecisionAtRecall(a, 0.3), /0.3 is not one of the recall levels/);
    assert.throws(() => curvePrecisionAtRetrieved(a, 2), /2 is not one of the retrieved counts/);
  });

  it('averages and compares over the levels below 100 % only', () => {
    assert.ok(Math.abs(meanPrecisionBelowFullRecall(a) - 0.7) < 1e-12);
    const lead = precisionAdvantage(a, b);
    assert.ok(Math.abs(lead.mean - 0.1) < 1e-12, String(lead.mean));
    assert.ok(Math.abs(lead.min + 0.1) < 1e-12 && Math.abs(lead.max - 0.3) < 1e-12);
  });
});
