import * as path from 'path';
import { HelpRequest, UsageError } from './args';

/** A sub-command: lib/cli/<name>.ts exports `run(args)`, which returns (or resolves to) the exit code. */
export interface Command {
  run(args: string[]): number | Promise<number>;
}

/** Sub-commands by name, each loaded only when called. Adding one is one line here plus lib/cli/<name>.ts. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<Command> }> = {
  run: { summary: 'execute notebooks headlessly on the replearn kernel', load: () => import('./run') },
  assign: {
    summary: 'write student + autograder notebooks from instructor sources (verified first)',
    load: () => import('./assign'),
  },
  grade: {
    summary: 'grade submissions safely: gradebook CSV/JSON, HTML feedback, summary',
    load: () => import('./grade'),
  },
  gradebook: {
    summary: 'merge the partial gradebooks of sharded grading (grade --shard K/N) into one',
    load: () => import('./gradebook'),
  },
  gradescope: {
    summary: 'grade inside a Gradescope autograder (run_autograder calls it; see assign --gradescope)',
    load: () => import('./gradescope'),
  },
  hub: {
    summary: 'register this kit with every user of a Jupyter server (kernelspec, command)',
    load: () => import('./hub'),
  },
  lessons: {
    summary: "copy the lessons into a folder of your own that imports the shared kit (a hub user's copy)",
    load: () => import('./lessons'),
  },
  data: {
    summary: 'list, fetch (with checksum) and verify the datasets of datasets/registry.json',
    load: () => import('./data'),
  },
  backend: {
    summary: 'which tfjs backend runs; install-native builds tfjs-node against TensorFlow; check compares ops',
    load: () => import('./backend'),
  },
  bench: {
    summary: 'time the lesson workloads on every tfjs backend and in PyTorch / Keras twins; JSON + chart',
    load: () => loadByPath(path.join(__dirname, '..', '..', 'bench', 'cli')),
  },
};

/**
 * A command that lives outside lib/ (the benchmarks under bench/): required by its path at run time, so the
 * library has no import of it and works where bench/ is absent.
 */
function loadByPath(file: string): Promise<Command> {
  return Promise.resolve().then(() => require(file) as Command);
}

/** Entry point of the `replearn` command: picks the sub-command and hands over; usage errors exit 2. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    console.error(`replearn: name a command\n${usage()}`);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    console.log(usage());
    return 0;
  }
  const entry = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!entry) {
    console.error(`replearn: unknown command "${name}"\n${usage()}`);
    return 2;
  }
  const command = await entry.load();
  try {
    return await command.run(rest);
  } catch (e) {
    if (e instanceof HelpRequest) {
      console.log(e.usage);
      return 0;
    }
    if (!(e instanceof UsageError)) throw e;
    console.error(`replearn ${name}: ${e.message}\n${e.usage}`);
    return 2;
  }
}

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([n, c]) => `  ${n.padEnd(width)}  ${c.summary}`);
  return [
    'usage: replearn <command> [arguments]   (replearn <command> --help for its options)',
    'commands:',
    ...lines,
  ].join('\n');
}
