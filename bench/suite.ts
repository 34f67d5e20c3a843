import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../lib/project';
import { pythonCandidates, pythonEngine, pythonWith, tfjsEngine, threadEnv, type Engine } from './engines';
import { formatLessons, timeKernelLatency, timeLessons, type KernelLatency, type LessonTiming } from './lessons';
import { formatTable, machine, toRows, writeResults, type BenchRow } from './report';
import type { StepTiming } from './tfjs-run';
import { loadWorkloads } from './workloads';

/** Options of {@link runBench}. */
export interface BenchOptions {
  quick: boolean;
  workloads?: string[];
  engines?: string[];
  steps?: number;
  outDir: string;
  python?: string;
  kerasPython?: string;
  /** Threads for the Python twins (default 1, like single-threaded wasm). */
  threads?: number;
  /** Time the training workloads (default true). */
  training?: boolean;
  /** Also run the lessons (every notebook, or those whose names contain one of these) and time each. */
  lessons?: boolean | string[];
  /** Kernel start-up and first-cell latency (default true; a few seconds). */
  kernel?: boolean;
  log?: (line: string) => void;
}

/** Everything one bench run measured. */
export interface BenchResult {
  rows: BenchRow[];
  files: string[];
  skipped: Record<string, string>;
  lessons: LessonTiming[];
  latency: KernelLatency[];
}

/** Every engine this machine might have; --quick leaves out the pure-JS cpu backend (minutes per conv epoch). */
export function allEngines(options: BenchOptions): Engine[] {
  const threads = options.threads ?? 1;
  const torch = pythonWith(['torch'], pythonCandidates(options.python));
  const keras = pythonWith(
    ['keras', 'tensorflow'],
    pythonCandidates(options.kerasPython ?? process.env.REPLEARN_KERAS_PYTHON),
  );
  return [
    tfjsEngine('tfjs-node', 'tensorflow', threadEnv(threads)), // like the twins: one thread unless --threads
    tfjsEngine('tfjs-node graph', 'tensorflow', { ...threadEnv(threads), REPLEARN_BENCH_STEPPER: 'graph' }),
    tfjsEngine('tfjs wasm', 'wasm'),
    tfjsEngine('tfjs wasm 2 threads', 'wasm', { REPLEARN_WASM_THREADS: '2' }),
    tfjsEngine('tfjs cpu', 'cpu'),
    pythonEngine('pytorch', 'torch_twin.py', torch, threads, 'no Python with torch (npm run bench:peers makes one)'),
    pythonEngine(
      'keras',
      'keras_twin.py',
      keras,
      threads,
      'no Python with keras + tensorflow (npm run bench:peers makes one; or set REPLEARN_KERAS_PYTHON)',
    ),
  ];
}

function wanted(engine: Engine, options: BenchOptions): boolean {
  if (options.engines) return options.engines.some((e) => engine.id.includes(e));
  if (engine.id === 'tfjs cpu') return !options.quick;
  // Threads only help with cores to spare (tfjs also caps its pool at half the logical cores).
  if (engine.id === 'tfjs wasm 2 threads') return os.cpus().length >= 4;
  return true;
}

/** Times every workload on every available engine, prints the table and writes JSON + a vega-lite chart. */
export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? ((line: string) => console.log(line));
  const loadStart = os.loadavg();
  const workloads = loadWorkloads();
  const names = options.workloads ?? Object.keys(workloads);
  for (const n of names)
    if (!workloads[n]) throw new Error(`unknown workload "${n}" (have: ${Object.keys(workloads).join(', ')})`);
  const steps = options.steps ?? (options.quick ? 3 : 10);
  const warmup = options.quick ? 1 : 2;
  const timings: StepTiming[] = [];
  const skipped: Record<string, string> = {};
  const engines = options.training === false ? [] : allEngines(options).filter((e) => wanted(e, options));
  for (const engine of engines) {
    if (engine.unavailable) {
      skipped[engine.id] = engine.unavailable;
      log(`${engine.id}: skipped — ${engine.unavailable}`);
      continue;
    }
    // The pure-JS cpu backend needs about a minute per conv step: one step each keeps a full run in minutes.
    const n = engine.id === 'tfjs cpu' ? 1 : steps;
    const t0 = Date.now();
    try {
      const rows = engine.time(names, n, engine.id === 'tfjs cpu' ? 0 : warmup, options.quick ? 120 : 900);
      timings.push(...rows);
      log(`${engine.id}: ${rows.length} workloads in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
    } catch (err) {
      skipped[engine.id] = err instanceof Error ? err.message : String(err);
      log(`${engine.id}: failed — ${skipped[engine.id]}`);
    }
  }
  const rows = toRows(timings, workloads).sort((a, b) => names.indexOf(a.workload) - names.indexOf(b.workload));
  const notebooks = path.join(projectRoot(), 'notebooks');
  const latency = options.kernel === false ? [] : await timeKernelLatency(notebooks);
  const lessons = options.lessons
    ? await timeLessons(notebooks, log, Array.isArray(options.lessons) ? options.lessons : undefined)
    : [];
  log('');
  if (rows.length) log(formatTable(rows));
  if (latency.length || lessons.length) log(`${rows.length ? '\n' : ''}${formatLessons(lessons, latency)}`);
  const files = writeResults(options.outDir, { machine: machine(loadStart), rows, skipped, lessons, latency });
  log(`\nwritten: ${files.join(', ')}`);
  return { rows, files, skipped, lessons, latency };
}
