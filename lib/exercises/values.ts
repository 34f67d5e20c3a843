// What an assertion saw, as plain JSON: the form in which a graded kernel records values and the
// checks (checks.ts) compare them, in the student's notebook and in the grader's own process.

/** A number that JSON can carry: non-finite values are spelled out. */
export type JsonNumber = number | 'NaN' | 'Infinity' | '-Infinity';

/** Plain JSON data. */
export type JsonData = null | boolean | number | string | JsonData[] | { [key: string]: JsonData };

/** Numbers, number arrays or a tensor: a shape and the values in row-major order. */
export interface NumericValue {
  kind: 'numeric';
  shape: number[];
  values: JsonNumber[];
}
/** Anything else that equals() compares (strings, booleans, plain objects...). */
export interface DataValue {
  kind: 'data';
  value: JsonData;
}
/** The shape of a tensor. */
export interface ShapeValue {
  kind: 'shape';
  shape: number[];
}
/** Whether a function threw, and its message. */
export interface ThrewValue {
  kind: 'threw';
  threw: boolean;
  message: string;
}
/** A condition. */
export interface BoolValue {
  kind: 'bool';
  value: boolean;
}
/** A value that could not be read (wrong type, ragged array, too large, a getter that threw). */
export interface UnreadableValue {
  kind: 'unreadable';
  reason: string;
}

/** The value one assertion recorded. */
export type RecordedValue = NumericValue | DataValue | ShapeValue | ThrewValue | BoolValue | UnreadableValue;

/** Anything with numbers in it: a number, nested arrays of numbers, or a tensor (has arraySync). */
export type Numeric =
  number | number[] | number[][] | number[][][] | ArrayLike<number> | { arraySync(): unknown; shape: number[] };

/** Past this many numbers a value is not recorded (keeps records and messages small). */
export const MAX_RECORDED_NUMBERS = 1_000_000;

/** Thrown by the notebook-side assertions; its message is all a student sees. */
export class AssertionFailure extends Error {
  override name = 'AssertionFailure';
}

/** `x` as a shape plus row-major values, or the reason it is not numeric. */
export function numericValue(x: unknown): NumericValue | UnreadableValue {
  try {
    if (typeof x === 'number') return { kind: 'numeric', shape: [], values: [jsonNumber(x)] };
    if (isTensorLike(x)) return fromNested(x.arraySync(), x.shape);
    if (ArrayBuffer.isView(x) && !(x instanceof DataView))
      return fromNested(Array.from(x as unknown as ArrayLike<number>), undefined);
    if (Array.isArray(x)) return fromNested(x, undefined);
    return unreadable(`expected a number, an array of numbers or a tensor, got ${typeName(x)}`);
  } catch (e) {
    return unreadable(`reading the value threw: ${errorMessage(e)}`);
  }
}

/** `x.shape` as recorded by shapeIs. */
export function shapeValue(x: unknown): ShapeValue | UnreadableValue {
  try {
    const shape = x !== null && typeof x === 'object' ? (x as { shape?: unknown }).shape : undefined;
    if (!Array.isArray(shape) || !shape.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 0)) {
      return unreadable(`expected something with a shape (a tensor), got ${typeName(x)}`);
    }
    return { kind: 'shape', shape: shape.slice() as number[] };
  } catch (e) {
    return unreadable(`reading the shape threw: ${errorMessage(e)}`);
  }
}

/** Plain data for equals(): numbers and tensors numerically, everything else as JSON. */
export function dataValue(x: unknown): RecordedValue {
  if (typeof x === 'number' || isTensorLike(x) || ArrayBuffer.isView(x)) return numericValue(x);
  if (Array.isArray(x) && x.length > 0 && x.every((v) => typeof v === 'number' || Array.isArray(v))) {
    const n = numericValue(x);
    if (n.kind === 'numeric') return n;
  }
  try {
    const seen = new Set<unknown>();
    return { kind: 'data', value: toJsonData(x, seen, 0) };
  } catch (e) {
    return unreadable(errorMessage(e));
  }
}

/** Calls `fn` and records whether it threw. */
export function threwValue(fn: unknown): ThrewValue | UnreadableValue {
  if (typeof fn !== 'function') return unreadable(`throws() needs a function, got ${typeName(fn)}`);
  try {
    (fn as () => unknown)();
    return { kind: 'threw', threw: false, message: '' };
  } catch (e) {
    return { kind: 'threw', threw: true, message: errorMessage(e) };
  }
}

/** A pattern as JSON (RegExp source and flags). */
export interface PatternSpec {
  source: string;
  flags: string;
}

/** A RegExp as JSON, or null. */
export function patternSpec(pattern: unknown): PatternSpec | null {
  return pattern instanceof RegExp ? { source: pattern.source, flags: pattern.flags } : null;
}

/** The message of any thrown value. */
export function errorMessage(e: unknown): string {
  try {
    if (e instanceof Error) return `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${String(e.message)}`;
    return String(e);
  } catch {
    return 'an unprintable error';
  }
}

function isTensorLike(x: unknown): x is { arraySync(): unknown; shape: number[] } {
  return (
    x !== null &&
    typeof x === 'object' &&
    typeof (x as { arraySync?: unknown }).arraySync === 'function' &&
    Array.isArray((x as { shape?: unknown }).shape)
  );
}

function fromNested(data: unknown, declaredShape: number[] | undefined): NumericValue | UnreadableValue {
  const shape: number[] = [];
  for (let level: unknown = data; Array.isArray(level); level = level[0]) {
    shape.push(level.length);
    if (level.length === 0) break;
  }
  const total = shape.reduce((a, b) => a * b, 1);
  if (total > MAX_RECORDED_NUMBERS)
    return unreadable(`the value has ${total} numbers, more than the ${MAX_RECORDED_NUMBERS} that are recorded`);
  const values: JsonNumber[] = [];
  const walk = (node: unknown, depth: number): string | null => {
    if (depth === shape.length) {
      if (typeof node === 'boolean') {
        values.push(node ? 1 : 0);
        return null;
      }
      if (typeof node !== 'number') return `expected numbers, found ${typeName(node)}`;
      values.push(jsonNumber(node));
      return null;
    }
    if (!Array.isArray(node) || node.length !== shape[depth])
      return 'the nested arrays are ragged (rows of different lengths)';
    for (let i = 0; i < node.length; i++) {
      const problem = walk(node[i], depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  const problem = walk(data, 0);
  if (problem) return unreadable(problem);
  return {
    kind: 'numeric',
    // A declared shape counts only when the values fill it (an object can claim any shape).
    shape: declaredShape?.reduce((a, b) => a * b, 1) === values.length ? declaredShape.slice() : shape,
    values,
  };
}

function toJsonData(x: unknown, seen: Set<unknown>, depth: number): JsonData {
  if (depth > 20) throw new Error('the value is nested too deeply to record');
  if (x === null || x === undefined) return null;
  if (typeof x === 'string' || typeof x === 'boolean') return x;
  if (typeof x === 'number') return Number.isFinite(x) ? x : String(x);
  if (typeof x === 'bigint') return x.toString();
  if (typeof x !== 'object') return `[${typeof x}]`;
  if (seen.has(x)) throw new Error('the value contains a cycle');
  seen.add(x);
  if (Array.isArray(x)) return x.map((v) => toJsonData(v, seen, depth + 1));
  if (x instanceof Map)
    return Object.fromEntries([...x.entries()].map(([k, v]) => [String(k), toJsonData(v, seen, depth + 1)]));
  if (x instanceof Set) return [...x].map((v) => toJsonData(v, seen, depth + 1));
  const out: Record<string, JsonData> = {};
  for (const key of Object.keys(x).sort()) out[key] = toJsonData((x as Record<string, unknown>)[key], seen, depth + 1);
  return out;
}

function jsonNumber(x: number): JsonNumber {
  if (Number.isFinite(x)) return x;
  return Number.isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

/** A shape or index as "[2, 3]". */
export function formatShape(shape: number[]): string {
  return `[${shape.join(', ')}]`;
}

/** A number short enough for a one-line message. */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x) || Number.isInteger(x)) return String(x);
  return String(Number(x.toPrecision(6)));
}

function typeName(x: unknown): string {
  if (x === null) return 'null';
  if (Array.isArray(x)) return 'an array';
  if (typeof x === 'object') return `an object (${x.constructor?.name ?? 'no class'})`;
  return typeof x;
}

function unreadable(reason: string): UnreadableValue {
  return { kind: 'unreadable', reason };
}
