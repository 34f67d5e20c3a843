// The safety suite: real adversarial submissions of a small synthetic assignment, graded by the real
// grader (one kernel process each, two at a time). Each case says what it proves.
import { strict as assert } from 'assert';
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
import { Adversary, adversaries, Expected, randomSubmission } from './adversaries';
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
};

describe('grading safety: adversarial submissions', function () {
  this.timeout(40 * 60_000);
  let dir: string;
  let reference: Reference;
  let autograder: string;
  let source: string;
  let report: GradeReport;
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
    for (const adv of adversaries({ autograder, source })) writeFile(dir, `subs/${adv.name}.ipynb`, adv.content);
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
    assert.ok(!r.results[0].notes.some((n) => /CompileError/.test(n)), r.results[0].notes.join('; '));
  });

  it('without the file sandbox the same reader does get the solution (why the sandbox is on by default)', async () => {
    const file = path.join(dir, 'subs', 'reads-hidden-tests.ipynb');
    const r = await gradeAgainst(new Map([['synthetic.ipynb', reference]]), [file], {
      outDir: path.join(dir, 'graded-open'),
      jobs: 1,
      cellTimeoutMs: CELL_TIMEOUT_MS,
      sandbox: { ...SANDBOX, restrictFiles: false },
    });
    assert.equal(r.results[0].exercises.find((e) => e.id === 'norm')?.points, 3);
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
  assert.deepEqual(got, adv.expected as Expected, `${adv.name}: ${detail}`);
  // A cheat that does not even compile would prove nothing.
  assert.ok(!r.notes.some((n) => /CompileError/.test(n)), `${adv.name}: a cell did not compile: ${detail}`);
  for (const remark of adv.remarks ?? []) {
    assert.ok(
      [r.error ?? '', ...r.notes].some((n) => n.includes(remark)),
      `${adv.name}: no remark "${remark}" in ${detail}`,
    );
  }
}
