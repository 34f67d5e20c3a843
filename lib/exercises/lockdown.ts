// Freezes what a graded kernel's tests compute with, before any student code runs: the JavaScript
// intrinsics (Object, Array, Function, Math, JSON, Promise... and their prototypes), the `vm` module
// tslab runs cells through, tslab's cell bridge, and tf.Tensor's prototype once tfjs loads. A student
// can then no longer patch Math.abs or Array.prototype.every to fool a test's own arithmetic. Math.random
// is seeded first, so grading the same notebook twice gives the same numbers.
import Module = require('module');

const defineProperty = Object.defineProperty;
const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
const ownKeys = Reflect.ownKeys;
const freeze = Object.freeze;
const isFrozen = Object.isFrozen;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * Names that ordinary code assigns on objects inheriting them (`obj.toString = ...`). On a frozen
 * prototype such an assignment would fail (the "override mistake"), so they become accessors whose
 * setter defines the property on the object assigned to instead.
 */
const OVERRIDABLE = new Set<PropertyKey>(['constructor', 'toString', 'toLocaleString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf',
  'propertyIsEnumerable', 'name', 'message', 'apply', 'call', 'bind', 'push', 'concat', 'then', 'catch', 'finally', 'toJSON']);

/** Standard globals pinned (non-writable) so that test code always gets the realm's own. */
export const PINNED_GLOBALS: ReadonlySet<string> = new Set([
  'globalThis', 'Object', 'Function', 'Array', 'Number', 'Boolean', 'String', 'Symbol', 'BigInt', 'Date', 'Promise', 'RegExp',
  'Error', 'AggregateError', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
  'JSON', 'Math', 'Intl', 'Reflect', 'Proxy', 'Map', 'Set', 'WeakMap', 'WeakSet', 'ArrayBuffer', 'SharedArrayBuffer', 'DataView',
  'Atomics', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array',
  'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array', 'parseFloat', 'parseInt', 'isFinite', 'isNaN',
  'decodeURI', 'decodeURIComponent', 'encodeURI', 'encodeURIComponent', 'eval', 'Infinity', 'NaN', 'undefined',
]);

/** Seeds Math.random, then freezes the intrinsics and the modules tests run through. Idempotent. */
export function lockdown(seed: number): void {
  Math.random = seededRandom(seed);
  pinGlobals();
  const typedArray = getPrototypeOf(Uint8Array) as object;
  const targets: object[] = [
    Object, Object.prototype, Array, Array.prototype, Function.prototype, Math, JSON, Reflect,
    Number, Number.prototype, String, String.prototype, Boolean.prototype, Symbol, Symbol.prototype, BigInt.prototype,
    Promise, Promise.prototype, Map.prototype, Set.prototype, WeakMap.prototype, WeakSet.prototype,
    RegExp.prototype, typedArray, (typedArray as { prototype: object }).prototype, ArrayBuffer.prototype,
    Uint8Array.prototype, Int32Array.prototype, Float32Array.prototype, Float64Array.prototype,
    getPrototypeOf([][Symbol.iterator]()) as object, getPrototypeOf(getPrototypeOf([][Symbol.iterator]())) as object,
    Buffer.prototype,
  ];
  for (const target of targets) hardenObject(target);
  hardenObject(require('vm') as object);
  const script = (require('vm') as { Script: { prototype: object } }).Script.prototype;
  hardenObject(script);
  hardenObject(getPrototypeOf(script) as object);
  hardenTslabBridge();
  freezeTensorsWhenLoaded();
}

/** Makes every OVERRIDABLE data property an accessor (see above), then freezes `target`. */
export function hardenObject(target: object): void {
  if (isFrozen(target)) return;
  for (const key of ownKeys(target)) {
    if (!OVERRIDABLE.has(key)) continue;
    const desc = getOwnPropertyDescriptor(target, key);
    if (!desc || !('value' in desc) || !desc.writable || !desc.configurable) continue;
    const value: unknown = desc.value;
    defineProperty(target, key, {
      get() { return value; },
      set(this: object, v: unknown) {
        if (this === target) throw new TypeError(`Cannot assign to read only property '${String(key)}' of a locked-down object`);
        defineProperty(this, key, { value: v, writable: true, enumerable: true, configurable: true });
      },
      enumerable: desc.enumerable,
      configurable: false,
    });
  }
  freeze(target);
}

function pinGlobals(): void {
  for (const name of PINNED_GLOBALS) {
    const desc = getOwnPropertyDescriptor(globalThis, name);
    if (!desc || !desc.configurable || !('value' in desc)) continue;
    defineProperty(globalThis, name, { value: desc.value, writable: false, enumerable: desc.enumerable, configurable: false });
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

/** tslab passes `exports` and `require` to every cell through globalThis.__tslab__: pin it. */
function hardenTslabBridge(): void {
  const bridge = getOwnPropertyDescriptor(globalThis, '__tslab__');
  if (!bridge || !('value' in bridge) || !bridge.configurable) return;
  defineProperty(globalThis, '__tslab__', { value: bridge.value, writable: false, enumerable: bridge.enumerable, configurable: false });
  if (bridge.value && typeof bridge.value === 'object') freeze(bridge.value);
}

const TFJS_CORE_ENTRY = /[\\/]@tensorflow[\\/]tfjs-core[\\/]dist[\\/]tf-core\.node\.js$/;

/** Freezes tf.Tensor.prototype (and Variable's) now if tfjs-core is loaded, else right after it loads. */
function freezeTensorsWhenLoaded(): void {
  const loader = Module as unknown as {
    _load: (request: string, parent: unknown, isMain: boolean) => unknown;
    _cache: Record<string, { exports?: unknown; loaded?: boolean } | undefined>;
  };
  let done = false;
  const tryFreeze = (): void => {
    for (const [file, mod] of Object.entries(loader._cache)) {
      // Only once the module has finished loading: tfjs adds its chained ops to the prototype as it loads.
      if (!TFJS_CORE_ENTRY.test(file) || !mod?.loaded || !mod.exports) continue;
      const core = mod.exports as { Tensor?: { prototype: object }; Variable?: { prototype: object } };
      if (!core.Tensor) continue;
      hardenObject(core.Tensor.prototype);
      if (core.Variable) hardenObject(core.Variable.prototype);
      done = true;
    }
  };
  tryFreeze();
  const originalLoad = loader._load;
  defineProperty(loader, '_load', {
    value: function load(this: unknown, request: string, parent: unknown, isMain: boolean): unknown {
      const result = originalLoad.call(this, request, parent, isMain);
      if (!done && /tensorflow/.test(String(request))) tryFreeze();
      return result;
    },
    writable: false,
    configurable: false,
  });
}
