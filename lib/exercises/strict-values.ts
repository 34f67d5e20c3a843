// How a graded kernel's recorder reads values: by what they are, never by what they claim. Only real
// numbers, booleans, plain non-proxy arrays of them, typed arrays and genuine tfjs tensors (a tensor
// whose data the backend holds, read from a fresh clone) become numeric values. A tensor-like object,
// a proxy, an array with getters or an object with its own valueOf/toString is recorded as what it is
// ("unreadable" with the reason) and fails every check. Everything used is captured when the reader is
// made (at lockdown, before any notebook code runs), so later patches cannot reach it.
/* eslint-disable @typescript-eslint/unbound-method -- intrinsics are captured unbound at load, before notebook code could patch them, and called through call/apply/bind */
import { types as utilTypes } from 'util';
import {
  DataValue,
  errorMessage,
  JsonData,
  JsonNumber,
  MAX_RECORDED_NUMBERS,
  NumericValue,
  RecordedValue,
  ShapeValue,
  UnreadableValue,
} from './values';

/** What the reader needs of tfjs: the Tensor class and tf.clone, captured at lockdown. */
export interface TensorRuntime {
  Tensor: { prototype: object };
  clone(
    this: void,
    x: unknown,
  ): { shape: number[]; dtype: string; dataSync(): ArrayLike<number | Uint8Array>; dispose(): void };
}

/** The three ways a recorder reads an assertion's argument. */
export interface StrictReader {
  numeric(x: unknown): NumericValue | UnreadableValue;
  shape(x: unknown): ShapeValue | UnreadableValue;
  data(x: unknown): RecordedValue;
}

const isProxy = utilTypes.isProxy;
const isTypedArray = utilTypes.isTypedArray;
const isBigIntArray = (x: unknown): boolean => utilTypes.isBigInt64Array(x) || utilTypes.isBigUint64Array(x);
const getPrototypeOf = Object.getPrototypeOf;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const isArray = Array.isArray;
const isInteger = Number.isInteger;
const isFinite = Number.isFinite;
const isNaN = Number.isNaN;
const ArrayProto = Array.prototype;
const ObjectProto = Object.prototype;
const MapProto = Map.prototype;
const SetProto = Set.prototype;
const typedLength = getOwnPropertyDescriptor(getPrototypeOf(Uint8Array.prototype) as object, 'length')!.get!;
const call = Function.prototype.call;
const mapEntries = MapProto.entries;
const setValues = SetProto.values;
const stringOf = String;
const objectKeys = Object.keys;

/** Things an object may carry that make it "not what it seems": it is refused rather than read. */
const DISGUISES = ['valueOf', 'toString', 'toJSON', Symbol.toPrimitive] as PropertyKey[];

/** A reader bound to `tf` (null: the notebook does not use tensors, so nothing is read as one). */
export function createStrictReader(tf: TensorRuntime | null): StrictReader {
  const tensorProto = tf ? tf.Tensor.prototype : null;
  const clone = tf ? tf.clone : null;

  const isTensor = (x: unknown): boolean => {
    if (tensorProto === null || x === null || typeof x !== 'object' || isProxy(x)) return false;
    for (let p: unknown = getPrototypeOf(x); p !== null; p = getPrototypeOf(p)) if (p === tensorProto) return true;
    return false;
  };

  /** Shape and values of a genuine tensor, read from a clone the backend makes of its data. */
  const readTensor = (x: unknown): NumericValue | UnreadableValue => {
    let copy: ReturnType<TensorRuntime['clone']> | null = null;
    try {
      copy = clone!(x);
      const shape = plainShape(copy.shape);
      if (!shape) return unreadable('the tensor has no valid shape');
      if (copy.dtype === 'string') return unreadable('a string tensor is not numeric');
      const data = copy.dataSync();
      const n = product(shape);
      if (n > MAX_RECORDED_NUMBERS)
        return unreadable(`the value has ${n} numbers, more than the ${MAX_RECORDED_NUMBERS} that are recorded`);
      if (data.length !== n) return unreadable(`the tensor's shape [${shape.join(', ')}] does not match its data`);
      const values: JsonNumber[] = [];
      for (let i = 0; i < n; i++) values[i] = jsonNumber(data[i] as number);
      return { kind: 'numeric', shape, values };
    } catch (e) {
      return unreadable(`not a live tensor of this kernel (${errorMessage(e)})`);
    } finally {
      try {
        copy?.dispose();
      } catch {
        /* already gone */
      }
    }
  };

  const numeric = (x: unknown): NumericValue | UnreadableValue => {
    if (typeof x === 'number') return { kind: 'numeric', shape: [], values: [jsonNumber(x)] };
    if (x === null || typeof x !== 'object')
      return unreadable(`expected a number, an array or a tensor, got ${kindOf(x)}`);
    if (isProxy(x)) return unreadable('a proxy is not a value: it was not read');
    if (isTensor(x)) return readTensor(x);
    if (isTypedArray(x)) return readTyped(x);
    if (isArray(x)) return readNested(x);
    return unreadable(`expected a number, an array of numbers or a tensor, got ${kindOf(x)}`);
  };

  // A shape is read from something that has the values too: a genuine tensor or plain nested arrays.
  const shape = (x: unknown): ShapeValue | UnreadableValue => {
    const isPlainArray = isArray(x) && !isProxy(x);
    if (!isTensor(x) && !isPlainArray) return unreadable(`expected a tensor, got ${kindOf(x)}`);
    const read = isPlainArray ? readNested(x) : readTensor(x);
    return read.kind === 'numeric' ? { kind: 'shape', shape: read.shape } : read;
  };

  const data = (x: unknown): RecordedValue => {
    if (typeof x === 'number' || isTensor(x) || isTypedArray(x)) return numeric(x);
    if (isArray(x) && !isProxy(x) && x.length > 0) {
      const first = ownValue(x, 0);
      if (first.ok && (typeof first.value === 'number' || isArray(first.value))) {
        const n = numeric(x);
        if (n.kind === 'numeric') return n;
      }
    }
    try {
      const value: DataValue = { kind: 'data', value: plainData(x, [], 0) };
      return value;
    } catch (e) {
      return unreadable(errorMessage(e));
    }
  };

  /** JSON data from plain values only: no proxies, getters, class instances or disguises. */
  const plainData = (x: unknown, seen: unknown[], depth: number): JsonData => {
    if (depth > 20) throw new Error('the value is nested too deeply to record');
    if (x === null || x === undefined) return null;
    if (typeof x === 'string' || typeof x === 'boolean') return x;
    if (typeof x === 'number') return isFinite(x) ? x : stringOf(x);
    if (typeof x === 'bigint') return `${x}n`;
    if (typeof x !== 'object') throw new Error(`a ${typeof x} is not data`);
    if (isProxy(x)) throw new Error('a proxy is not a value: it was not read');
    if (isTensor(x) || isTypedArray(x)) {
      const n = numeric(x);
      if (n.kind === 'unreadable') throw new Error(n.reason);
      return n.values;
    }
    for (const s of seen) if (s === x) throw new Error('the value contains a cycle');
    seen[seen.length] = x;
    const proto: unknown = getPrototypeOf(x);
    const out: JsonData[] = [];
    if (isArray(x)) {
      if (proto !== ArrayProto) throw new Error('an array of a subclass is not plain data');
      refuseDisguises(x);
      for (let i = 0; i < x.length; i++) {
        const v = ownValue(x, i);
        if (!v.ok) throw new Error(v.reason);
        out[i] = plainData(v.value, seen, depth + 1);
      }
      return out;
    }
    if (proto === MapProto || proto === SetProto) {
      refuseDisguises(x);
      const items: unknown[] = [];
      const it = call.call(proto === MapProto ? mapEntries : setValues, x) as Iterator<unknown>;
      for (let r = it.next(); !r.done; r = it.next()) items[items.length] = r.value;
      if (proto === SetProto) return items.map((v) => plainData(v, seen, depth + 1));
      const obj: Record<string, JsonData> = {};
      for (const pair of items as [unknown, unknown][]) obj[stringOf(pair[0])] = plainData(pair[1], seen, depth + 1);
      return obj;
    }
    if (proto !== ObjectProto && proto !== null) throw new Error(`${kindOf(x)} is not plain data`);
    refuseDisguises(x);
    const obj: Record<string, JsonData> = {};
    for (const key of objectKeys(x).sort()) {
      const v = ownValue(x, key);
      if (!v.ok) throw new Error(v.reason);
      obj[key] = plainData(v.value, seen, depth + 1);
    }
    return obj;
  };

  return { numeric, shape, data };
}

/** Nested plain arrays of numbers (booleans read as 0/1): every level a real array of data properties. */
function readNested(data: unknown[]): NumericValue | UnreadableValue {
  const shape: number[] = [];
  let level: unknown = data;
  while (isArray(level)) {
    if (isProxy(level)) return unreadable('a proxy is not a value: it was not read');
    shape[shape.length] = level.length;
    if (level.length === 0) break;
    const first = ownValue(level, 0);
    if (!first.ok) return unreadable(first.reason);
    level = first.value;
  }
  const total = product(shape);
  if (total > MAX_RECORDED_NUMBERS)
    return unreadable(`the value has ${total} numbers, more than the ${MAX_RECORDED_NUMBERS} that are recorded`);
  const values: JsonNumber[] = [];
  const walk = (node: unknown, depth: number): string | null => {
    if (depth === shape.length) {
      if (typeof node === 'boolean') values[values.length] = node ? 1 : 0;
      else if (typeof node === 'number') values[values.length] = jsonNumber(node);
      else return `expected numbers, found ${kindOf(node)}`;
      return null;
    }
    if (!isArray(node) || isProxy(node)) return 'the nested arrays are ragged (or not plain arrays)';
    if (node.length !== shape[depth]) return 'the nested arrays are ragged (rows of different lengths)';
    if (getPrototypeOf(node) !== ArrayProto) return 'an array of a subclass is not plain data';
    for (let i = 0; i < node.length; i++) {
      const v = ownValue(node, i);
      if (!v.ok) return v.reason;
      const problem = walk(v.value, depth + 1);
      if (problem) return problem;
    }
    return null;
  };
  const problem = walk(data, 0);
  return problem ? unreadable(problem) : { kind: 'numeric', shape, values };
}

function readTyped(x: object): NumericValue | UnreadableValue {
  if (isBigIntArray(x)) return unreadable('a BigInt array is not numeric');
  const n = call.call(typedLength, x) as number;
  if (n > MAX_RECORDED_NUMBERS)
    return unreadable(`the value has ${n} numbers, more than the ${MAX_RECORDED_NUMBERS} that are recorded`);
  const values: JsonNumber[] = [];
  // Integer indices of a typed array are its own elements: no getter can stand in for them.
  for (let i = 0; i < n; i++) values[i] = jsonNumber((x as unknown as Record<number, number>)[i]);
  return { kind: 'numeric', shape: [n], values };
}

/** An own data property's value, without running any getter. */
function ownValue(x: object, key: PropertyKey): { ok: true; value: unknown } | { ok: false; reason: string } {
  const desc = getOwnPropertyDescriptor(x, key);
  if (!desc) return { ok: false, reason: `element ${stringOf(key)} is missing (a hole)` };
  if (!('value' in desc)) return { ok: false, reason: `element ${stringOf(key)} is a getter, not a value` };
  return { ok: true, value: desc.value };
}

function refuseDisguises(x: object): void {
  const keys = ownKeys(x);
  for (const d of DISGUISES)
    for (const k of keys) if (k === d) throw new Error(`an object with its own ${stringOf(d)} is not plain data`);
}

function plainShape(shape: unknown): number[] | null {
  if (!isArray(shape) || isProxy(shape)) return null;
  const out: number[] = [];
  for (let i = 0; i < shape.length; i++) {
    const d = ownValue(shape, i);
    if (!d.ok || typeof d.value !== 'number' || !isInteger(d.value) || d.value < 0) return null;
    out[i] = d.value;
  }
  return out;
}

function product(shape: number[]): number {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
}

function jsonNumber(x: number): JsonNumber {
  if (isFinite(x)) return x;
  return isNaN(x) ? 'NaN' : x > 0 ? 'Infinity' : '-Infinity';
}

function kindOf(x: unknown): string {
  if (x === null) return 'null';
  if (isArray(x)) return 'an array';
  if (typeof x !== 'object') return typeof x;
  if (isProxy(x)) return 'a proxy';
  const proto: unknown = getPrototypeOf(x);
  if (proto === null) return 'an object without prototype';
  const ctor = getOwnPropertyDescriptor(proto, 'constructor');
  const name = ctor && 'value' in ctor && typeof ctor.value === 'function' ? ownName(ctor.value as object) : '';
  return `an object (${name || 'no class'})`;
}

function ownName(f: object): string {
  const d = getOwnPropertyDescriptor(f, 'name');
  return d && 'value' in d && typeof d.value === 'string' ? d.value : '';
}

function unreadable(reason: string): UnreadableValue {
  return { kind: 'unreadable', reason };
}
