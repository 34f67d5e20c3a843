import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Notebook, serializeNotebook } from '../../lib/jupyter/runner/notebook-file';
import { makeNotebook } from '../kernel/notebook-fixture';

const BIN = path.resolve(__dirname, '..', '..', '..', 'bin', 'replearn.js');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
  ms: number;
}

function replearn(args: string[], cwd: string): Promise<CliRun> {
  const started = Date.now();
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, timeout: 120_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}

describe('cli: replearn run', function () {
  this.timeout(120_000);
  let dir: string;

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-run-'));
    const write = (name: string, nb: Notebook): void =>
      fs.writeFileSync(path.join(dir, 'nbs', name), serializeNotebook(nb));
    fs.mkdirSync(path.join(dir, 'nbs'));
    fs.mkdirSync(path.join(dir, 'slow'));
    write(
      'good.ipynb',
      makeNotebook([
        { md: '# good' },
        'console.log("hello")',
        'import * as tslab from "tslab";\ntslab.display.html("<table><tr><td>1</td></tr></table>")',
      ]),
    );
    write(
      'bad.ipynb',
      makeNotebook(['const a = 1;', '// the failing cell\nthrow new Error("boom")', 'console.log("never")']),
    );
    fs.writeFileSync(
      path.join(dir, 'slow', 'loop.ipynb'),
      serializeNotebook(makeNotebook(['let i = 0;', 'while (true) { i++; }'])),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('runs a folder two at a time, writes executed copies and names the failing cell', async () => {
    const r = await replearn(['run', 'nbs', '--out', 'out', '--jobs', '2'], dir);
    assert.strictEqual(r.code, 1, r.stdout + r.stderr);
    assert.match(r.stderr, /nbs\/bad\.ipynb: cell 1 \(code cell 2\) error: Error: boom/);
    assert.match(r.stderr, /first line: \/\/ the failing cell/);
    assert.match(r.stdout, /nbs\/bad\.ipynb\s+FAILED\s+2\/3/);
    assert.match(r.stdout, /nbs\/good\.ipynb\s+ok\s+2\/2/);
    assert.match(r.stdout, /1\/2 notebooks ok/);

    const good = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'good.ipynb'), 'utf8')) as Notebook;
    assert.deepStrictEqual(good.cells[1].outputs, [{ output_type: 'stream', name: 'stdout', text: ['hello\n'] }]);
    assert.deepStrictEqual(good.cells[2].outputs?.[0], {
      output_type: 'display_data',
      data: { 'text/html': ['<table><tr><td>1</td></tr></table>'] },
      metadata: {},
    });
    const bad = JSON.parse(fs.readFileSync(path.join(dir, 'out', 'bad.ipynb'), 'utf8')) as Notebook;
    assert.deepStrictEqual(
      bad.cells.map((c) => c.execution_count),
      [1, 2, null],
    );
    assert.strictEqual(bad.cells[1].outputs?.[0].output_type, 'error');
  });

  it('exits 0 when every notebook succeeds', async () => {
    const r = await replearn(['run', 'nbs/good.ipynb', '--out', 'out2'], dir);
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
    assert.ok(fs.existsSync(path.join(dir, 'out2', 'good.ipynb')));
  });

  it('--full runs the kernel with REPLEARN_BUDGET=full; without it the kernel inherits ours', async () => {
    const budget = makeNotebook(['console.log(`budget=${process.env.REPLEARN_BUDGET ?? "unset"}`)']);
    fs.writeFileSync(path.join(dir, 'budget.ipynb'), serializeNotebook(budget));
    const printed = (out: string): unknown =>
      (JSON.parse(fs.readFileSync(path.join(dir, out, 'budget.ipynb'), 'utf8')) as Notebook).cells[0].outputs?.[0];
    const full = await replearn(['run', 'budget.ipynb', '--full', '--out', 'full'], dir);
    assert.strictEqual(full.code, 0, full.stdout + full.stderr);
    assert.match(full.stdout, /budget: full/);
    assert.deepStrictEqual(printed('full'), { output_type: 'stream', name: 'stdout', text: ['budget=full\n'] });
    const quick = await replearn(['run', 'budget.ipynb', '--out', 'quick'], dir);
    assert.strictEqual(quick.code, 0, quick.stdout + quick.stderr);
    assert.deepStrictEqual(printed('quick'), {
      output_type: 'stream',
      name: 'stdout',
      text: [`budget=${process.env.REPLEARN_BUDGET ?? 'unset'}\n`],
    });
  });

  it('interrupts a cell past --timeout and fails the notebook', async () => {
    const r = await replearn(['run', 'slow', '--out', 'out3', '--timeout', '2'], dir);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /slow\/loop\.ipynb: cell 1 \(code cell 2\) timeout: Timeout: the cell ran past 2 s/);
    assert.match(r.stderr, /first line: while \(true\) \{ i\+\+; \}/);
    assert.ok(r.ms < 60_000);
  });

  it('answers a wrong command line with one line and the usage, exit 2', async () => {
    const cases: [string[], RegExp][] = [
      [['run'], /^replearn run: name at least one notebook or folder\nusage: replearn run/],
      [['run', 'nbs', '--jobs', '0'], /^replearn run: --jobs needs a whole number above 0, got "0"\n/],
      [['run', 'nbs', '--timeout', 'soon'], /^replearn run: --timeout needs a number above 0, got "soon"\n/],
      [['run', 'nbs', '--bogus'], /^replearn run: Unknown option '--bogus'\n/],
      [['run', 'missing.ipynb'], /^replearn run: no such notebook or folder: missing\.ipynb\n/],
      [['frobnicate'], /^replearn: unknown command "frobnicate"\nusage: replearn <command>/],
    ];
    for (const [args, expected] of cases) {
      const r = await replearn(args, dir);
      assert.strictEqual(r.code, 2, args.join(' '));
      assert.match(r.stderr, expected);
    }
  });

  it("runs a lesson folder that reaches the kit as node_modules/replearn: a chart's or a table's value is nameable", async () => {
    // Where vega-lite and nodejs-polars do not resolve (a hub user's or a graded lesson folder), the kernel's
    // declarations of `const chart = lossChart(…)` and `const table = await loadPokemon()` need the return types from
    // 'replearn'.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-linked-'));
    fs.mkdirSync(path.join(folder, 'node_modules'));
    fs.symlinkSync(path.resolve(__dirname, '..', '..', '..'), path.join(folder, 'node_modules', 'replearn'));
    const lesson = makeNotebook([
      "import { lossChart } from 'replearn';\nconst chart = lossChart({ a: [1, 2] });\nconsole.log(typeof chart);",
      "import { corpusStatistics } from 'replearn';\nconst table = corpusStatistics([0], ['a'], [['x']]);\nconsole.log(table.height);",
    ]);
    fs.writeFileSync(path.join(folder, 'linked.ipynb'), serializeNotebook(lesson));
    const run = await replearn(['run', 'linked.ipynb', '--out', 'out'], folder);
    assert.strictEqual(run.code, 0, run.stdout + run.stderr);
    fs.rmSync(folder, { recursive: true, force: true });
  });
});
