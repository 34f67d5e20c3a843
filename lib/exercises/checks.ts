// The checks behind each assertion: recorded value against expected value, null when it holds, else
// the one-line message a student sees. The notebook API and the grader (in its own process) share them.
import { formatNumber, formatShape, JsonData, JsonNumber, PatternSpec, RecordedValue } from './values';

/** null when `actual` is within `tol` of `expected` element-wise, else the failure message. */
export function checkCloseTo(
  actual: RecordedValue,
  expected: RecordedValue,
  tol: number,
  revealExpected = true,
): string | null {
  if (actual.kind === 'unreadable') return actual.reason;
  if (expected.kind !== 'numeric')
    return `the expected value is not numeric (${expected.kind === 'unreadable' ? expected.reason : expected.kind})`;
  if (actual.kind !== 'numeric') return `expected a numeric value, got ${actual.kind}`;
  if (!sameShape(actual.shape, expected.shape)) {
    return `shape ${formatShape(actual.shape)} differs from the expected ${formatShape(expected.shape)}`;
  }
  // A shape is only a claim: the values must be there, one per element (an empty comparison proves nothing).
  const count = elements(expected.shape);
  if (expected.values.length !== count) return 'the expected value has the wrong number of elements';
  if (actual.values.length !== count)
    return `shape ${formatShape(actual.shape)} needs ${count} values, got ${actual.values.length}`;
  if (count === 0) return 'there are no values to compare';
  let bad = -1;
  let badCount = 0;
  for (let i = 0; i < actual.values.length; i++) {
    if (!close(toNumber(actual.values[i]), toNumber(expected.values[i]), tol)) {
      if (bad < 0) bad = i;
      badCount++;
    }
  }
  if (bad < 0) return null;
  const got = formatNumber(toNumber(actual.values[bad]));
  const want = revealExpected
    ? `expected ${formatNumber(toNumber(expected.values[bad]))} ± ${formatNumber(tol)}`
    : `not within ${formatNumber(tol)} of the expected value`;
  if (actual.shape.length === 0) return `got ${got}, ${want}`;
  const where = formatShape(indexOf(bad, actual.shape));
  return `element ${where} is ${got}, ${want} (${badCount} of ${actual.values.length} elements differ)`;
}

/** null when the recorded shape equals `expected`. */
export function checkShape(actual: RecordedValue, expected: number[]): string | null {
  if (actual.kind === 'unreadable') return actual.reason;
  if (actual.kind !== 'shape') return `expected a shape, got ${actual.kind}`;
  return sameShape(actual.shape, expected)
    ? null
    : `shape is ${formatShape(actual.shape)}, expected ${formatShape(expected)}`;
}

/** null when `actual` equals `expected` (numbers exactly, data deeply). */
export function checkEquals(actual: RecordedValue, expected: RecordedValue, revealExpected = true): string | null {
  if (actual.kind === 'unreadable') return actual.reason;
  if (expected.kind === 'numeric') return checkCloseTo(actual, expected, 0, revealExpected);
  if (expected.kind !== 'data') return 'the expected value could not be read';
  if (actual.kind !== 'data')
    return `expected ${revealExpected ? preview(expected.value) : 'a different value'}, got a ${actual.kind} value`;
  if (deepEqual(actual.value, expected.value)) return null;
  return revealExpected
    ? `got ${preview(actual.value)}, expected ${preview(expected.value)}`
    : `got ${preview(actual.value)}, which is not the expected value`;
}

/** null when the function threw (with a message matching `pattern`, if given). */
export function checkThrows(actual: RecordedValue, pattern: PatternSpec | null, revealExpected = true): string | null {
  if (actual.kind === 'unreadable') return actual.reason;
  if (actual.kind !== 'threw') return 'expected a call outcome';
  if (!actual.threw) return 'expected the call to throw, but it returned normally';
  if (pattern && !new RegExp(pattern.source, pattern.flags).test(actual.message)) {
    const want = revealExpected ? `/${pattern.source}/${pattern.flags}` : 'the expected error';
    return `it threw "${truncate(actual.message, 200)}", which does not match ${want}`;
  }
  return null;
}

/** null when the condition held, else `message`. */
export function checkTrue(actual: RecordedValue, message: string): string | null {
  if (actual.kind === 'unreadable') return actual.reason;
  return actual.kind === 'bool' && actual.value ? null : message || 'the condition is false';
}

function deepEqual(a: JsonData, b: JsonData): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && deepEqual(a[k], b[k]));
  }
  return false;
}

function close(a: number, b: number, tol: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b);
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  return Math.abs(a - b) <= tol;
}

function toNumber(x: JsonNumber): number {
  return typeof x === 'number' ? x : Number(x);
}

function elements(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function sameShape(a: number[], b: number[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function indexOf(flat: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length).fill(0);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

function preview(v: JsonData): string {
  return truncate(JSON.stringify(v) ?? 'undefined', 120);
}

function truncate(s: string, n: number): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}
