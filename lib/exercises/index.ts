// The assertion API that lesson TESTS cells call. It runs inside a student's kernel, so it imports
// nothing else of replearn. In a notebook each test shows passed/failed with its points; when a
// notebook is graded, `replearn grade` rewrites the TESTS cells to call its own recorder instead, and
// decides the verdicts in the grader's process (see lib/grading).
import { checkCloseTo, checkEquals, checkShape, checkThrows, checkTrue } from './checks';
import {
  AssertionFailure,
  dataValue,
  errorMessage,
  Numeric,
  numericValue,
  patternSpec,
  shapeValue,
  threwValue,
} from './values';
import { showOutcome, TestOutcome } from './result-display';

export { Numeric };

/** Run one named test worth `points`; shows passed/failed with its message, never a stack dump. */
export function test(name: string, points: number, body: () => void | Promise<void>): Promise<void> {
  const finish = (error: unknown): void => {
    const outcome: TestOutcome = { name, points, passed: error === undefined };
    if (error !== undefined) outcome.message = errorMessage(error instanceof AssertionFailure ? error.message : error);
    showOutcome(outcome);
  };
  let pending: void | Promise<void>;
  try {
    pending = body();
  } catch (e) {
    finish(e ?? new Error('the test threw undefined'));
    return Promise.resolve();
  }
  if (!isPromise(pending)) {
    finish(undefined);
    return Promise.resolve();
  }
  return pending.then(
    () => finish(undefined),
    (e: unknown) => finish(e ?? new Error('the test rejected with undefined')),
  );
}

/** Assert that `actual` equals `expected` element-wise within `tol` (absolute). */
export function closeTo(actual: Numeric, expected: Numeric, tol = 1e-6): void {
  fail(checkCloseTo(numericValue(actual), numericValue(expected), tol));
}

/** Assert a tensor's shape. */
export function shapeIs(actual: { shape: number[] }, expected: number[]): void {
  fail(checkShape(shapeValue(actual), expected));
}

/** Assert that `fn` throws (optionally with a message matching `pattern`). */
export function throws(fn: () => unknown, pattern?: RegExp): void {
  fail(checkThrows(threwValue(fn), patternSpec(pattern)));
}

/** Assert a condition, with the message shown when it fails. */
export function isTrue(condition: boolean, message: string): void {
  fail(checkTrue({ kind: 'bool', value: condition === true }, message));
}

/** Assert exact equality: numbers and tensors element-wise, strings, booleans and plain data deeply. */
export function equals(actual: unknown, expected: unknown): void {
  fail(checkEquals(dataValue(actual), dataValue(expected)));
}

function fail(problem: string | null): void {
  if (problem !== null) throw new AssertionFailure(problem);
}

function isPromise(x: unknown): x is Promise<void> {
  return x !== null && typeof x === 'object' && typeof (x as { then?: unknown }).then === 'function';
}
