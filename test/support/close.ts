import * as assert from 'assert';

/** Assert |actual − expected| ≤ tol, saying both numbers and the tolerance when it fails. */
export function assertClose(actual: number, expected: number, tol: number): void {
  assert.ok(Math.abs(actual - expected) <= tol, `${actual} is not within ${tol} of ${expected}`);
}

/** assertClose with a default tolerance: one line per test file states the tolerance its numbers need. */
export function closeWithin(defaultTol: number): (actual: number, expected: number, tol?: number) => void {
  return (actual, expected, tol = defaultTol) => assertClose(actual, expected, tol);
}
