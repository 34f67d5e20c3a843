// Executes every notebooks/*.ipynb through our runner (two at a time) and asserts each runs top to bottom;
// the tour and one training lesson (test/support/reference-notebooks.ts) also run through Python's nbclient, and
// both runners must agree cell by cell: the same cells succeed, with the same output MIME types.
// REPLEARN_NOTEBOOKS=00-tour,03-x (names, with or without .ipynb) restricts the set, so CI can shard.
// REPLEARN_NBCLIENT_ALL=1 runs every selected notebook through nbclient too (the slower job).
// Where the native backend loads, the lessons run on it, and REPLEARN_WASM_NOTEBOOKS (default: the conv autoencoder,
// whose training kernels wasm gets from lib/backend) also run on wasm, the fallback everyone without it gets.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  Notebook,
  NotebookCell,
  NotebookRun,
  readNotebook,
  runNotebookFile,
  writeNotebook,
} from '../lib/jupyter/runner';
import { projectRoot } from '../lib/project';
import { checkLessonResults, lessonName, loadExpectedResults, ResultsCheck } from './support/lesson-results';
import { nativeFailure } from './support/native';
import { pendingForMissing } from './support/needs-data';
import { TOUR, TRAINING_LESSON } from './support/reference-notebooks';

const ROOT = projectRoot();
const NOTEBOOKS = path.join(ROOT, 'notebooks');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'notebooks');
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const CELL_TIMEOUT_S = 300;
const JOBS = 2;

/** nbclient's view of one run (test/support/nbclient_reference.py). */
interface NbclientRun {
  cells: Record<string, string>;
  failed_cell: number | null;
  error: string | null;
  notebook: Notebook;
}

function selectedNotebooks(): string[] {
  const all = fs.existsSync(NOTEBOOKS)
    ? fs
        .readdirSync(NOTEBOOKS)
        .filter((n) => n.endsWith('.ipynb'))
        .sort()
    : [];
  const wanted = (process.env.REPLEARN_NOTEBOOKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (wanted.length === 0) return all;
  const names = wanted.map((w) => path.basename(w).replace(/\.ipynb$/, '') + '.ipynb');
  const unknown = names.filter((n) => !all.includes(n));
  if (unknown.length > 0)
    throw new Error(`REPLEARN_NOTEBOOKS names notebooks that do not exist: ${unknown.join(', ')}`);
  return names;
}

function python(args: string[], timeoutMs: number): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, JUPYTER_PATH: path.join(ROOT, 'jupyter') };
  return new Promise((resolve) => {
    execFile(PYTHON, args, { env, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr });
    });
  });
}

/** The notebooks nbclient runs: all selected with REPLEARN_NBCLIENT_ALL=1, else the tour and the training lesson. */
function nbclientNotebooks(selected: string[]): string[] {
  if (!fs.existsSync(PYTHON)) return [];
  if (process.env.REPLEARN_NBCLIENT_ALL === '1') return selected;
  return selected.filter((n) => n === TOUR || n === TRAINING_LESSON);
}

/** Selected notebooks to run again with REPLEARN_BACKEND=wasm (none where wasm is already what the kernel picks). */
function wasmNotebooks(selected: string[]): string[] {
  if (nativeFailure()) return [];
  const wanted = (process.env.REPLEARN_WASM_NOTEBOOKS ?? TRAINING_LESSON)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((w) => path.basename(w).replace(/\.ipynb$/, '') + '.ipynb');
  return selected.filter((n) => wanted.includes(n));
}

async function runWithNbclient(name: string): Promise<NbclientRun> {
  const out = path.join(ARTIFACTS, 'nbclient', name);
  fs.mkdirSync(path.dirname(out), { recursive: true });
  const script = path.join(ROOT, 'test', 'support', 'nbclient_reference.py');
  const r = await python([script, 'run', path.join(NOTEBOOKS, name), out, String(CELL_TIMEOUT_S)], 30 * 60_000);
  if (r.code !== 0) throw new Error(`nbclient failed on ${name} (exit ${r.code}):\n${r.stderr.slice(-3000)}`);
  const lastLine = r.stdout.trim().split('\n').pop() ?? '{}';
  return { ...(JSON.parse(lastLine) as Omit<NbclientRun, 'notebook'>), notebook: readNotebook(out) };
}

/** Runs the tasks with at most `jobs` at a time. */
async function inPool(tasks: (() => Promise<void>)[], jobs: number): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) await tasks[next++]();
  };
  await Promise.all(Array.from({ length: Math.min(jobs, tasks.length) }, worker));
}

/** The kinds of output a cell produced: 'stream:stdout', 'display_data:image/png', ... */
function outputKinds(cell: NotebookCell): string[] {
  const kinds = new Set<string>();
  for (const o of cell.outputs ?? []) {
    if (o.output_type === 'stream') kinds.add(`stream:${o.name}`);
    else if (o.output_type === 'error') kinds.add('error');
    else for (const mime of Object.keys(o.data)) kinds.add(`${o.output_type}:${mime}`);
  }
  return [...kinds].sort();
}

/** The datasets a run skipped cells for ("skipped: needs NAME" lines of lib/jupyter/kernel/missing-data-cells.ts). */
function skippedForData(notebook: Notebook): string[] {
  const found = new Set<string>();
  for (const o of notebook.cells.flatMap((c) => c.outputs ?? []))
    if (o.output_type === 'stream' && 'text' in o)
      for (const m of [o.text]
        .flat()
        .join('')
        .matchAll(/^skipped: needs (\S+) /gm))
        found.add(m[1]);
  return [...found].sort();
}

function describeFailure(run: NotebookRun): string {
  const f = run.failure;
  if (!f) return '';
  const where =
    f.cellIndex === null ? f.status : `cell ${f.cellIndex} (code cell ${f.codeCellNumber}, first line: ${f.firstLine})`;
  return `${where}: ${f.error.ename}: ${f.error.evalue}\n${f.error.traceback.slice(0, 15).join('\n')}`;
}

/** Asserts two runs of one notebook agree cell by cell: executed or not, reply status, execution count, MIME types. */
function compareRuns(run: NotebookRun, reference: NbclientRun): void {
  const oursCells = run.notebook.cells;
  const theirs = reference.notebook.cells;
  assert.strictEqual(oursCells.length, theirs.length);
  const failedByUs = run.failure?.cellIndex ?? null;
  assert.strictEqual(
    reference.failed_cell,
    failedByUs,
    `failing cell: nbclient ${reference.failed_cell} (${reference.error}), ours ${failedByUs}`,
  );
  for (const [i, cell] of oursCells.entries()) {
    if (cell.cell_type !== 'code') continue;
    const executedByUs = run.cellTimesMs.has(i) || i === failedByUs;
    const theirStatus: string | undefined = reference.cells[String(i)];
    assert.strictEqual(executedByUs, theirStatus !== undefined, `cell ${i}: executed by one runner only`);
    if (!executedByUs) continue;
    assert.strictEqual(
      theirStatus === 'ok',
      i !== failedByUs,
      `cell ${i}: nbclient reply ${theirStatus}, ours ${i === failedByUs ? 'failed' : 'ok'}`,
    );
    assert.strictEqual(cell.execution_count, theirs[i].execution_count, `cell ${i}: execution count`);
    assert.deepStrictEqual(outputKinds(cell), outputKinds(theirs[i]), `cell ${i}: output MIME types differ`);
  }
}

describe('notebooks: every lesson runs top to bottom on the replearn kernel', function () {
  const names = selectedNotebooks();
  const ours = new Map<string, NotebookRun>();
  const references = new Map<string, NbclientRun | Error>();
  const viaNbclient = nbclientNotebooks(names);
  const tourSelected = names.includes(TOUR);
  const onWasm = wasmNotebooks(names);
  const wasmRuns = new Map<string, NotebookRun>();

  before(async function () {
    this.timeout((30 + 10 * (names.length + viaNbclient.length + onWasm.length)) * 60_000);
    const ourTasks = names.map((name) => async () => {
      const run = await runNotebookFile(path.join(NOTEBOOKS, name), { cellTimeoutMs: CELL_TIMEOUT_S * 1000 });
      if (run.failure?.status !== 'invalid') writeNotebook(run.notebook, path.join(ARTIFACTS, name));
      ours.set(name, run);
      console.log(`      ${name}: ${run.ok ? 'ok' : 'FAILED'} in ${(run.durationMs / 1000).toFixed(1)} s`);
    });
    const theirTasks = viaNbclient.map((name) => async () => {
      const t0 = Date.now();
      const reference = await runWithNbclient(name).catch((e: Error) => e);
      references.set(name, reference);
      const ok = !(reference instanceof Error) && reference.failed_cell === null;
      console.log(`      ${name} (nbclient): ${ok ? 'ok' : 'FAILED'} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    });
    const wasmTasks = onWasm.map((name) => async () => {
      const run = await runNotebookFile(path.join(NOTEBOOKS, name), {
        cellTimeoutMs: CELL_TIMEOUT_S * 1000,
        env: { REPLEARN_BACKEND: 'wasm' },
      });
      wasmRuns.set(name, run);
      console.log(`      ${name} (wasm): ${run.ok ? 'ok' : 'FAILED'} in ${(run.durationMs / 1000).toFixed(1)} s`);
    });
    // Each nbclient run right after our run of the same notebook starts: the slow pairs are not left for last.
    const tasks = [
      ...ourTasks.flatMap((task, i) => {
        const j = viaNbclient.indexOf(names[i]);
        return j < 0 ? [task] : [task, theirTasks[j]];
      }),
      ...wasmTasks,
    ];
    await inPool(tasks, JOBS);
  });

  if (names.length === 0) it.skip('no notebooks in notebooks/ yet');
  for (const name of names) {
    it(`${name} runs without a failing cell`, () => {
      const run = ours.get(name);
      assert.ok(run, `${name} was not run`);
      assert.ok(run.ok, `${name} failed at ${describeFailure(run)}`);
      assert.strictEqual(
        run.cellsRun,
        run.notebook.cells.filter((c) => c.cell_type === 'code' && [c.source].flat().join('').trim() !== '').length,
      );
      // JupyterLab paints stderr red, as an error: a lesson that runs cleanly writes none (tfjs-node's progress bar did).
      const stderr = run.notebook.cells.flatMap((c, i) =>
        (c.outputs ?? [])
          .filter((o) => o.output_type === 'stream' && 'name' in o && o.name === 'stderr')
          .map((o) => `cell ${i}: ${JSON.stringify('text' in o ? o.text : '').slice(0, 120)}`),
      );
      assert.deepStrictEqual(stderr, [], `${name} wrote to stderr`);
    });
  }

  // A lesson whose dataset is missing still runs (its dependent cells print "skipped: needs NAME"), but what those
  // cells show was not checked: that is reported pending, per dataset.
  for (const name of names) {
    it(`${name} ran every cell with its data`, function () {
      const run = ours.get(name);
      assert.ok(run, `${name} was not run`);
      pendingForMissing(this, skippedForData(run.notebook));
    });
  }

  // Headline numbers (notebooks/expected-results.json) are checked on the runs above: no lesson runs twice for them.
  const expected = loadExpectedResults();
  const checkBands = (test: Mocha.Context, run: NotebookRun | undefined, name: string): void => {
    // The bands were measured with the real datasets; without them lessons fall back to other data (or skip parts).
    if (!process.env.REPLEARN_DATA || !run?.ok) test.skip();
    const check: ResultsCheck = checkLessonResults(lessonName(name), run.notebook, expected);
    if (check.passed.length === 0 && check.failures.length === 0) test.skip();
    assert.deepStrictEqual(check.failures, [], `${name}: numbers outside their bands`);
  };
  for (const name of names.filter((n) => lessonName(n) in expected)) {
    it(`${name}: its headline numbers are within their bands`, function () {
      checkBands(this, ours.get(name), name);
    });
  }
  for (const name of onWasm.filter((n) => lessonName(n) in expected)) {
    it(`${name}: its headline numbers on wasm are within their bands`, function () {
      checkBands(this, wasmRuns.get(name), name);
    });
  }

  for (const name of onWasm) {
    it(`${name} also runs on wasm (REPLEARN_BACKEND=wasm)`, () => {
      const run = wasmRuns.get(name);
      assert.ok(run, `${name} was not run on wasm`);
      assert.ok(run.ok, `${name} failed on wasm at ${describeFailure(run)}`);
      const said = run.notebook.cells
        .flatMap((c) => c.outputs ?? [])
        .some((o) => 'text' in o && [o.text].flat().join('').includes('replearn backend: wasm'));
      assert.ok(said, 'the lesson did not say it ran on wasm');
    });
  }

  it('the executed notebooks are valid nbformat', async function () {
    if (!fs.existsSync(PYTHON)) this.skip();
    const files = names.filter((n) => ours.get(n)?.failure?.status !== 'invalid').map((n) => path.join(ARTIFACTS, n));
    if (files.length === 0) this.skip();
    this.timeout(120_000);
    const r = await python(
      [path.join(ROOT, 'test', 'support', 'nbclient_reference.py'), 'validate', ...files],
      120_000,
    );
    assert.strictEqual(r.code, 0, r.stdout + r.stderr);
  });

  describe('Python nbclient agrees with our runner: the same cells succeed, with the same output MIME types', () => {
    if (viaNbclient.length === 0)
      it.skip(
        fs.existsSync(PYTHON)
          ? 'no reference notebook selected for nbclient'
          : 'no .venv: the nbclient comparison is skipped',
      );
    for (const name of viaNbclient) {
      it(name, () => {
        const reference = references.get(name);
        if (reference instanceof Error) throw reference;
        assert.ok(reference, 'nbclient did not run');
        const run = ours.get(name);
        assert.ok(run, 'our runner did not run it');
        compareRuns(run, reference);
      });
    }
  });

  describe(`the tour (${TOUR})`, () => {
    if (!fs.existsSync(path.join(NOTEBOOKS, TOUR))) {
      it.skip(`${TOUR} does not exist yet: its checks are skipped`);
      return;
    }
    if (!tourSelected) {
      it.skip(`${TOUR} is not in REPLEARN_NOTEBOOKS: its checks are skipped`);
      return;
    }

    it('shows a vega-lite chart with its SVG in one output, a PNG image grid and an HTML table', () => {
      const run = ours.get(TOUR);
      assert.ok(run?.ok, `the tour failed: ${run ? describeFailure(run) : 'not run'}`);
      const rich = run.notebook.cells
        .flatMap((c) => c.outputs ?? [])
        .flatMap((o) => (o.output_type === 'display_data' || o.output_type === 'execute_result' ? [o.data] : []));
      assert.ok(
        rich.some((d) => 'application/vnd.vegalite.v5+json' in d && 'image/svg+xml' in d),
        'no output holds both vega-lite v5 JSON and SVG',
      );
      const svg = rich.map((d) => d['image/svg+xml']).find((s) => typeof s === 'string');
      assert.match(String(svg), /<svg[\s\S]*<\/svg>/);
      const png = rich.map((d) => d['image/png']).find((p) => typeof p === 'string');
      assert.ok(
        png &&
          Buffer.from(png as string, 'base64')
            .subarray(1, 4)
            .toString() === 'PNG',
        'no image/png output',
      );
      assert.ok(
        rich.some((d) => typeof d['text/html'] === 'string' && /<table[\s>]/.test(d['text/html'])),
        'no text/html table',
      );
    });
  });
});
