import * as assert from 'assert';
import { verificationSummary } from '../../lib/metrics/verification-summary';

describe('metrics/verification-summary', () => {
  it('hand-checked: five forgeries and four genuine scores', () => {
    // Rejecting 80% of the forgeries puts the threshold at the 4th lowest (0.4): genuine 0.35 is rejected.
    const s = verificationSummary([0.1, 0.2, 0.3, 0.4, 0.5, 0.35, 0.6, 0.7, 0.8], [0, 0, 0, 0, 0, 1, 1, 1, 1]);
    assert.strictEqual(s.decisions, 9);
    assert.strictEqual(s['GA at 80% FR'], 0.75);
    // 18 of the 20 genuine–forgery orderings are right (0.35 is below 0.4 and 0.5).
    assert.ok(Math.abs(s.AUC - 18 / 20) < 1e-9, `${s.AUC}`);
    assert.ok(s.EER > 0 && s.EER <= 0.25, `${s.EER}`);
  });
});
