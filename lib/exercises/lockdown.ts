// Freezes what a graded kernel's tests compute with, before any student code runs: the JavaScript
// intrinsics (Object, Array, Function, Math, JSON, Promise... and their prototypes), the `vm` module
// tslab runs cells through, tslab's cell bridge, and tf.Tensor's prototype once tfjs loads. A student
// can then no longer patch Math.abs or Array.prototype.every to fool a test's own arithmetic. Math.random
// is seeded first, so grading the same notebook twice gives the same numbers.

import type { TensorRuntime } from './strict-values';

const defineProperty = Object.defineProperty;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const freeze = Object.freeze;
const preventExtensions = Object.preventExtensions;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * Ordinary code assigns methods on objects that inherit them (`obj.toString = ...`; vega sets
 * `array.forEach` on an array). On a frozen prototype such an assignment would fail (the "override
 * mistake"), so every method, and these other names, become accessors whose setter defines the
 * property on the object assigned to instead.
 */
const OVERRIDABLE = new Set<PropertyKey>([
  'constructor',
  'toString',
  'toLocaleString',
  'valueOf',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'name',
  'message',
  'apply',
  'call',
  'bind',
  'push',
  'concat',
  'then',
  'catch',
  'finally',
  'toJSON',
]);

/** Standard globals pinned (non-writable) so that test code always gets the realm's own. */
export const PINNED_GLOBALS: ReadonlySet<string> = new Set([
  'globalThis',
  'Object',
  'Function',
  'Array',
  'Number',
  'Boolean',
  'String',
  'Symbol',
  'BigInt',
  'Date',
  'Promise',
  'RegExp',
  'Error',
  'AggregateError',
  'EvalError',
  'RangeError',
  'ReferenceError',
  'SyntaxError',
  'TypeError',
  'URIError',
  'JSON',
  'Math',
  'Intl',
  'Reflect',
  'Proxy',
  'Map',
  'Set',
  'WeakMap',
  'WeakSet',
  'ArrayBuffer',
  'SharedArrayBuffer',
  'DataView',
  'Atomics',
  'Int8Array',
  'Uint8Array',
  'Uint8ClampedArray',
  'Int16Array',
  'Uint16Array',
  'Int32Array',
  'Uint32Array',
  'Float32Array',
  'Float64Array',
  'BigInt64Array',
  'BigUint64Array',
  'parseFloat',
  'parseInt',
  'isFinite',
  'isNaN',
  'decodeURI',
  'decodeURIComponent',
  'encodeURI',
  'encodeURIComponent',
  'eval',
  'Infinity',
  'NaN',
  'undefined',
]);

/** What to lock besides the intrinsics. */
export interface LockdownOptions {
  /** Load @tensorflow/tfjs now and lock tf.Tensor.prototype (for notebooks whose tests use tensors). */
  tensors: boolean;
}

/** Seeds Math.random, then freezes the intrinsics and the modules tests run through; returns tfjs when loaded. */
export function lockdown(seed: number, opts: LockdownOptions): TensorRuntime | null {
  Math.random = seededRandom(seed);
  pinGlobals();
  // Frozen outright: what the recorder's JSON and the tests' arithmetic rest on. Nothing may be added
  // either (an Object.prototype.toJSON would reach every record).
  for (const target of [Object, Object.prototype, Array, Array.prototype, Function.prototype, Math, JSON, Reflect])
    hardenObject(target);
  // Existing properties locked, new ones allowed: libraries add methods as they load (vega-lite adds
  // Set.prototype.toJSON when a chart is first drawn).
  const typedArray = getPrototypeOf(Uint8Array) as { prototype: object };
  const iterator = getPrototypeOf([][Symbol.iterator]()) as object;
  const extensible: object[] = [
    Number,
    Number.prototype,
    String,
    String.prototype,
    Boolean.prototype,
    Symbol,
    Symbol.prototype,
    BigInt.prototype,
    Promise,
    Promise.prototype as object,
    Map.prototype,
    Set.prototype,
    WeakMap.prototype,
    WeakSet.prototype,
    RegExp.prototype,
    typedArray,
    typedArray.prototype,
    ArrayBuffer.prototype,
    Uint8Array.prototype,
    Int32Array.prototype,
    Float32Array.prototype,
    Float64Array.prototype,
    iterator,
    getPrototypeOf(iterator) as object,
    Buffer.prototype as object,
  ];
  for (const target of extensible) lockExisting(target);
  const vm = require('vm') as { Script: { prototype: object } };
  lockExisting(vm);
  lockExisting(vm.Script.prototype);
  lockExisting(getPrototypeOf(vm.Script.prototype) as object);
  hardenTslabBridge();
  closeV8Introspection();
  return opts.tensors ? lockTensorPrototypes() : null;
}

/**
 * Locks every property of `target` (methods become override-friendly accessors, see above) and forbids
 * new ones. Not Object.freeze: a frozen Object.prototype sends V8 element stores on every object down a
 * slow path (training ran twice as slow); preventExtensions plus non-writable properties does not.
 */
export function hardenObject(target: object): void {
  lockExisting(target);
  preventExtensions(target);
}

/**
 * Locks every property `target` has now (non-writable, non-configurable) but lets new ones be added:
 * tfjs adds its chained ops (t.abs(), t.mul()...) to Tensor.prototype when the tfjs package loads,
 * which may come after tfjs-core. Called again later, it locks what was added since.
 */
export function lockExisting(target: object): void {
  tameOverrides(target);
  for (const key of ownKeys(target)) {
    const desc = getOwnPropertyDescriptor(target, key);
    if (!desc?.configurable) continue;
    defineProperty(
      target,
      key,
      'value' in desc
        ? { value: desc.value as unknown, writable: false, enumerable: desc.enumerable, configurable: false }
        : // An accessor's own get/set, enumerable, now not configurable (the same four keys as before).
          { ...desc, configurable: false },
    );
  }
}

function tameOverrides(target: object): void {
  for (const key of ownKeys(target)) {
    const desc = getOwnPropertyDescriptor(target, key);
    if (!desc || !('value' in desc) || !desc.writable || !desc.configurable) continue;
    if (typeof desc.value !== 'function' && !OVERRIDABLE.has(key)) continue;
    const value: unknown = desc.value;
    defineProperty(target, key, {
      get() {
        return value;
      },
      set(this: object, v: unknown) {
        if (this === target)
          throw new TypeError(`Cannot assign to read only property '${String(key)}' of a locked-down object`);
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
}

function pinGlobals(): void {
  for (const name of PINNED_GLOBALS) {
    const desc = getOwnPropertyDescriptor(globalThis, name);
    if (!desc || !desc.configurable || !('value' in desc)) continue;
    defineProperty(globalThis, name, {
      value: desc.value as unknown,
      writable: false,
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
}

/** mulberry32: small, fast, and the same sequence for the same seed everywhere. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return function random(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A heap snapshot holds every string of the process (the channel key among them), and V8 flags can
 * turn on natives syntax: neither is for notebook code. The permission model already blocks writing
 * a snapshot to a file, not reading one in memory.
 */
function closeV8Introspection(): void {
  const v8 = require('v8') as Record<string, unknown>;
  for (const name of ['getHeapSnapshot', 'writeHeapSnapshot', 'setFlagsFromString', 'getHeapCodeStatistics']) {
    if (typeof v8[name] !== 'function') continue;
    defineProperty(v8, name, {
      value: () => {
        throw new Error(`v8.${name} is not available in a graded kernel`);
      },
      writable: false,
      configurable: false,
    });
  }
  lockExisting(v8);
}

/** tslab passes `exports` and `require` to every cell through globalThis.__tslab__: pin it. */
function hardenTslabBridge(): void {
  const bridge = getOwnPropertyDescriptor(globalThis, '__tslab__');
  if (!bridge || !('value' in bridge) || !bridge.configurable) return;
  defineProperty(globalThis, '__tslab__', {
    value: bridge.value as unknown,
    writable: false,
    enumerable: bridge.enumerable,
    configurable: false,
  });
  if (bridge.value && typeof bridge.value === 'object') freeze(bridge.value);
}

/**
 * Loads tfjs before any notebook code (its chained ops, t.abs() and co., are added to Tensor.prototype
 * as the package loads, some replacing tfjs-core's own) and then locks the prototypes.
 */
function lockTensorPrototypes(): TensorRuntime {
  const tf = require('@tensorflow/tfjs') as TensorRuntime & {
    Variable: { prototype: object };
    engine(): object;
    backend(): object;
  };
  lockExisting(tf.Tensor.prototype);
  lockExisting(tf.Variable.prototype);
  // Values are read through the engine and its backend (readSync): their methods are locked too.
  lockExisting(getPrototypeOf(tf.engine()) as object);
  for (
    let p = getPrototypeOf(tf.backend()) as object | null;
    p && p !== Object.prototype;
    p = getPrototypeOf(p) as object | null
  )
    lockExisting(p);
  return { Tensor: tf.Tensor, clone: tf.clone };
}
