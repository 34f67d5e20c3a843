// The safety suite: real adversarial submissions of a small synthetic assignment, graded by the real
// grader (one kernel process each, two at a time). Each case says what it proves.
import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  assignNotebooks,
  DEFAULT_SANDBOX,
  gradeAgainst,
  GradeReport,
  Reference,
  SandboxOptions,
  SubmissionResult,
} from '../../lib/grading';
import { Adversary, adversaries, randomSubmission } from './adversaries';
import {
  answerCells,
  code,
  IMPORT_CELL,
  notebook,
  SOLUTIONS,
  sourceNotebook,
  TESTS,
  tempDir,
  writeFile,
} from './fixtures';

/** Tight limits so the hostile cases end fast: 512 MiB heap (1 GiB resident), 64 KiB of output per cell. */
const SANDBOX: SandboxOptions = { ...DEFAULT_SANDBOX, memoryMb: 512, maxOutputBytes: 64 * 1024 };
const CELL_TIMEOUT_MS = 20_000;

const PROVES: Record<string, string> = {
  honest: 'a correct submission gets full marks through the whole pipeline',
  untouched: 'the student version scores 0, each test failing with "not implemented"',
  'redefines-helpers': 'replacing or shadowing exercises.*, Math and the grader global changes nothing',
  'patches-intrinsics':
    'patching Math, Array/Object/Number prototypes, JSON or globalThis.Math fails (locked) and would not decide verdicts',
  'prints-fake-passes': 'pass lines and fake records on stdout, stderr and displays count for nothing',
  'forges-records':
    "records written straight to the grader's socket are rejected (bad signature), and running the tests early gives nothing",
  'loops-forever':
    'a top-level infinite loop (interrupted) and one inside the tests (kernel killed, restarted) score 0 "timeout"; the rest is graded',
  exits: 'process.exit at top level or inside a test scores 0 "crashed"; the kernel is replaced and the rest is graded',
  'throws-at-top-level': 'throws, unhandled rejections and exceptions from timers do not stop grading',
  'crashes-kernel': 'a kernel killed by SIGSEGV costs only that exercise ("crashed")',
  'exhausts-heap': 'filling the V8 heap ends the kernel at its limit: "out of memory"',
  'exhausts-memory-off-heap':
    'memory outside the heap (typed arrays, like tensors) is stopped by the resident-memory watchdog: "out of memory"',
  'floods-output': 'about 40 MB of output is capped and grading goes on',
  'reads-hidden-tests':
    'the kernel cannot read the autograder or source notebook even knowing their paths (nor list folders, nor spawn cat)',
  'not-json': 'a file that is not JSON is one clear per-submission error',
  'wrong-kernel': 'a notebook for another kernel is one clear per-submission error',
  'duplicate-ids': 'two answer cells for one exercise: that exercise is "invalid", the others graded',
  'missing-ids':
    'a deleted answer cell is "missing"; an answer cell whose header was deleted is still found by its cell id',
  'edits-tests': "edited and deleted tests cells are replaced by the instructor's (hidden tests included)",
  'tensor-like-fake': 'objects that claim a shape, a valueOf or anything through a proxy are unreadable: 0 points',
  'reads-through-links-and-proc':
    "the node_modules/replearn link, /proc, other kernels' folders in /tmp and the grader's files are out of reach",
  'writes-with-native-code': 'fs, nodejs-polars writeCSV and the TensorFlow WriteFile op write nothing outside',
  'signals-the-grader': 'SIGSTOP/SIGKILL to the parent, to every pid and to -1 reach only its own sandbox',
  'destroys-the-channel': 'closing every descriptor and unlinking the channel costs only its own grade',
  'floods-displays': 'a flood of display_data is capped and the answers are still graded',
  'reads-sibling-connection': "no other kernel's connection file is visible under --jobs 2",
  'callee-caller': "a sloppy answer's arguments.callee.caller does not reveal the test body (tests run strict)",
  'uses-the-network': 'the kernel has no network: neither the internet nor the loopback of the host',
};

/** Files no grader may open as a notebook: each must end "invalid" with its reason. */
const SPECIAL_FILES: { name: string; proves: string; remark: RegExp; make(file: string, autograder: string): void }[] =
  [
    {
      name: 'symlink-to-autograder',
      proves: 'a symbolic link (here to the autograder notebook) is refused, not followed',
      remark: /symbolic link/,
      make: (file, autograder) => fs.symlinkSync(autograder, file),
    },
    {
      name: 'fifo',
      proves: 'a FIFO is refused at once (the grader never blocks reading it)',
      remark: /FIFO/,
      make: (file) => execFileSync('mkfifo', [file]),
    },
    {
      name: 'dev-zero',
      proves: 'a link to /dev/zero is refused (the grader never reads it)',
      remark: /symbolic link/,
      make: (file) => fs.symlinkSync('/dev/zero', file),
    },
    {
      name: 'huge',
      proves: 'a 230 MB notebook is refused by its size before any read',
      remark: /larger than/,
      make: (file) => {
        fs.writeFileSync(file, '{"cells": [');
        fs.truncateSync(file, 230 * 1024 * 1024);
      },
    },
  ];

describe('grading safety: adversarial submissions', function () {
  this.timeout(40 * 60_000);
  let dir: string;
  let reference: Reference;
  let autograder: string;
  let source: string;
  let report: GradeReport;
  let outside: string;
  const cases = adversaries({ autograder: '', source: '' });

  before(async function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
    dir = tempDir('replearn-safety-');
    source = writeFile(dir, 'source/synthetic.ipynb', sourceNotebook());
    const [assigned] = await assignNotebooks([source], {
      outDir: path.join(dir, 'assigned'),
      jobs: 1,
      cellTimeoutMs: 60_000,
      sandbox: SANDBOX,
    });
    reference = assigned.reference;
    autograder = assigned.autograder;
    outside = path.join(dir, 'outside');
    fs.mkdirSync(outside);
    for (const adv of adversaries({ autograder, source, outside: path.join(outside, 'pwned') }))
      writeFile(dir, `subs/${adv.name}.ipynb`, adv.content);
    for (const f of SPECIAL_FILES) f.make(path.join(dir, 'subs', `${f.name}.ipynb`), autograder);
    writeFile(dir, 'subs/random-a.ipynb', randomSubmission());
    writeFile(dir, 'subs/random-b.ipynb', randomSubmission());
    const started = Date.now();
    report = await gradeAgainst(new Map([['synthetic.ipynb', reference]]), [path.join(dir, 'subs')], {
      outDir: path.join(dir, 'graded'),
      jobs: 2,
      cellTimeoutMs: CELL_TIMEOUT_MS,
      submissionTimeoutMs: 240_000,
      sandbox: SANDBOX,
    });
    console.log(
      `      graded ${report.results.length} adversarial submissions in ${((Date.now() - started) / 1000).toFixed(1)} s ` +
        `(reference run ${(reference.durationMs / 1000).toFixed(1)} s)`,
    );
    for (const r of report.results)
      console.log(
        `        ${r.student.padEnd(26)} ${(r.durationMs / 1000).toFixed(1).padStart(6)} s  ${r.points}/${r.max}`,
      );
  });

  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  for (const adv of cases) {
    it(`${adv.name}: ${PROVES[adv.name] ?? ''}`, () => expectGrade(resultOf(report, adv.name), adv));
  }

  for (const f of SPECIAL_FILES) {
    it(`${f.name}: ${f.proves}`, () => {
      const r = resultOf(report, f.name);
      assert.deepEqual(
        r.exercises.map((e) => [e.points, e.status]),
        [
          [0, 'invalid'],
          [0, 'invalid'],
          [0, 'invalid'],
        ],
      );
      assert.match(r.error ?? '', f.remark);
    });
  }

  it('nothing was written outside the kernels, no solution or hidden test reached any feedback or the gradebook', () => {
    assert.deepEqual(fs.readdirSync(outside), []);
    assert.ok(!fs.existsSync('/tmp/replearn-never-written-fs'));
    const pages = fs.readdirSync(path.join(dir, 'graded', 'feedback'), { recursive: true, encoding: 'utf8' });
    const texts = pages
      .filter((p) => p.endsWith('.html'))
      .map((p) => fs.readFileSync(path.join(dir, 'graded', 'feedback', p), 'utf8'));
    texts.push(fs.readFileSync(report.gradebook.json, 'utf8'));
    for (const text of texts) assert.doesNotMatch(text, /BEGIN SOLUTION|BEGIN HIDDEN TESTS|signature_scheme|"key"/);
  });

  it('--jobs 1: the attackers that target the grader and its siblings cost only their own grade', async () => {
    const names = ['honest', 'signals-the-grader', 'destroys-the-channel', 'reads-sibling-connection', 'honest'];
    const files = names.map((n, i) => {
      const copy = path.join(dir, 'serial', `${i}-${n}.ipynb`);
      fs.mkdirSync(path.dirname(copy), { recursive: true });
      fs.copyFileSync(path.join(dir, 'subs', `${n}.ipynb`), copy);
      return copy;
    });
    const r = await gradeAgainst(new Map([['synthetic.ipynb', reference]]), files, {
      outDir: path.join(dir, 'graded-serial'),
      jobs: 1,
      cellTimeoutMs: CELL_TIMEOUT_MS,
      submissionTimeoutMs: 240_000,
      sandbox: SANDBOX,
    });
    assert.deepEqual(
      r.results.map((x) => x.points),
      [7, 0, 0, 0, 7],
    );
    const csv = fs.readFileSync(r.gradebook.csv, 'utf8').trim().split('\n');
    assert.equal(csv.length, 1 + 3 * names.length);
  });

  it('grading the same submission twice gives the same result (Math.random is seeded)', () => {
    const a = resultOf(report, 'random-a');
    const b = resultOf(report, 'random-b');
    assert.deepEqual(summarize(a), summarize(b));
    assert.equal(a.exercises[0].tests.length, 3);
  });

  it('hidden tests appear in feedback by name only: no source, no expected value', () => {
    const html = fs.readFileSync(path.join(dir, 'graded', 'feedback', 'patches-intrinsics', 'synthetic.html'), 'utf8');
    assert.match(html, /norm of \[1, 2, 2\] <span class="hidden">\(hidden test\)<\/span>/);
    assert.doesNotMatch(html, /BEGIN HIDDEN TESTS|exercises\.closeTo|\/division by zero\//);
    // The hidden check on norm([1, 2, 2]) expects 3: the message gives the student's value, not 3.
    const hiddenRow = html.split('\n').find((l) => l.includes('norm of [1, 2, 2]'))!;
    assert.match(hiddenRow, /got 2\.23607, not within 1e-9 of the expected value/);
    const visibleRow = html.split('\n').find((l) => l.includes('norm of [3, 4]'))!;
    assert.match(visibleRow, /got 2\.64575, expected 5 ± 1e-9/);
  });

  it('writes a gradebook (CSV and JSON) with one row per student and exercise', () => {
    const csv = fs.readFileSync(report.gradebook.csv, 'utf8').trim().split('\n');
    assert.equal(csv[0], 'student,notebook,exercise,points,max,status,message');
    assert.equal(csv.length, 1 + 3 * report.results.length);
    const json = JSON.parse(fs.readFileSync(report.gradebook.json, 'utf8')) as {
      rows: { student: string; status: string }[];
    };
    assert.equal(json.rows.filter((r) => r.student === 'loops-forever' && r.status === 'timeout').length, 2);
  });

  it('a submission past its total time: the exercises not reached score 0 "timeout", the earlier ones are graded', async () => {
    const slow = notebook([
      IMPORT_CELL,
      ...withAnswer('double', 'await new Promise((resolve) => setTimeout(resolve, 600_000));'),
    ]);
    const file = writeFile(dir, 'slow/total-timeout.ipynb', slow);
    const r = await gradeAgainst(new Map([['synthetic.ipynb', reference]]), [file], {
      outDir: path.join(dir, 'graded-slow'),
      jobs: 1,
      cellTimeoutMs: 300_000,
      submissionTimeoutMs: 40_000,
      sandbox: SANDBOX,
    });
    expectGrade(r.results[0], {
      name: 'total-timeout',
      content: slow,
      expected: {
        norm: { points: 3, status: 'passed' },
        double: { points: 0, status: 'timeout' },
        safediv: { points: 0, status: 'timeout' },
      },
    });
    assert.ok(r.results[0].durationMs < 120_000, `took ${r.results[0].durationMs} ms`);
  });

  it('patching tf.Tensor.prototype (arraySync, dataSync) fails: tensors read the same as without the patch', async () => {
    const tensorsDir = path.join(dir, 'tensors');
    const importCells = [code('tf', "import * as tf from '@tensorflow/tfjs';"), IMPORT_CELL];
    const scaleTests = code(
      'tests-scale',
      `// TESTS scale
await exercises.test('scale [1, 2, 3] by 2', 1, () => {
  exercises.closeTo(scale(tf.tensor([1, 2, 3]), 2), [2, 4, 6]);
});
// BEGIN HIDDEN TESTS
await exercises.test('scale by -1', 1, () => {
  exercises.closeTo(scale(tf.tensor([1, -2]), -1), [-1, 2]);
});
// END HIDDEN TESTS`,
    );
    const answer = (body: string): ReturnType<typeof code> =>
      code(
        'ans-scale',
        `// EXERCISE scale (2 points)\nfunction scale(t: tf.Tensor, k: number): tf.Tensor {\n${body}\n}`,
      );
    const src = writeFile(
      tensorsDir,
      'source/tensors.ipynb',
      notebook([...importCells, answer('  // BEGIN SOLUTION\n  return t.mul(k);\n  // END SOLUTION'), scaleTests]),
    );
    const [assigned] = await assignNotebooks([src], {
      outDir: path.join(tensorsDir, 'release'),
      jobs: 1,
      cellTimeoutMs: 120_000,
      sandbox: SANDBOX,
    });
    const cheat = code(
      'cheat',
      `
const attempt = (f: () => void): string => { try { f(); return 'patched'; } catch (e) { return (e as Error).name; } };
const proto = tf.Tensor.prototype as unknown as Record<string, unknown>;
console.log(attempt(() => { proto.arraySync = function () { return [2, 4, 6]; }; }));
console.log(attempt(() => { Object.defineProperty(tf.Tensor.prototype, 'arraySync', { value: () => [2, 4, 6] }); }));
console.log(attempt(() => { proto.dataSync = function () { return new Float32Array([2, 4, 6]); }; }));`,
    );
    const file = writeFile(
      tensorsDir,
      'subs/patches-tensors.ipynb',
      notebook([...importCells, cheat, answer('  return t;'), scaleTests]),
    );
    const r = await gradeAgainst(new Map([['tensors.ipynb', assigned.reference]]), [file], {
      outDir: path.join(tensorsDir, 'graded'),
      jobs: 1,
      cellTimeoutMs: 120_000,
      sandbox: SANDBOX,
    });
    const scale = r.results[0].exercises[0];
    assert.deepEqual(
      [scale.points, scale.status, scale.tests[0].message],
      [0, 'failed', 'element [0] is 1, expected 2 ± 0.000001 (3 of 3 elements differ)'],
    );
    assert.ok(!r.results[0].notes.some((n) => n.includes('CompileError')), r.results[0].notes.join('; '));
  });

  it('the OS sandbox alone stops the readers; with neither wall they do get the solution (why both are on)', async () => {
    const files = ['reads-hidden-tests', 'reads-through-links-and-proc'].map((n) =>
      path.join(dir, 'subs', `${n}.ipynb`),
    );
    const grade = async (sandbox: SandboxOptions, out: string): Promise<number[]> =>
      (
        await gradeAgainst(new Map([['synthetic.ipynb', reference]]), files, {
          outDir: path.join(dir, out),
          jobs: 2,
          cellTimeoutMs: CELL_TIMEOUT_MS,
          sandbox,
        })
      ).results.map((r) => r.exercises.find((e) => e.id === 'norm')?.points ?? -1);
    assert.deepEqual(await grade({ ...SANDBOX, restrictFiles: false }, 'graded-os-only'), [0, 0]);
    assert.deepEqual(await grade({ ...SANDBOX, restrictFiles: false, osSandbox: false }, 'graded-open'), [3, 3]);
  });
});

/** Answer cells with solutions, except `ex` whose answer cell also runs `extra`. */
function withAnswer(ex: 'norm' | 'double' | 'safediv', extra: string): ReturnType<typeof code>[] {
  const cells = answerCells(SOLUTIONS, false).map((c) =>
    c.id === `ans-${ex}` ? { ...c, source: `${String(c.source)}\n${extra}` } : c,
  );
  return [
    cells[0],
    code('tests-norm', TESTS.norm),
    cells[1],
    code('tests-double', TESTS.double),
    cells[2],
    code('tests-safediv', TESTS.safediv),
  ];
}

function resultOf(report: GradeReport, student: string): SubmissionResult {
  const r = report.results.find((x) => x.student === student);
  assert.ok(r, `no result for ${student}`);
  return r;
}

function summarize(r: SubmissionResult): unknown {
  return r.exercises.map((e) => ({
    id: e.id,
    points: e.points,
    status: e.status,
    tests: e.tests.map((t) => [t.passed, t.message ?? '']),
  }));
}

function expectGrade(r: SubmissionResult, adv: Adversary): void {
  const got = Object.fromEntries(r.exercises.map((e) => [e.id, { points: e.points, status: e.status }]));
  const detail = JSON.stringify({
    error: r.error,
    notes: r.notes,
    exercises: r.exercises.map((e) => [e.id, e.status, e.message, e.tests.map((t) => t.message)]),
  });
  if (adv.anyStatus)
    assert.deepEqual(
      r.exercises.map((e) => e.points),
      Object.values(adv.expected).map((e) => e.points),
      `${adv.name}: ${detail}`,
    );
  else assert.deepEqual(got, adv.expected, `${adv.name}: ${detail}`);
  // A cheat that does not even compile would prove nothing.
  assert.ok(!r.notes.some((n) => n.includes('CompileError')), `${adv.name}: a cell did not compile: ${detail}`);
  for (const remark of adv.remarks ?? []) {
    assert.ok(
      [r.error ?? '', ...r.notes].some((n) => n.includes(remark)),
      `${adv.name}: no remark "${remark}" in ${detail}`,
    );
  }
}
