// `replearn bench`: lives beside the benchmarks it runs (the library never imports bench/); lib/cli/main.ts
// loads this file by path when the command is called.
import * as path from 'path';
import { commandArgs, positiveNumber, UsageError } from '../lib/cli/args';
import { projectRoot } from '../lib/project';
import { runBench } from './suite';

const USAGE = `usage: replearn bench [--quick] [--workloads a,b] [--engines wasm,pytorch,...] [--steps N] [--out DIR]
                     [--python PY] [--keras-python PY] [--threads N] [--no-training] [--lessons [NAME...]]
  Trains the lesson workloads (bench/workloads.json) for a fixed number of steps on every tfjs backend available and
  in PyTorch / Keras twins, prints ms per epoch, examples/s and the ratio to PyTorch, and writes JSON + a vega-lite
  chart (default artifacts/bench/). --quick: 3 steps each, no pure-JS cpu backend (about two minutes).
  Always: kernel start-up, first-cell and import latency. --lessons: also run every lesson (or those named) on the
  default backend, one at a time, and time each. --no-training: only the kernel and lesson timings.`;

/** \`replearn bench\`: time the lesson workloads on every engine here. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(
    args,
    {
      quick: { type: 'boolean' },
      workloads: { type: 'string' },
      engines: { type: 'string' },
      steps: { type: 'string' },
      out: { type: 'string' },
      python: { type: 'string' },
      'keras-python': { type: 'string' },
      threads: { type: 'string' },
      lessons: { type: 'boolean' },
      'no-training': { type: 'boolean' },
    },
    USAGE,
  );
  const list = (s?: string): string[] | undefined =>
    s
      ?.split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  if (positionals.length && !values.lessons)
    throw new UsageError(`unexpected arguments: ${positionals.join(' ')} (lesson names go after --lessons)`, USAGE);
  const named = list(positionals.join(','));
  const { rows, lessons, latency } = await runBench({
    training: !values['no-training'],
    lessons: values.lessons ? (named?.length ? named : true) : false,
    quick: Boolean(values.quick),
    workloads: list(values.workloads),
    engines: list(values.engines),
    steps: values.steps ? positiveNumber(values.steps, '--steps', 3, USAGE, true) : undefined,
    outDir: path.resolve(values.out ?? path.join(projectRoot(), 'artifacts/bench')),
    python: values.python,
    kerasPython: values['keras-python'],
    threads: positiveNumber(values.threads, '--threads', 1, USAGE, true),
  });
  if (lessons.some((l) => !l.ok)) return 1;
  return rows.length || lessons.length || latency.length ? 0 : 1;
}
