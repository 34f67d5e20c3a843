// The trusted recorder of a graded kernel. It is created before any notebook code runs and holds the
// channel key in its closure. The instructor's tests never pass through the notebook's cells: the
// grader sends them (compiled, expected values removed) over its private channel, and the recorder
// runs them with a capability object only that code can reach. It records what the tests compute and
// never decides a verdict: the grader compares the values with the reference ones in its own process.
/* eslint-disable @typescript-eslint/unbound-method -- intrinsics are captured unbound at load, before notebook code could patch them, and called through call/apply/bind */
import { AssertionKind, AssertionRecord, GradingRecord, signedLine, TestRecord, checkLine } from './record-line';
import { errorMessage, patternSpec, RecordedValue, threwValue } from './values';
import { createStrictReader, StrictReader } from './strict-values';
import { lockdown, LockdownOptions, PINNED_GLOBALS } from './lockdown';

/** What a graded kernel's global exposes: nothing that records by itself. */
export interface Recorder {
  /** Seeds Math.random and freezes the intrinsics; the grader's first cell calls it once. */
  lockdown(opts: LockdownOptions): void;
  /** Runs the TESTS cell the grader has just sent on the channel (a grader-written cell calls it). */
  runTests(): Promise<void>;
}

/** The API the instructor's compiled test code calls as `__rl` (never reachable from notebook code). */
export interface TestCapability {
  test(index: number, name: string, points: number, body: () => unknown): Promise<void>;
  closeTo(site: number, actual: unknown, expected?: unknown, tol?: number): void;
  shapeIs(site: number, actual: unknown, expected?: number[]): void;
  throws(site: number, fn: unknown, pattern?: unknown): void;
  isTrue(site: number, condition: unknown, message?: unknown): void;
  equals(site: number, actual: unknown, expected?: unknown): void;
}

/** The grader's channel as the kernel sees it. */
export interface RecorderChannel {
  key: string;
  seed: number;
  /** Sends one line. */
  write(line: string): void;
  /** The next line the grader sent (without newline), or null when none arrives within `timeoutMs`. */
  readLine(timeoutMs: number): string | null;
}

/** A TESTS cell as the grader sends it. */
export interface TestsMessage {
  type: 'tests';
  ex: string;
  code: string;
}

const stringify = JSON.stringify;
const parse = JSON.parse;
const now = Date.now;
const freeze = Object.freeze;
const FunctionCtor = Function;
const hasOwn = Object.prototype.hasOwnProperty;
const call = Function.prototype.call;
const ProxyCtor = Proxy;

/** A recorder on `channel`. Everything it calls later is captured now, before notebook code exists. */
export function createRecorder(channel: RecorderChannel): Recorder {
  const { key, seed, write, readLine } = channel;
  let sendSeq = 0;
  let receiveSeq = 0;
  let locked = false;
  let cellRequire: unknown = null;
  let cellExports: Record<string, unknown> = {};
  // Until lockdown says which tfjs the kernel uses, nothing is read as a tensor.
  let reader: StrictReader = createStrictReader(null);

  const emit = (record: GradingRecord): void => {
    let body: string;
    try {
      body = stringify(record);
    } catch (e) {
      body = stringify({
        type: 'test',
        ex: String(record.ex),
        test: -1,
        name: '',
        points: 0,
        asserts: [],
        error: `unrecordable: ${errorMessage(e)}`,
        ms: 0,
      });
    }
    write(signedLine(key, sendSeq, body));
    sendSeq++;
  };

  const receive = (): TestsMessage | null => {
    const line = readLine(5_000);
    if (line === null) return null;
    const checked = checkLine(key, line, receiveSeq);
    if (!checked.ok) return null;
    receiveSeq = checked.seq + 1;
    const message = parse(checked.body) as TestsMessage;
    return message.type === 'tests' ? message : null;
  };

  const runTests = async (): Promise<void> => {
    const message = receive();
    if (!message) return;
    const ex = String(message.ex);
    emit({ type: 'cell', ex, phase: 'begin' });
    const capability = createCapability(ex, emit, reader);
    const scope = cellScope(capability.api, cellExports, cellRequire);
    let error: string | undefined;
    try {
      // Sloppy on purpose: `with` resolves the notebook's earlier declarations, while the pinned
      // intrinsics (Math, Array...) always come from the realm, whatever a cell declared.
      const compiled = new FunctionCtor(
        '__scope',
        // The tests themselves are strict: a sloppy answer's arguments.callee.caller then yields null, not the test body.
        `with (__scope) { return (async () => { 'use strict';\n${message.code}\n})(); }`,
      ) as (s: object) => Promise<void>;
      await compiled(scope);
    } catch (e) {
      error = errorMessage(e);
    }
    await capability.drained();
    emit(error === undefined ? { type: 'cell', ex, phase: 'end' } : { type: 'cell', ex, phase: 'end', error });
  };

  return freeze({
    lockdown(opts: LockdownOptions) {
      if (locked) return;
      locked = true;
      const bridge = (globalThis as { __tslab__?: { exports?: Record<string, unknown>; require?: unknown } }).__tslab__;
      cellExports = bridge?.exports ?? {};
      cellRequire = bridge?.require ?? null;
      reader = createStrictReader(lockdown(seed, { tensors: opts?.tensors === true }));
    },
    runTests,
  });
}

/** The with-scope of test code: the capability, CommonJS names, then the notebook's declarations. */
function cellScope(api: TestCapability, notebook: Record<string, unknown>, requireFn: unknown): object {
  const moduleObject = { exports: {} as Record<string, unknown> };
  const own: Record<string, unknown> = {
    __rl: api,
    require: requireFn,
    exports: moduleObject.exports,
    module: moduleObject,
  };
  const isOwn = (name: string): boolean => call.call(hasOwn, own, name) as boolean;
  return new ProxyCtor(
    {},
    {
      has(_t, name) {
        if (typeof name !== 'string') return false;
        if (isOwn(name)) return true;
        return !PINNED_GLOBALS.has(name) && name in notebook;
      },
      get(_t, name) {
        if (typeof name !== 'string') return undefined;
        return isOwn(name) ? own[name] : notebook[name];
      },
      set(_t, name, value) {
        if (typeof name !== 'string' || isOwn(name)) return false;
        notebook[name] = value;
        return true;
      },
    },
  );
}

interface Capability {
  api: TestCapability;
  /** Resolves once every test the cell started has finished. */
  drained(): Promise<void>;
}

function createCapability(ex: string, emit: (r: GradingRecord) => void, read: StrictReader): Capability {
  let current: TestRecord | null = null;
  let queue: Promise<void> = Promise.resolve();

  const note = (site: number, kind: AssertionKind, actual: RecordedValue, extra: Partial<AssertionRecord>): void => {
    const test = current;
    // Assertions outside a test, or from code still running after its test ended, count for nothing.
    if (!test) return;
    const record: AssertionRecord = { site, kind, actual };
    if (extra.expected !== undefined) record.expected = extra.expected;
    if (extra.tol !== undefined) record.tol = extra.tol;
    if (extra.shape !== undefined) record.shape = extra.shape;
    if (extra.pattern !== undefined) record.pattern = extra.pattern;
    if (extra.message !== undefined) record.message = extra.message;
    test.asserts[test.asserts.length] = record;
  };

  const api: TestCapability = freeze({
    async test(index: number, name: string, points: number, body: () => unknown) {
      // Tests run one after another even when a cell does not await them, so each assertion
      // belongs to exactly one test.
      const previous = queue;
      let release: () => void = () => undefined;
      queue = new Promise<void>((resolve) => (release = resolve));
      await previous;
      const started = now();
      const record: TestRecord = {
        type: 'test',
        ex,
        test: index,
        name: safeString(name),
        points: safeNumber(points),
        asserts: [],
        ms: 0,
      };
      current = record;
      try {
        if (typeof body !== 'function') throw new TypeError('test() needs a function as its body');
        await body();
      } catch (e) {
        record.error = errorMessage(e);
      } finally {
        current = null;
        record.ms = now() - started;
        emit(record);
        release();
      }
    },
    closeTo(site: number, actual: unknown, ...rest: unknown[]) {
      const extra: Partial<AssertionRecord> = {};
      if (rest.length > 0) {
        extra.expected = read.numeric(rest[0]);
        extra.tol = typeof rest[1] === 'number' ? rest[1] : 1e-6;
      }
      note(site, 'closeTo', read.numeric(actual), extra);
    },
    shapeIs(site: number, actual: unknown, ...rest: unknown[]) {
      const shape = rest.length > 0 && Array.isArray(rest[0]) ? (rest[0] as unknown[]).map(Number) : undefined;
      note(site, 'shapeIs', read.shape(actual), shape ? { shape } : {});
    },
    throws(site: number, fn: unknown, ...rest: unknown[]) {
      note(site, 'throws', threwValue(fn), rest.length > 0 ? { pattern: patternSpec(rest[0]) } : {});
    },
    isTrue(site: number, condition: unknown, message?: unknown) {
      note(site, 'isTrue', { kind: 'bool', value: condition === true }, { message: safeString(message) });
    },
    equals(site: number, actual: unknown, ...rest: unknown[]) {
      note(site, 'equals', read.data(actual), rest.length > 0 ? { expected: read.data(rest[0]) } : {});
    },
  });
  return { api, drained: () => queue };
}

function safeString(x: unknown): string {
  try {
    // Any value a test names is shown as JavaScript prints it; '[object Object]' is an acceptable answer here.
    // eslint-disable-next-line @typescript-eslint/no-base-to-string
    return typeof x === 'string' ? x : x === undefined ? '' : String(x);
  } catch {
    return '';
  }
}

function safeNumber(x: unknown): number {
  return typeof x === 'number' && Number.isFinite(x) ? x : 0;
}
