import { strict as assert } from 'assert';
import { GradingRecord, TestRecord } from '../../lib/exercises/record-line';
import { assignmentFromNotebook, referencePlan, submissionPlan } from '../../lib/grading/plan';
import { studentVersion } from '../../lib/grading/assign-transform';
import { SessionResult } from '../../lib/grading/session';
import { buildReference, judgeSubmission, ReferenceFailure } from '../../lib/grading/verdict';
import { sourceNotebook } from './fixtures';

const num = (x: number): { kind: 'numeric'; shape: number[]; values: number[] } => ({
  kind: 'numeric',
  shape: [],
  values: [x],
});

function session(records: GradingRecord[], cells: number, extra: Partial<SessionResult> = {}): SessionResult {
  return {
    records,
    cells: Array.from({ length: cells }, () => ({ status: 'ok' as const, ms: 5 })),
    fatal: new Map(),
    rejectedLines: 0,
    rejectedReasons: [],
    restarts: 0,
    durationMs: 100,
    notes: [],
    ...extra,
  };
}

function test(ex: string, index: number, name: string, asserts: TestRecord['asserts'], error?: string): TestRecord {
  return { type: 'test', ex, test: index, name, points: 1, asserts, ms: 1, ...(error ? { error } : {}) };
}

describe('grading/verdict (decided in the grader, from values)', () => {
  const a = assignmentFromNotebook(sourceNotebook(), 'synthetic.ipynb');
  const refRecords: GradingRecord[] = [
    test('norm', 0, 'norm of [3, 4]', [{ site: 0, kind: 'closeTo', actual: num(5), expected: num(5), tol: 1e-9 }]),
    test('norm', 1, 'norm of [1, 2, 2]', [{ site: 1, kind: 'closeTo', actual: num(3), expected: num(3), tol: 1e-9 }]),
    test('norm', 2, 'norm of negative entries', [
      { site: 2, kind: 'isTrue', actual: { kind: 'bool', value: true }, message: 'should be 10' },
    ]),
    { ...test('double', 0, 'double([1, 2])', [{ site: 0, kind: 'equals', actual: num(1), expected: num(1) }]) },
    {
      ...test('double', 1, 'double of mixed signs', [
        { site: 1, kind: 'shapeIs', actual: { kind: 'shape', shape: [3] }, shape: [3] },
      ]),
    },
    test('safediv', 0, '6 / 3', [{ site: 0, kind: 'closeTo', actual: num(2), expected: num(2), tol: 1e-6 }]),
    test('safediv', 1, 'division by zero throws', [
      {
        site: 1,
        kind: 'throws',
        actual: { kind: 'threw', threw: true, message: 'division by zero' },
        pattern: { source: 'division by zero', flags: '' },
      },
    ]),
  ];
  const reference = buildReference(a, referencePlan(a), session(refRecords, 7));
  const plan = submissionPlan(a, studentVersion(a.notebook, a.exercises));
  const strip = (r: GradingRecord): GradingRecord =>
    r.type === 'test'
      ? { ...r, asserts: r.asserts.map(({ expected: _e, tol: _t, shape: _s, pattern: _p, ...rest }) => rest) }
      : r;

  it("the reference must pass its own tests, worth the header's points", () => {
    assert.equal(reference.exercises.get('norm')?.tests.length, 3);
    const failing = refRecords.map((r, i) =>
      i === 0 && r.type === 'test' ? { ...r, asserts: [{ ...r.asserts[0], actual: num(4) }] } : r,
    );
    assert.throws(
      () => buildReference(a, referencePlan(a), session(failing, 7)),
      (e: Error) => e instanceof ReferenceFailure && /norm of \[3, 4\].*got 4, expected 5/.test(e.message),
    );
  });

  it('a submission recording the reference values passes; expected values come only from the reference', () => {
    const results = judgeSubmission(reference, plan, session(refRecords.map(strip), 7));
    assert.deepEqual(
      results.map((e) => [e.id, e.points, e.status]),
      [
        ['norm', 3, 'passed'],
        ['double', 2, 'passed'],
        ['safediv', 2, 'passed'],
      ],
    );
  });

  it('wrong values, errors, missing tests and extra checks fail, each with its message; hidden expected values stay hidden', () => {
    const records = refRecords
      .map(strip)
      .map((r, i): GradingRecord => {
        if (r.type !== 'test') return r;
        if (i === 0) return { ...r, asserts: [{ ...r.asserts[0], actual: num(4) }] };
        if (i === 1) return { ...r, asserts: [{ ...r.asserts[0], actual: num(2) }] };
        if (i === 2) return { ...r, asserts: [...r.asserts, r.asserts[0]] };
        if (i === 5) return { ...r, asserts: [], error: 'exercise safediv: not implemented' };
        return r;
      })
      .filter((_, i) => i !== 6);
    const [norm, , safediv] = judgeSubmission(reference, plan, session(records, 7));
    assert.deepEqual(
      norm.tests.map((t) => t.message),
      [
        'got 4, expected 5 ± 1e-9',
        'got 2, not within 1e-9 of the expected value',
        'the test made 2 checks where 1 were expected',
      ],
    );
    assert.equal(norm.status, 'failed');
    assert.deepEqual(
      safediv.tests.map((t) => t.message),
      ['exercise safediv: not implemented', 'this test did not run'],
    );
  });

  it('fatal statuses and unavailable exercises score 0 with their status', () => {
    const fatal = new Map([
      ['double', { status: 'timeout' as const, message: 'cell 5 ran past the 20 s limit per cell' }],
    ]);
    const results = judgeSubmission(reference, plan, session(refRecords.map(strip), 7, { fatal }));
    assert.deepEqual(
      results.map((e) => [e.id, e.points, e.status]),
      [
        ['norm', 3, 'passed'],
        ['double', 0, 'timeout'],
        ['safediv', 2, 'passed'],
      ],
    );
    assert.equal(results[1].tests[0].message, 'cell 5 ran past the 20 s limit per cell');
  });
});
