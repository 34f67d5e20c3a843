// Adversarial submissions of the synthetic assignment (test/grading/fixtures.ts), one per safety item.
// Each is a real notebook a student could hand in; `expected` is what the grader must make of it.
import { Notebook, NotebookCell } from '../../lib/jupyter/runner';
import { answerCells, code, IMPORT_CELL, notebook, SOLUTIONS, withTests } from './fixtures';

/** What grading one adversary must produce: points and status per exercise. */
export type Expected = Record<'norm' | 'double' | 'safediv', { points: number; status: string }>;

/** A named submission and its expected grade. */
export interface Adversary {
  name: string;
  /** The notebook, or raw file text. */
  content: Notebook | string;
  expected: Expected;
  /** Every remark the grader must make about it (substrings of its notes or error). */
  remarks?: string[];
  /** Only the points are expected (how a kernel that killed itself ends may vary). */
  anyStatus?: boolean;
}

/** Wrong answers: each off in a way a patched intrinsic or helper would hide. */
export const WRONG = {
  norm: 'return Math.sqrt(v.reduce((s, x) => s + x, 0));',
  double: 'return xs.map((x) => x + x + 1);',
  safediv: 'return a * b;',
};
const STUBS = {
  norm: "throw new Error('exercise norm: not implemented');",
  double: "throw new Error('exercise double: not implemented');",
  safediv: "throw new Error('exercise safediv: not implemented');",
};

const zero = (status = 'failed'): { points: number; status: string } => ({ points: 0, status });
const full = {
  norm: { points: 3, status: 'passed' },
  double: { points: 2, status: 'passed' },
  safediv: { points: 2, status: 'passed' },
};
const none: Expected = { norm: zero(), double: zero(), safediv: zero() };

/** The student's notebook layout: import, then answer + tests per exercise, plus `extra` cells after the import. */
function submission(
  bodies: typeof SOLUTIONS,
  extra: NotebookCell[] = [],
  edit?: (cells: NotebookCell[]) => NotebookCell[],
): Notebook {
  const cells = [IMPORT_CELL, ...extra, ...withTests(answerCells(bodies, false))];
  return notebook(edit ? edit(cells) : cells);
}

/** Adds `source` to the answer cell of `ex` (after its function). */
function appendToAnswer(cells: NotebookCell[], ex: string, source: string): NotebookCell[] {
  return cells.map((c) => (c.id === `ans-${ex}` ? { ...c, source: `${String(c.source)}\n${source}` } : c));
}

/**
 * A thief: `attack` appends whatever it obtains to `stolen`; its norm answer is right only when the
 * loot holds `marker` (the solution, a connection, a classmate's answer). The rest are stubs.
 */
function thief(attack: string, marker: string): Notebook {
  return submission(
    {
      ...STUBS,
      norm: `if (!stolen.includes(${JSON.stringify(marker)})) throw new Error('nothing stolen');\n  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));`,
    },
    [
      code(
        'steal',
        `let stolen = '';\nconst attempts: string[] = [];\n${attack}\nconsole.log(attempts.join('\\n').slice(0, 2000));`,
      ),
    ],
  );
}

/** Attackers that prove the OS sandbox (each expects 0 points and harms no classmate). */
function sandboxAdversaries(paths: { autograder: string; source: string; outside: string }): Adversary[] {
  const readAll = `
import * as fs from 'fs';
const tryRead = (f: string): void => { try { stolen += fs.readFileSync(f, 'utf8'); attempts.push('read ' + f); } catch (e) { attempts.push(f + ': ' + (e as Error).message.slice(0, 80)); } };
const tryList = (d: string): string[] => { try { return fs.readdirSync(d); } catch { return []; } };`;
  return [
    {
      name: 'tensor-like-fake',
      // Values that only claim a shape: no tfjs tensor, no numbers behind them.
      content: submission({
        norm: 'return { shape: [], arraySync: () => [], dataSync: () => [], valueOf: () => 5 } as unknown as number;',
        double: 'return { shape: [2], arraySync: () => [], length: 2 } as unknown as number[];',
        safediv: 'return new Proxy({}, { get: () => () => 1 }) as unknown as number;',
      }),
      expected: none,
    },
    {
      name: 'reads-through-links-and-proc',
      content: thief(
        `${readAll}
for (const f of [${JSON.stringify(paths.autograder)}, ${JSON.stringify(paths.source)}, 'node_modules/replearn/README.md',
  'node_modules/replearn/test/grading/fixtures.ts', '/proc/1/cmdline', '/proc/1/environ', '/proc/self/environ']) tryRead(f);
for (const pid of tryList('/proc').filter((p) => /^\\d+$/.test(p))) tryRead('/proc/' + pid + '/cmdline');
for (const d of tryList('/tmp')) for (const f of tryList('/tmp/' + d)) tryRead('/tmp/' + d + '/' + f);
try { stolen += String(require('child_process').execSync('cat ' + ${JSON.stringify(paths.autograder)})); } catch {}`,
        'BEGIN SOLUTION',
      ),
      expected: none,
    },
    {
      name: 'writes-with-native-code',
      content: thief(
        `
import * as fs from 'fs';
const target = ${JSON.stringify(paths.outside)};
try { fs.writeFileSync(target + '-fs', 'pwned'); stolen += 'WROTE'; } catch (e) { attempts.push((e as Error).message); }
try {
  const pl = require('nodejs-polars');
  pl.DataFrame({ a: ['pwned'] }).writeCSV(target + '-polars');
  stolen += 'WROTE';
} catch (e) { attempts.push('polars: ' + (e as Error).message.slice(0, 120)); }
try {
  const tf = require('@tensorflow/tfjs-node');
  const b = tf.backend() as unknown as { binding: { executeOp(...a: unknown[]): unknown; TF_STRING: number; createTensor(...a: unknown[]): number } };
  const name = tf.tensor(target + '-tf', [], 'string');
  const body = tf.tensor('pwned', [], 'string');
  const info = (t: unknown) => (tf.backend() as unknown as { getInputTensorIds(t: unknown[]): unknown[] }).getInputTensorIds([t]);
  b.binding.executeOp('WriteFile', [], [...info(name), ...info(body)], 0);
  stolen += 'WROTE';
} catch (e) { attempts.push('tf: ' + (e as Error).message.slice(0, 120)); }`,
        'WROTE-NEVER',
      ),
      expected: none,
    },
    {
      name: 'signals-the-grader',
      content: submission(STUBS, [
        code(
          'signals',
          `
for (const sig of ['SIGSTOP', 'SIGKILL'] as const) {
  try { process.kill(process.ppid, sig); } catch {}
  for (let pid = 1; pid < 64; pid++) if (pid !== process.pid) try { process.kill(pid, sig); } catch {}
}
try { process.kill(-1, 'SIGKILL'); } catch {}`,
        ),
      ]),
      expected: none,
      anyStatus: true,
    },
    {
      name: 'destroys-the-channel',
      content: submission(STUBS, [
        code(
          'close-fds',
          `
import * as fs from 'fs';
try { fs.unlinkSync(process.argv[4]); } catch {}
for (let fd = 3; fd < 200; fd++) try { fs.closeSync(fd); } catch {}`,
        ),
      ]),
      expected: none,
      anyStatus: true,
    },
    {
      name: 'floods-displays',
      content: submission(SOLUTIONS, [
        code(
          'displays',
          `
import * as tslab from 'tslab';
for (let i = 0; i < 20000; i++) tslab.display.raw('text/html', '<b>' + 'x'.repeat(200) + i + '</b>');`,
        ),
      ]),
      expected: full,
    },
    {
      name: 'reads-sibling-connection',
      content: thief(
        `${readAll}
for (const d of ['/tmp', ...tryList('/tmp').map((x) => '/tmp/' + x)]) for (const f of tryList(d)) if (f.endsWith('.json')) tryRead(d + '/' + f);`,
        'signature_scheme',
      ),
      expected: none,
    },
    {
      name: 'callee-caller',
      // A sloppy answer (made with new Function) asks who called it: the test body, if tests ran sloppy.
      content: submission(STUBS, [], (cells) =>
        appendToAnswer(
          cells,
          'norm',
          `// @ts-ignore: replaced by a sloppy function on purpose
norm = new Function('v', "var t = arguments.callee.caller; var s = t ? String(t) : ''; if (s.indexOf('__r' + 'l.') < 0) throw new Error('no test body'); var r = 0; for (var i = 0; i < v.length; i++) r += v[i] * v[i]; return Math.sqrt(r);");`,
        ),
      ),
      expected: none,
    },
    {
      name: 'uses-the-network',
      content: thief(
        `
import * as net from 'net';
const reach = (host: string, port: number) => new Promise<void>((resolve) => {
  const s = net.connect(port, host);
  const done = (what: string) => { attempts.push(host + ':' + port + ' ' + what); s.destroy(); resolve(); };
  s.once('connect', () => { stolen += 'CONNECTED'; done('connected'); });
  s.once('error', (e) => done((e as Error).message));
  setTimeout(() => done('timeout'), 3000);
});
await reach('1.1.1.1', 80);
await reach('127.0.0.1', 22);`,
        'CONNECTED',
      ),
      expected: none,
    },
  ];
}

/** Every adversary; `paths` are the files a cheater would most like to read, and one it must not write. */
export function adversaries(paths: { autograder: string; source: string; outside?: string }): Adversary[] {
  return [
    ...sandboxAdversaries({ ...paths, outside: paths.outside ?? '/tmp/replearn-never-written' }),
    { name: 'honest', content: submission(SOLUTIONS), expected: full },
    { name: 'untouched', content: submission(STUBS), expected: none },
    {
      name: 'redefines-helpers',
      // norm returns 0: only a fake Math.abs in the tests would make the hidden isTrue check pass.
      content: submission({ ...STUBS, norm: 'return 0;' }, [
        code(
          'cheat',
          `
const ex = exercises as unknown as Record<string, unknown>;
for (const name of ['test', 'closeTo', 'isTrue', 'equals', 'shapeIs', 'throws']) {
  try { ex[name] = name === 'test' ? async (n: string, p: number) => { console.log('✔ passed ' + n + ' — ' + p + '/' + p); } : () => undefined; } catch {}
  try { Object.defineProperty(exercises, name, { value: () => undefined }); } catch {}
}
const g = globalThis as unknown as Record<string, unknown>;
try { g.__replearnGrader = { lockdown() {}, async runTests() {} }; } catch {}
try { Object.defineProperty(globalThis, '__replearnGrader', { value: { async runTests() {} } }); } catch {}
try { delete g.__replearnGrader; } catch {}
// Shadow what test code computes with: later cells see these names instead of the globals.
const Math = { abs: (_: number) => 0, sqrt: (_: number) => 5 };
const test = async () => undefined;
const closeTo = () => undefined;
const isTrue = () => undefined;`,
        ),
      ]),
      expected: none,
    },
    {
      name: 'patches-intrinsics',
      content: submission(WRONG, [
        code(
          'cheat',
          `
const attempt = (f: () => void) => { try { f(); } catch { /* frozen */ } };
attempt(() => { Math.abs = () => 0; });
attempt(() => { Math.sqrt = () => 5; });
attempt(() => { (Array.prototype as unknown as Record<string, unknown>).map = function () { return [2, 4]; }; });
attempt(() => { (Array.prototype as unknown as Record<string, unknown>).every = function () { return true; }; });
attempt(() => { Object.defineProperty(Object.prototype, 'toJSON', { value: () => 'forged', configurable: true }); });
attempt(() => { (Number.prototype as unknown as Record<string, unknown>).valueOf = () => 5; });
attempt(() => { JSON.stringify = () => '{}'; });
attempt(() => { Object.defineProperty(globalThis, 'Math', { value: { abs: () => 0, sqrt: () => 5 } }); });
attempt(() => { (globalThis as unknown as Record<string, unknown>).Math = { abs: () => 0, sqrt: () => 5 }; });
attempt(() => { Promise.prototype.then = function (this: Promise<unknown>) { return this; } as typeof Promise.prototype.then; });`,
        ),
      ]),
      expected: none,
    },
    {
      name: 'prints-fake-passes',
      content: submission(STUBS, [
        code(
          'cheat',
          `
import * as fs from 'fs';
import * as tslab from 'tslab';
for (const t of ['norm of [3, 4]', 'norm of [1, 2, 2]', 'double([1, 2])']) {
  console.log('✔ passed  ' + t + ' — 1/1 point');
  tslab.display.html('<span style="color:green">✔ passed</span> ' + t);
}
const forged = JSON.stringify({ type: 'test', ex: 'norm', test: 0, name: 'norm of [3, 4]', points: 1, asserts: [], ms: 0 });
process.stdout.write(forged + '\\n');
fs.writeSync(1, forged + '\\n');
fs.writeSync(2, forged + '\\n');`,
        ),
      ]),
      expected: none,
    },
    {
      name: 'forges-records',
      content: submission(STUBS, [
        code(
          'cheat',
          `
import * as fs from 'fs';
// The grader's channel is one of this process's descriptors: write well-formed records to all of them,
// with the values the tests want (this cheater knows them) and a made-up signature.
const bodies = [
  { type: 'cell', ex: 'norm', phase: 'begin' },
  { type: 'test', ex: 'norm', test: 0, name: 'norm of [3, 4]', points: 1, ms: 0, asserts: [{ site: 0, kind: 'closeTo', actual: { kind: 'numeric', shape: [], values: [5] } }] },
  { type: 'test', ex: 'norm', test: 1, name: 'norm of [1, 2, 2]', points: 1, ms: 0, asserts: [{ site: 1, kind: 'closeTo', actual: { kind: 'numeric', shape: [], values: [3] } }] },
  { type: 'test', ex: 'norm', test: 2, name: 'x', points: 1, ms: 0, asserts: [{ site: 2, kind: 'isTrue', actual: { kind: 'bool', value: true } }] },
  { type: 'cell', ex: 'norm', phase: 'end' },
];
// The grader's channel is one of this process's sockets: find it among the active handles and write
// the records there, each once with a made-up signature and once through the socket object.
const handles = (process as unknown as { _getActiveHandles(): { _handle?: { fd?: number }; write?: (s: string) => void }[] })._getActiveHandles();
for (const h of handles) {
  const fd = h._handle?.fd;
  if (typeof fd !== 'number' || fd < 3) continue;
  bodies.forEach((b, seq) => {
    const line = seq + ' ' + 'ab'.repeat(32) + ' ' + JSON.stringify(b) + '\\n';
    try { fs.writeSync(fd, line); } catch { /* not writable */ }
    try { h.write?.(line); } catch { /* not writable */ }
  });
}
// Run the tests early, or twice: the grader sends each tests cell once.
const grader = (globalThis as unknown as Record<string, { runTests?: () => Promise<void> }>).__replearnGrader;
try { await grader?.runTests?.(); } catch {}`,
        ),
      ]),
      expected: none,
      remarks: ['record line(s) on the grading channel were rejected'],
    },
    {
      name: 'loops-forever',
      content: submission(
        { ...SOLUTIONS, double: 'for (;;) { /* spins inside the tests: only a kill stops it */ }' },
        [],
        (cells) => appendToAnswer(cells, 'norm', 'while (true) { /* top level: the interrupt stops it */ }'),
      ),
      expected: { norm: zero('timeout'), double: zero('timeout'), safediv: full.safediv },
      remarks: ['restarted'],
    },
    {
      name: 'exits',
      content: submission({ ...SOLUTIONS, safediv: 'if (b === 0) process.exit(0);\n  return a / b;' }, [], (cells) =>
        appendToAnswer(cells, 'norm', 'process.exit(3);'),
      ),
      expected: { norm: zero('crashed'), double: full.double, safediv: zero('crashed') },
    },
    {
      name: 'throws-at-top-level',
      content: submission(SOLUTIONS, [
        code('boom', "throw new Error('boom at top level');"),
        code('reject', "Promise.reject(new Error('unhandled rejection'));"),
        code('late', "setTimeout(() => { throw new Error('thrown from a timer'); }, 10);"),
        code('weird', "throw 'a string, not an Error';"),
      ]),
      expected: full,
    },
    {
      name: 'crashes-kernel',
      content: submission(SOLUTIONS, [], (cells) =>
        appendToAnswer(cells, 'double', "process.kill(process.pid, 'SIGSEGV');"),
      ),
      expected: { norm: full.norm, double: zero('crashed'), safediv: full.safediv },
    },
    {
      name: 'exhausts-heap',
      content: submission(SOLUTIONS, [], (cells) =>
        appendToAnswer(
          cells,
          'norm',
          `
const hog: number[][] = [];
for (;;) hog.push(new Array(1_000_000).fill(Math.random()));`,
        ),
      ),
      expected: { norm: zero('out of memory'), double: full.double, safediv: full.safediv },
    },
    {
      name: 'exhausts-memory-off-heap',
      content: submission(SOLUTIONS, [], (cells) =>
        appendToAnswer(
          cells,
          'double',
          `
const blocks: Float64Array[] = [];
for (;;) { blocks.push(new Float64Array(16 * 1024 * 1024).fill(1)); await new Promise((r) => setTimeout(r, 20)); }`,
        ),
      ),
      expected: { norm: full.norm, double: zero('out of memory'), safediv: full.safediv },
    },
    {
      name: 'floods-output',
      content: submission(SOLUTIONS, [
        code('flood', "for (let i = 0; i < 20_000; i++) console.log('x'.repeat(2000));"),
      ]),
      expected: full,
    },
    {
      name: 'reads-hidden-tests',
      content: submission(
        {
          ...STUBS,
          norm: "if (!stolen.includes('BEGIN SOLUTION')) throw new Error('nothing stolen');\n  return Math.sqrt(v.reduce((s, x) => s + x * x, 0));",
        },
        [
          code(
            'steal',
            `
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
let stolen = '';
const attempts: string[] = [];
for (const file of [${JSON.stringify(paths.autograder)}, ${JSON.stringify(paths.source)}]) {
  try { stolen += fs.readFileSync(file, 'utf8'); attempts.push('read ' + file); } catch (e) { attempts.push((e as Error).message); }
}
try { stolen += require('child_process').execSync('cat ' + ${JSON.stringify(paths.autograder)}).toString(); } catch (e) { attempts.push((e as Error).message); }
try {
  for (const dir of [os.tmpdir(), path.dirname(${JSON.stringify(paths.autograder)})]) {
    for (const f of fs.readdirSync(dir)) attempts.push('saw ' + f);
  }
} catch (e) { attempts.push((e as Error).message); }
console.log(attempts.join('\\n'));`,
          ),
        ],
      ),
      expected: none,
    },
    {
      name: 'not-json',
      content: '{ "cells": [ this is not JSON',
      expected: { norm: zero('invalid'), double: zero('invalid'), safediv: zero('invalid') },
      remarks: ['not valid JSON'],
    },
    {
      name: 'wrong-kernel',
      content: {
        ...submission(SOLUTIONS),
        metadata: {
          kernelspec: { name: 'python3', display_name: 'Python 3', language: 'python' },
          language_info: { name: 'python' },
        },
      },
      expected: { norm: zero('invalid'), double: zero('invalid'), safediv: zero('invalid') },
      remarks: ['"python3"'],
    },
    {
      name: 'duplicate-ids',
      content: submission(SOLUTIONS, [], (cells) => {
        const norm = cells.find((c) => c.id === 'ans-norm')!;
        return [...cells, { ...norm, id: 'copy-of-norm' }];
      }),
      expected: { norm: zero('invalid'), double: full.double, safediv: full.safediv },
      remarks: ['exercise norm appears in 2 answer cells'],
    },
    {
      name: 'missing-ids',
      content: submission(SOLUTIONS, [], (cells) =>
        cells
          .filter((c) => c.id !== 'ans-double')
          // Header line deleted: the answer cell is still found by its cell id.
          .map((c) => (c.id === 'ans-norm' ? { ...c, source: String(c.source).split('\n').slice(1).join('\n') } : c)),
      ),
      expected: { norm: full.norm, double: zero('missing'), safediv: full.safediv },
      remarks: ['no answer cell for exercise double'],
    },
    {
      name: 'edits-tests',
      content: submission({ ...WRONG, norm: 'return 5;' }, [], (cells) =>
        cells
          .filter((c) => c.id !== 'tests-double')
          .map((c) =>
            c.id === 'tests-norm'
              ? { ...c, source: "// TESTS norm\nawait exercises.test('free points', 3, () => {});" }
              : c,
          ),
      ),
      // The instructor's tests are back: "return 5" passes the visible [3, 4] case only.
      expected: { norm: { points: 1, status: 'partial' }, double: zero(), safediv: zero() },
    },
  ];
}

/** A notebook whose norm answer depends on Math.random: graded twice, it must score the same. */
export function randomSubmission(): Notebook {
  return submission({
    ...SOLUTIONS,
    norm: 'const exact = Math.sqrt(v.reduce((s, x) => s + x * x, 0));\n  return Math.random() < 0.5 ? exact : exact + 1;',
  });
}

/** Stubs with solutions switched on by the bits of `mask` (1 norm, 2 double, 4 safediv). */
export function maskedSubmission(mask: number): Notebook {
  return submission({
    norm: mask & 1 ? SOLUTIONS.norm : WRONG.norm,
    double: mask & 2 ? SOLUTIONS.double : STUBS.double,
    safediv: mask & 4 ? SOLUTIONS.safediv : WRONG.safediv,
  });
}

/** The points `maskedSubmission(mask)` earns. */
export function maskedPoints(mask: number): { norm: number; double: number; safediv: number } {
  return { norm: mask & 1 ? 3 : 0, double: mask & 2 ? 2 : 0, safediv: mask & 4 ? 2 : 0 };
}
