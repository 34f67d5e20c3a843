// Verdicts, decided here in the grader's process: a submission's recorded values against the expected
// values and tolerances of the reference run (the instructor's solution). Nothing the submission's
// kernel says about passing counts - only the values its tests computed.
import { AssertionRecord, CellRecord, GradingRecord, TestRecord } from '../exercises/record-line';
import { checkCloseTo, checkEquals, checkShape, checkThrows, checkTrue } from '../exercises/checks';
import { Assignment, SubmissionPlan } from './plan';
import { FatalStatus, PlannedCell, SessionResult } from './session';

/** How an exercise ended. */
export type ExerciseStatus = 'passed' | 'partial' | 'failed' | FatalStatus | 'missing' | 'invalid';

/** One test of one exercise, as the gradebook and the feedback show it. */
export interface TestResult {
  name: string;
  points: number;
  earned: number;
  hidden: boolean;
  passed: boolean;
  message?: string;
}

/** One exercise of one submission. */
export interface ExerciseResult {
  id: string;
  max: number;
  points: number;
  status: ExerciseStatus;
  message?: string;
  tests: TestResult[];
}

/** A test as the reference run recorded it, expected values included. */
export interface ReferenceTest {
  index: number;
  occurrence: number;
  name: string;
  points: number;
  hidden: boolean;
  asserts: AssertionRecord[];
}

/** The expected values of one assignment notebook. */
export interface Reference {
  assignment: Assignment;
  exercises: Map<string, { id: string; max: number; tests: ReferenceTest[] }>;
  durationMs: number;
  /** The slowest cell of the reference run (sets default time limits). */
  slowestCellMs: number;
}

/** The instructor's notebook does not pass its own tests (or did not run). */
export class ReferenceFailure extends Error {
  override name = 'ReferenceFailure';
}

/** The reference of `a` from its session; throws ReferenceFailure listing every problem. */
export function buildReference(a: Assignment, plan: PlannedCell[], session: SessionResult): Reference {
  const problems: string[] = [...session.notes];
  session.cells.forEach((run, i) => {
    if (run.status === 'error' && plan[i].allowError) return;
    if (run.status !== 'ok')
      problems.push(
        `${plan[i].label}: ${run.status}${run.error ? ` - ${run.error.ename}: ${firstLine(run.error.evalue)}` : ''}`,
      );
  });
  for (const [ex, f] of session.fatal) problems.push(`exercise ${ex}: ${f.status} (${f.message})`);
  if (session.rejectedLines > 0)
    problems.push(`${session.rejectedLines} record lines were rejected: ${session.rejectedReasons.join('; ')}`);
  const exercises: Reference['exercises'] = new Map();
  for (const ex of a.exercises) {
    const sites = a.tests.get(ex.id)!.sites;
    const end = cellEnd(session.records, ex.id);
    if (end?.error) problems.push(`exercise ${ex.id}: the TESTS cell threw outside a test: ${end.error}`);
    const tests = withOccurrences(testRecords(session.records, ex.id)).map(({ record, occurrence }): ReferenceTest => {
      const site = sites[record.test];
      if (record.error) problems.push(`exercise ${ex.id}, test "${record.name}": ${record.error}`);
      for (const a of record.asserts) {
        const problem = judgeAssertion(a, a, false);
        if (problem) problems.push(`exercise ${ex.id}, test "${record.name}": ${problem}`);
      }
      return {
        index: record.test,
        occurrence,
        name: record.name,
        points: record.points,
        hidden: site?.hidden ?? false,
        asserts: record.asserts,
      };
    });
    const total = tests.reduce((s, t) => s + t.points, 0);
    if (tests.length === 0) problems.push(`exercise ${ex.id}: no test ran`);
    else if (Math.abs(total - ex.points) > 1e-9)
      problems.push(`exercise ${ex.id}: the tests that ran are worth ${total} points, the header says ${ex.points}`);
    exercises.set(ex.id, { id: ex.id, max: ex.points, tests });
  }
  if (problems.length > 0)
    throw new ReferenceFailure(`${a.file} does not pass its own tests:\n  ${problems.join('\n  ')}`);
  const slowestCellMs = Math.max(0, ...session.cells.map((c) => c.ms));
  return { assignment: a, exercises, durationMs: session.durationMs, slowestCellMs };
}

/** Every exercise of a submission, judged against `ref`. */
export function judgeSubmission(ref: Reference, plan: SubmissionPlan, session: SessionResult): ExerciseResult[] {
  return [...ref.exercises.values()].map((ex) => {
    const unavailable = plan.unavailable.get(ex.id);
    if (unavailable) return notGraded(ex, unavailable.status, unavailable.message);
    const fatal = session.fatal.get(ex.id);
    if (fatal) return notGraded(ex, fatal.status, fatal.message);
    const why = missingReason(ex.id, plan.cells, session);
    const submitted = new Map(
      withOccurrences(testRecords(session.records, ex.id)).map(({ record, occurrence }) => [
        `${record.test}#${occurrence}`,
        record,
      ]),
    );
    const tests = ex.tests.map((t) => judgeTest(t, submitted.get(`${t.index}#${t.occurrence}`), why));
    const points = tests.reduce((s, t) => s + t.earned, 0);
    const passed = tests.filter((t) => t.passed).length;
    const status: ExerciseStatus = passed === tests.length ? 'passed' : passed === 0 ? 'failed' : 'partial';
    const message = status === 'passed' ? undefined : `${tests.length - passed} of ${tests.length} tests failed`;
    return { id: ex.id, max: ex.max, points, status, message, tests };
  });
}

/** Every exercise scored 0 with the same status (a notebook that could not be graded at all). */
export function ungradable(ref: Reference, status: 'invalid' | 'crashed', message: string): ExerciseResult[] {
  return [...ref.exercises.values()].map((ex) => notGraded(ex, status, message));
}

function judgeTest(t: ReferenceTest, got: TestRecord | undefined, missing: string): TestResult {
  const base = { name: t.name, points: t.points, hidden: t.hidden };
  const failed = (message: string): TestResult => ({ ...base, earned: 0, passed: false, message });
  if (!got) return failed(missing);
  if (got.error) return failed(got.error);
  for (let i = 0; i < t.asserts.length; i++) {
    const want = t.asserts[i];
    const have = got.asserts[i];
    if (!have) return failed(`the test stopped after ${i} of ${t.asserts.length} checks`);
    if (have.site !== want.site || have.kind !== want.kind)
      return failed("the test's checks did not run in the expected order");
    const problem = judgeAssertion(have, want, t.hidden);
    if (problem) return failed(problem);
  }
  if (got.asserts.length > t.asserts.length)
    return failed(`the test made ${got.asserts.length} checks where ${t.asserts.length} were expected`);
  return { ...base, earned: t.points, passed: true };
}

/** The problem with `have` given the reference assertion `want` (expected values from `want`). */
function judgeAssertion(have: AssertionRecord, want: AssertionRecord, hidden: boolean): string | null {
  switch (want.kind) {
    case 'closeTo':
      return want.expected
        ? checkCloseTo(have.actual, want.expected, want.tol ?? 1e-6, !hidden)
        : 'the reference recorded no expected value';
    case 'equals':
      return want.expected
        ? checkEquals(have.actual, want.expected, !hidden)
        : 'the reference recorded no expected value';
    case 'shapeIs':
      return want.shape ? checkShape(have.actual, want.shape) : 'the reference recorded no expected shape';
    case 'throws':
      return checkThrows(have.actual, want.pattern ?? null, !hidden);
    case 'isTrue':
      return checkTrue(have.actual, have.message || want.message || '');
    default:
      return 'unknown check';
  }
}

/** Why an exercise's tests left no record: the tests cell's own failure, else a generic line. */
function missingReason(ex: string, cells: PlannedCell[], session: SessionResult): string {
  const end = cellEnd(session.records, ex);
  if (end?.error) return `the tests stopped early: ${end.error}`;
  const i = cells.findIndex((c) => c.role === 'tests' && c.exercise === ex);
  const run = i >= 0 ? session.cells[i] : undefined;
  if (run?.error) return `the tests could not run: ${firstLine(run.error.evalue)}`;
  return 'this test did not run';
}

function notGraded(
  ex: { id: string; max: number; tests: ReferenceTest[] },
  status: ExerciseStatus,
  message: string,
): ExerciseResult {
  const tests = ex.tests.map((t) => ({
    name: t.name,
    points: t.points,
    earned: 0,
    hidden: t.hidden,
    passed: false,
    message,
  }));
  return { id: ex.id, max: ex.max, points: 0, status, message, tests };
}

function testRecords(records: GradingRecord[], ex: string): TestRecord[] {
  return records.filter((r): r is TestRecord => r.type === 'test' && r.ex === ex && r.test >= 0);
}

function cellEnd(records: GradingRecord[], ex: string): CellRecord | undefined {
  return records.find((r): r is CellRecord => r.type === 'cell' && r.ex === ex && r.phase === 'end');
}

function withOccurrences(records: TestRecord[]): { record: TestRecord; occurrence: number }[] {
  const seen = new Map<number, number>();
  return records.map((record) => {
    const occurrence = seen.get(record.test) ?? 0;
    seen.set(record.test, occurrence + 1);
    return { record, occurrence };
  });
}

function firstLine(text: string): string {
  return text.split('\n')[0];
}
