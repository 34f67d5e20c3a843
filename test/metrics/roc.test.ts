import * as assert from 'assert';
import { equalErrorRate, operatingPoint, rocAuc, rocCurve, rocPoints, thresholdAtEer } from '../../lib/metrics/roc';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-9);

describe('metrics/roc', () => {
  // Distances: matches at 0.1 0.2 0.3 0.4, non-matches at 0.35 0.5 0.6 0.7. Only one of the 16 (match, non-match)
  // pairs is misordered (0.4 > 0.35), so AUC = 15/16; at t = 0.35 one match is rejected and one non-match accepted.
  const dist = [0.1, 0.2, 0.3, 0.4, 0.35, 0.5, 0.6, 0.7];
  const same = [1, 1, 1, 1, 0, 0, 0, 0];

  it('rocCurve sweeps the distinct thresholds from accept-nothing to accept-all', () => {
    const roc = rocCurve(dist, same, 'distance');
    assert.deepStrictEqual(roc.thresholds, [-Infinity, 0.1, 0.2, 0.3, 0.35, 0.4, 0.5, 0.6, 0.7]);
    assert.deepStrictEqual(roc.tpr, [0, 0.25, 0.5, 0.75, 0.75, 1, 1, 1, 1]);
    assert.deepStrictEqual(roc.fpr, [0, 0, 0, 0, 0.25, 0.25, 0.5, 0.75, 1]);
    // similarity = −distance gives the same curve
    const sim = rocCurve(
      dist.map((d) => -d),
      same,
      'similarity',
    );
    assert.deepStrictEqual(sim.tpr, roc.tpr);
    assert.deepStrictEqual(sim.fpr, roc.fpr);
  });

  it('rocAuc is the Mann–Whitney probability, ties counting ½', () => {
    close(rocAuc(rocCurve(dist, same, 'distance')), 15 / 16);
    // one tie between a match and a non-match (both 0.5): (3 + 0.5) / 4
    close(rocAuc(rocCurve([0.9, 0.5, 0.5, 0.1], [1, 1, 0, 0])), 3.5 / 4);
    close(rocAuc(rocCurve([1, 2, 3], [0, 1, 1])), 1);
  });

  it('equalErrorRate: an exact crossing, and an interpolated one', () => {
    const exact = equalErrorRate(rocCurve(dist, same, 'distance'));
    close(exact.eer, 0.25);
    close(exact.threshold, 0.35);
    // matches 0.1 0.2 0.3, non-matches 0.15 0.4: at t = 0.15 FPR 1/2, FNR 2/3; at t = 0.2 FPR 1/2, FNR 1/3.
    // FPR − FNR goes −1/6 → +1/6, so the crossing is half-way: EER 1/2 at t = 0.175.
    const mid = equalErrorRate(rocCurve([0.1, 0.2, 0.3, 0.15, 0.4], [1, 1, 1, 0, 0], 'distance'));
    close(mid.eer, 0.5);
    close(mid.threshold, 0.175);
    close(thresholdAtEer(dist, same, 'distance'), 0.35);
  });

  it('operatingPoint counts false accepts and false rejects at a fixed threshold', () => {
    assert.deepStrictEqual(operatingPoint(dist, same, 0.35, 'distance'), { far: 0.25, frr: 0.25, accuracy: 0.75 });
    assert.deepStrictEqual(operatingPoint(dist, same, 0.6, 'distance'), { far: 0.75, frr: 0, accuracy: 0.625 });
    assert.deepStrictEqual(operatingPoint([0.9, 0.2], [1, 0], 0.5), { far: 0, frr: 0, accuracy: 1 });
  });

  it('rocPoints thins a long curve to at most max points, ends included', () => {
    const n = 1000;
    const roc = rocCurve(
      Array.from({ length: n }, (_, i) => i),
      Array.from({ length: n }, (_, i) => (i % 3 === 0 ? 1 : 0)),
    );
    const pts = rocPoints(roc, 50);
    assert.ok(pts.length <= 50, `${pts.length} points`);
    assert.deepStrictEqual([pts[0].fpr, pts[0].tpr], [0, 0]);
    assert.deepStrictEqual([pts[pts.length - 1].fpr, pts[pts.length - 1].tpr], [1, 1]);
    assert.strictEqual(rocPoints(rocCurve(dist, same, 'distance')).length, 9);
  });

  it('refuses inputs without both classes', () => {
    assert.throws(() => rocCurve([0.1, 0.2], [1, 1]), /both matching and non-matching/);
    assert.throws(() => rocCurve([0.1], [1, 0]), /1 scores but 2 labels/);
  });
});
