// The assertion API that lesson TESTS cells call. It runs inside a student's kernel, so it imports
// nothing else of replearn. (Stub signatures; the grading work implements them.)

/** Anything with numbers in it: a number, nested arrays of numbers, or a tensor (has arraySync). */
export type Numeric = number | number[] | number[][] | { arraySync(): unknown; shape: number[] };

/** Run one named test worth `points`; prints passed/failed with its message, never a stack dump. */
export async function test(name: string, points: number, body: () => void | Promise<void>): Promise<void> {
  void name; void points; void body;
  throw new Error('exercises.test: not implemented yet');
}

/** Assert that `actual` equals `expected` element-wise within `tol` (absolute). */
export function closeTo(actual: Numeric, expected: Numeric, tol = 1e-6): void {
  void actual; void expected; void tol;
  throw new Error('exercises.closeTo: not implemented yet');
}

/** Assert a tensor's shape. */
export function shapeIs(actual: { shape: number[] }, expected: number[]): void {
  void actual; void expected;
  throw new Error('exercises.shapeIs: not implemented yet');
}

/** Assert that `fn` throws (optionally with a message matching `pattern`). */
export function throws(fn: () => unknown, pattern?: RegExp): void {
  void fn; void pattern;
  throw new Error('exercises.throws: not implemented yet');
}

/** Assert a condition, with the message shown when it fails. */
export function isTrue(condition: boolean, message: string): void {
  void condition; void message;
  throw new Error('exercises.isTrue: not implemented yet');
}
