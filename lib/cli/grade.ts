import * as path from 'path';
import {
  DEFAULT_SANDBOX,
  gradeSubmissions,
  parseShard,
  ReferenceFailure,
  SandboxUnavailable,
  summaryTable,
} from '../grading';
import { NOTEBOOK_BATCH_FLAGS, commandArgs, positiveNumber, UsageError } from './args';
import { killKernelsOnSignal } from './interrupt';

const USAGE = `usage: replearn grade <autograder dir> <submission.ipynb | folder>... --out DIR [--jobs N] [--timeout S]
                     [--submission-timeout S] [--memory MB] [--allow-read DIR]... [--no-sandbox] [--no-file-sandbox]
                     [--shard K/N]
  Runs the autograder notebooks once for the expected values, then each submission on its own kernel
  with the instructor's tests put back, and writes DIR/gradebook.csv, DIR/gradebook.json and
  DIR/feedback/<student>/<notebook>.html. A file named like an assignment notebook belongs to the
  student its folder is named after (alice/03-x.ipynb); with one assignment, alice.ipynb is alice's.
  --jobs                submissions graded in parallel (default 1)
  --timeout             per-cell limit (default: 5 x the slowest reference cell, at least 60)
  --submission-timeout  per-submission limit (default: 4 x the reference run, at least 120)
  --memory              heap limit per kernel in MiB (default 2048; resident memory may reach twice that)
  --allow-read          another folder the kernels may read (data outside REPLEARN_DATA)
  --no-sandbox          UNSAFE, for trusted notebooks only: run kernels without the OS sandbox (bubblewrap)
  --no-file-sandbox     UNSAFE: run kernels without Node's permission model (see README)
  --shard K/N           grade only slice K of N (by a hash of student and notebook, whatever the file
                        order) into a partial gradebook; join the N folders with replearn gradebook merge`;

const OPTIONS = {
  ...NOTEBOOK_BATCH_FLAGS,
  'submission-timeout': { type: 'string' },
  memory: { type: 'string' },
  'allow-read': { type: 'string', multiple: true },
  'no-file-sandbox': { type: 'boolean' },
  shard: { type: 'string' },
  'no-sandbox': { type: 'boolean' },
} as const;

/** `replearn grade`: 0 when the batch was graded (whatever the scores), 1 when the autograder fails, 2 for usage. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  const [autograder, ...submissions] = positionals;
  if (!autograder || submissions.length === 0)
    throw new UsageError('name the autograder folder and at least one submission', USAGE);
  if (!values.out) throw new UsageError('--out DIR is required', USAGE);
  const seconds = (v: string | undefined, flag: string): number | undefined =>
    v === undefined ? undefined : positiveNumber(v, flag, 1, USAGE) * 1000;
  const shard = values.shard === undefined ? undefined : parseShard(values.shard);
  if (typeof shard === 'string') throw new UsageError(shard, USAGE);
  const removeSignalHandler = killKernelsOnSignal(['SIGINT']);
  try {
    const report = await gradeSubmissions(autograder, submissions, {
      outDir: path.resolve(values.out),
      jobs: positiveNumber(values.jobs, '--jobs', 1, USAGE, true),
      cellTimeoutMs: seconds(values.timeout, '--timeout'),
      submissionTimeoutMs: seconds(values['submission-timeout'], '--submission-timeout'),
      sandbox: {
        ...DEFAULT_SANDBOX,
        memoryMb: positiveNumber(values.memory, '--memory', DEFAULT_SANDBOX.memoryMb, USAGE, true),
        restrictFiles: !values['no-file-sandbox'],
        osSandbox: !values['no-sandbox'],
        readPaths: values['allow-read'] ?? [],
      },
      shard,
      log: (line) => console.log(line),
    });
    console.log(`\n${summaryTable(report.results)}\n`);
    console.log(`gradebook: ${report.gradebook.csv}, ${report.gradebook.json}`);
    console.log(`feedback:  ${path.join(path.resolve(values.out), 'feedback')} (${report.feedback.length} pages)`);
    console.log(`graded ${report.results.length} submissions in ${(report.durationMs / 1000).toFixed(1)} s`);
    return 0;
  } catch (e) {
    if (e instanceof SandboxUnavailable) {
      console.error(`replearn grade: ${e.message}`);
      return 1;
    }
    if (!(e instanceof ReferenceFailure)) throw e;
    console.error(`replearn grade: the autograder notebook fails its own tests, nothing graded.\n${e.message}`);
    return 1;
  } finally {
    removeSignalHandler();
  }
}
