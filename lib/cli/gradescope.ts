import * as path from 'path';
import { DEFAULT_SANDBOX, runGradescope } from '../grading';
import { commandArgs, positiveNumber, UsageError } from './args';
import { killKernelsOnSignal } from './interrupt';

const USAGE = `usage: replearn gradescope run [--root DIR] [--jobs N] [--memory MB]
  What run_autograder calls inside Gradescope's container (see replearn assign --gradescope): grades
  ROOT/submission/*.ipynb against ROOT/source/autograder/*.ipynb and writes ROOT/results/results.json
  (one Gradescope test per notebook test, hidden tests shown after publishing).
  --root    the /autograder tree (default /autograder)
  --jobs    notebooks graded in parallel (default 1)
  --memory  heap limit per kernel in MiB (default 2048)
  --no-sandbox  UNSAFE, for trusted notebooks only: grade without the OS sandbox (bubblewrap)`;

const OPTIONS = {
  root: { type: 'string' },
  jobs: { type: 'string' },
  memory: { type: 'string' },
  'no-sandbox': { type: 'boolean' },
} as const;

/** `replearn gradescope run`: 0 once results.json is written (whatever the score), 2 for usage. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  if (positionals[0] !== 'run' || positionals.length > 1) {
    throw new UsageError(
      positionals[0] && positionals[0] !== 'run' ? `unknown action "${positionals[0]}"` : 'usage: gradescope run',
      USAGE,
    );
  }
  const root = path.resolve(values.root ?? '/autograder');
  const removeSignalHandler = killKernelsOnSignal(['SIGINT', 'SIGTERM']);
  try {
    const results = await runGradescope({
      root,
      jobs: positiveNumber(values.jobs, '--jobs', 1, USAGE, true),
      sandbox: {
        ...DEFAULT_SANDBOX,
        memoryMb: positiveNumber(values.memory, '--memory', DEFAULT_SANDBOX.memoryMb, USAGE, true),
        osSandbox: !values['no-sandbox'],
      },
      log: (line) => console.log(line),
    });
    console.log(
      `results.json: ${results.score} points, ${results.tests.length} tests (${path.join(root, 'results', 'results.json')})`,
    );
    return 0;
  } finally {
    removeSignalHandler();
  }
}
