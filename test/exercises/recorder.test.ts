import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as path from 'path';
import { checkLine, GradingRecord } from '../../lib/exercises/record-line';

describe('exercises/recorder + lockdown (in a child process: the lockdown freezes its realm)', () => {
  let out: Record<string, unknown>;
  before(() => {
    out = JSON.parse(
      execFileSync(process.execPath, [path.join(__dirname, 'recorder-child.js')], { encoding: 'utf8' }),
    ) as Record<string, unknown>;
  });

  it('freezes Math, Array.prototype, Object.prototype and globalThis.Math; lets objects override toString', () => {
    assert.equal(out.mathAbs, 'TypeError');
    assert.equal(out.mathAbsStill, 3);
    assert.equal(out.arrayEvery, 'TypeError');
    assert.equal(out.objectToJSON, 'TypeError');
    assert.equal(out.globalMath, 'TypeError');
    assert.equal(out.overrideOnObject, 'changed');
    assert.equal(out.overrideValue, 'mine');
    // Libraries may add methods to Set.prototype (vega-lite does), not change existing ones.
    assert.equal(out.setToJSONAdded, 'changed');
    assert.equal(out.setHasAdded, 'TypeError');
    // A heap snapshot would hold the channel key.
    assert.equal(out.heapSnapshot, 'Error');
  });

  it('seeds Math.random and exposes only lockdown and runTests on the global', () => {
    assert.equal(out.randomSeeded, true);
    assert.deepEqual(out.recorderKeys, ['lockdown', 'runTests']);
  });

  it('runs the sent tests with the real intrinsics, records values (not verdicts), signs every line, ignores forged messages', () => {
    const lines = (out.sent as string[]).map((l) => l.trimEnd());
    const records = lines.map((l, i) => {
      const checked = checkLine('c'.repeat(64), l, i);
      assert.ok(checked.ok, `line ${i} verifies`);
      return JSON.parse(checked.body) as GradingRecord;
    });
    assert.deepEqual(
      records.map((r) => r.type),
      ['cell', 'test', 'test', 'cell'],
    );
    const [first, second] = records.filter((r) => r.type === 'test') as Extract<GradingRecord, { type: 'test' }>[];
    assert.deepEqual(
      first.asserts.map((a) => a.actual),
      [
        { kind: 'numeric', shape: [], values: [5] },
        { kind: 'bool', value: true },
      ],
    );
    assert.equal(first.asserts[0].expected, undefined);
    assert.equal(second.error, 'student bug');
  });
});
