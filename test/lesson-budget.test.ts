import * as assert from 'assert';
import { lessonBudget, lessonBudgetName } from '../lib/lesson-budget';

describe('lesson-budget', () => {
  it('is quick unless REPLEARN_BUDGET says full', () => {
    assert.strictEqual(lessonBudgetName({}), 'quick');
    assert.strictEqual(lessonBudgetName({ REPLEARN_BUDGET: '' }), 'quick');
    assert.strictEqual(lessonBudgetName({ REPLEARN_BUDGET: 'quick' }), 'quick');
    assert.strictEqual(lessonBudgetName({ REPLEARN_BUDGET: ' Full ' }), 'full');
  });

  it('picks the value of the budget', () => {
    assert.strictEqual(lessonBudget({ quick: 10, full: 100 }, {}), 10);
    assert.strictEqual(lessonBudget({ quick: 10, full: 100 }, { REPLEARN_BUDGET: 'full' }), 100);
    assert.deepStrictEqual(lessonBudget({ quick: [1], full: [1, 2] }, { REPLEARN_BUDGET: 'full' }), [1, 2]);
  });

  it('rejects an unknown budget in one line that names the variable', () => {
    assert.throws(
      () => lessonBudget({ quick: 1, full: 2 }, { REPLEARN_BUDGET: 'ful' }),
      (e: Error) => /^REPLEARN_BUDGET must be "quick" or "full", not "ful"$/.test(e.message),
    );
  });
});
