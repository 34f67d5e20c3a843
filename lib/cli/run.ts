import * as fs from 'fs';
import * as path from 'path';
import { NotebookRun, runNotebookFile, writeNotebook } from '../jupyter/runner';
import { NOTEBOOK_BATCH_FLAGS, commandArgs, positiveNumber, UsageError } from './args';
import { killKernelsOnSignal } from './interrupt';
import { LESSON_BUDGET_ENV, lessonBudgetName, LessonBudgetName } from '../lesson-budget';
import { inPool } from '../pool';

const USAGE = `usage: replearn run <notebook.ipynb | folder>... [--out DIR] [--timeout SECONDS] [--jobs N] [--full] [--verbose]
  Executes each notebook on a fresh kernel (its kernelspec, default "replearn"), cell by cell, and
  writes the executed copy to DIR (default artifacts/executed). A folder means its *.ipynb files.
  --full     the lessons' full budget (REPLEARN_BUDGET=full): the longer runs their text quotes; hours, not minutes
  --timeout  per-cell limit; the cell is interrupted, the kernel killed if it does not stop (default 300)
  --jobs     notebooks run in parallel (default 1)
  --verbose  print each cell's time`;

const OPTIONS = { ...NOTEBOOK_BATCH_FLAGS, verbose: { type: 'boolean' }, full: { type: 'boolean' } } as const;

/** `replearn run`: 0 when every notebook ran through, 1 when any failed, 2 for a wrong command line. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  if (positionals.length === 0) throw new UsageError('name at least one notebook or folder', USAGE);
  const timeoutS = positiveNumber(values.timeout, '--timeout', 300, USAGE);
  const jobs = positiveNumber(values.jobs, '--jobs', 1, USAGE, true);
  const outDir = path.resolve(values.out ?? path.join('artifacts', 'executed'));
  const notebooks = expandInputs(positionals);
  const targets = outputPaths(notebooks, outDir);
  // Without --full the kernel inherits REPLEARN_BUDGET from this process (quick when unset).
  const env = values.full ? { [LESSON_BUDGET_ENV]: 'full' } : undefined;
  const budget = values.full ? 'full' : budgetFromEnvironment();
  if (values.full) console.log('budget: full (the longer runs the lessons quote)');

  const removeSignalHandler = killKernelsOnSignal(['SIGINT', 'SIGTERM']);
  const wallStart = Date.now();
  try {
    const runs = await inPool(notebooks, jobs, async (file, i) => {
      console.log(`run   ${file}`);
      const result = await runNotebookFile(file, {
        cellTimeoutMs: timeoutS * 1000,
        env,
        onCell: values.verbose
          ? (cell, r) => console.log(`      ${file} cell ${cell}: ${r.status} ${seconds(r.durationMs)}`)
          : undefined,
      });
      // The run's length and budget travel with the executed copy (scripts/results-table.js reads them back).
      result.notebook.metadata.replearn_run = {
        budget,
        seconds: Math.round(result.durationMs / 1000),
        finished: new Date().toISOString(),
      };
      if (result.failure?.status !== 'invalid') writeNotebook(result.notebook, targets[i]);
      report(file, result);
      return result;
    });
    printTable(notebooks, runs, Date.now() - wallStart);
    console.log(`executed notebooks in ${displayPath(outDir)}`);
    return runs.every((r) => r.ok) ? 0 : 1;
  } finally {
    removeSignalHandler();
  }
}

/** REPLEARN_BUDGET as the kernels will read it; a wrong value stops the command before any kernel starts. */
function budgetFromEnvironment(): LessonBudgetName {
  try {
    return lessonBudgetName();
  } catch (e) {
    throw new UsageError((e as Error).message, USAGE);
  }
}

/** Files as given; folders become their *.ipynb files in name order. */
function expandInputs(inputs: string[]): string[] {
  const files: string[] = [];
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      throw new UsageError(`no such notebook or folder: ${input}`, USAGE);
    }
    if (!stat.isDirectory()) {
      files.push(input);
      continue;
    }
    const found = fs
      .readdirSync(input)
      .filter((n) => n.endsWith('.ipynb'))
      .sort()
      .map((n) => path.join(input, n));
    if (found.length === 0) throw new UsageError(`no .ipynb files in ${input}`, USAGE);
    files.push(...found);
  }
  return files;
}

function outputPaths(files: string[], outDir: string): string[] {
  const targets = files.map((f) => path.join(outDir, path.basename(f)));
  const seen = new Set<string>();
  for (const [i, t] of targets.entries()) {
    if (seen.has(t))
      throw new UsageError(`two notebooks would both be written to ${t} (${files[i]}): run them separately`, USAGE);
    seen.add(t);
  }
  return targets;
}

function report(file: string, result: NotebookRun): void {
  if (result.ok) {
    console.log(`ok    ${file} (${result.cellsRun} cells, ${seconds(result.durationMs)})`);
    return;
  }
  const f = result.failure!;
  const [first, ...more] = f.error.evalue.split('\n');
  const message = `${f.error.ename}: ${first}${more.length ? ` (+${more.length} more lines)` : ''}`;
  if (f.status === 'invalid') {
    console.error(`FAIL  ${file}: ${f.error.evalue}`);
    return;
  }
  if (f.cellIndex === null) {
    console.error(`FAIL  ${file}: the kernel did not start: ${message}`);
    return;
  }
  console.error(
    `FAIL  ${file}: cell ${f.cellIndex} (code cell ${f.codeCellNumber}) ${f.status}: ${message}\n      first line: ${f.firstLine}`,
  );
  // The kernel's own frames say nothing about the notebook.
  const frames = f.error.traceback.filter((l) => !/node_modules[\\/]tslab[\\/]|\(node:|^\s*at node:/.test(l));
  for (const line of frames.slice(0, 12)) console.error(`      | ${line}`);
}

function printTable(files: string[], runs: NotebookRun[], wallMs: number): void {
  const rows = runs.map((r, i) => [
    files[i],
    r.ok ? 'ok' : 'FAILED',
    `${r.cellsRun}/${r.codeCells}`,
    seconds(r.startupMs),
    seconds(r.durationMs),
  ]);
  const header = ['notebook', 'result', 'cells', 'start-up', 'time'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]): string =>
    row.map((cell, c) => (c >= 2 ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  console.log('');
  for (const row of all) console.log(line(row));
  const total = runs.reduce((s, r) => s + r.durationMs, 0);
  console.log(
    `${runs.filter((r) => r.ok).length}/${runs.length} notebooks ok; total ${seconds(total)}, wall clock ${seconds(wallMs)}`,
  );
}

function displayPath(p: string): string {
  const rel = path.relative(process.cwd(), p);
  return rel === '' ? '.' : rel.startsWith('..') ? p : rel;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
