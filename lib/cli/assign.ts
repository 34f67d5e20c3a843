import * as path from 'path';
import { AssignError, assignNotebooks, DEFAULT_SANDBOX, SandboxUnavailable, writeGradescopeZip } from '../grading';
import { NOTEBOOK_BATCH_FLAGS, commandArgs, positiveNumber, UsageError } from './args';
import { killKernelsOnSignal } from './interrupt';

const USAGE = `usage: replearn assign <source.ipynb>... --out DIR [--jobs N] [--timeout SECONDS]
  Checks each instructor notebook (EXERCISE / TESTS markers), runs it on a graded kernel to prove it
  passes all its own tests, then writes DIR/student/<name>.ipynb (solutions replaced by a stub that
  throws, hidden tests removed, outputs cleared) and DIR/autograder/<name>.ipynb (everything kept).
  Nothing is written when any notebook fails.
  --jobs     notebooks verified in parallel (default 1)
  --timeout  per-cell limit while verifying (default 600)
  --gradescope OUT.zip  also write a Gradescope autograder (setup.sh, run_autograder, the autograder
             notebooks, the kit); upload it as a "Programming Assignment" autograder
  --gradescope-data NAME,...  datasets its setup.sh fetches (replearn data list)
  --no-sandbox  UNSAFE, for trusted notebooks only: verify without the OS sandbox (bubblewrap)`;

const OPTIONS = {
  ...NOTEBOOK_BATCH_FLAGS,
  gradescope: { type: 'string' },
  'gradescope-data': { type: 'string' },
  'no-sandbox': { type: 'boolean' },
} as const;

/** `replearn assign`: 0 when every notebook was written, 1 when any failed (nothing written), 2 for usage. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  if (positionals.length === 0) throw new UsageError('name at least one source notebook', USAGE);
  if (!values.out) throw new UsageError('--out DIR is required', USAGE);
  const removeSignalHandler = killKernelsOnSignal(['SIGINT']);
  try {
    const assigned = await assignNotebooks(positionals, {
      outDir: path.resolve(values.out),
      jobs: positiveNumber(values.jobs, '--jobs', 1, USAGE, true),
      cellTimeoutMs: positiveNumber(values.timeout, '--timeout', 600, USAGE) * 1000,
      sandbox: { ...DEFAULT_SANDBOX, osSandbox: !values['no-sandbox'] },
      log: (line) => console.log(line),
    });
    for (const a of assigned) {
      const total = a.exercises.reduce((s, e) => s + e.points, 0);
      console.log(
        `${path.basename(a.source)}: ${a.exercises.length} exercises, ${total} points ` +
          `(${a.exercises.map((e) => `${e.id}: ${e.tests} tests, ${e.hidden} hidden`).join('; ')}), verified in ${(a.verifyMs / 1000).toFixed(1)} s`,
      );
    }
    if (values.gradescope) {
      const datasets = (values['gradescope-data'] ?? '').split(',').filter((n) => n.trim() !== '');
      const zip = writeGradescopeZip(
        path.resolve(values.gradescope),
        assigned.map((a) => a.autograder),
        datasets.map((n) => n.trim()),
      );
      console.log(`gradescope: ${zip.file} (${zip.entries.length} files, ${(zip.bytes / 1e6).toFixed(1)} MB)`);
    }
    return 0;
  } catch (e) {
    if (e instanceof SandboxUnavailable) {
      console.error(`replearn assign: ${e.message}`);
      return 1;
    }
    if (!(e instanceof AssignError)) throw e;
    console.error(`replearn assign: nothing written.\n${e.message}`);
    return 1;
  } finally {
    removeSignalHandler();
  }
}
