import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import type { StepTiming } from './tfjs-run';
import { WORKLOADS_FILE } from './workloads';

/** A training engine the benchmark can time: a tfjs backend, or a Python twin. */
export interface Engine {
  id: string;
  /** Why it cannot run here (null when it can). */
  unavailable: string | null;
  /** Times the named workloads; throws with the engine's own message when it fails. */
  time(names: string[], steps: number, warmup: number, timeoutS: number): StepTiming[];
}

const ROOT = path.join(__dirname, '../..');

function parse(
  engine: string,
  out: { status: number | null; stdout: string; stderr: string; error?: Error },
): StepTiming[] {
  if (out.error) throw new Error(`${engine}: ${out.error.message}`);
  const rows = out.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as StepTiming);
  if (out.status !== 0 && rows.length === 0) {
    throw new Error(
      `${engine}: ${
        out.stderr
          .trim()
          .split('\n')
          .filter((l) => l && !/^(I0000|WARNING: All log)/.test(l))
          .slice(-1)[0] ?? `exit ${out.status}`
      }`,
    );
  }
  return rows;
}

/** A tfjs backend, timed in a child node process (a clean engine, and the threaded wasm replaces the backend). */
export function tfjsEngine(id: string, backend: 'wasm' | 'cpu' | 'tensorflow', env: NodeJS.ProcessEnv = {}): Engine {
  const run = (names: string[], steps: number, warmup: number, timeoutS: number): StepTiming[] =>
    parse(
      id,
      spawnSync(
        process.execPath,
        [path.join(__dirname, 'tfjs-run.js'), backend, id, String(steps), String(warmup), ...names],
        { encoding: 'utf8', timeout: timeoutS * 1000, env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', ...env } },
      ),
    );
  let unavailable: string | null = null;
  if (backend === 'tensorflow') {
    const probe = spawnSync(process.execPath, ['-e', 'require("@tensorflow/tfjs-node")'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
    });
    if (probe.status !== 0) unavailable = 'tfjs-node does not load (npx replearn backend install-native)';
  }
  return { id, unavailable, time: run };
}

/** The first Python that can import every module named (null when none can). */
export function pythonWith(modules: string[], candidates: string[]): string | null {
  for (const py of candidates) {
    if (py.includes('/') && !fs.existsSync(py)) continue;
    const probe = spawnSync(py, ['-c', `import ${modules.join(', ')}`], {
      encoding: 'utf8',
      timeout: 120000,
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
    });
    if (probe.status === 0) return py;
  }
  return null;
}

/** A Python twin (bench/torch_twin.py or keras_twin.py) run by `python`, on `threads` threads. */
export function pythonEngine(
  id: string,
  script: string,
  python: string | null,
  threads: number,
  missing: string,
): Engine {
  return {
    id,
    unavailable: python ? null : missing,
    time: (names, steps, warmup, timeoutS) =>
      parse(
        id,
        spawnSync(
          python!,
          [path.join(ROOT, 'bench', script), WORKLOADS_FILE, String(steps), String(warmup), String(threads), ...names],
          {
            encoding: 'utf8',
            timeout: timeoutS * 1000,
            env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3', ...threadEnv(threads) },
          },
        ),
      ),
  };
}

/**
 * Caps every thread pool an engine may use at `threads`. torch.set_num_threads does not reach the OpenBLAS that
 * Debian's PyTorch multiplies with (it ran its matrix products on two threads as "1 thread"), and TensorFlow reads its
 * own variables.
 */
export function threadEnv(threads: number): NodeJS.ProcessEnv {
  const n = String(threads);
  return {
    OPENBLAS_NUM_THREADS: n,
    OMP_NUM_THREADS: n,
    MKL_NUM_THREADS: n,
    TF_NUM_INTRAOP_THREADS: n,
    TF_NUM_INTEROP_THREADS: '1',
  };
}

/** Python interpreters to look in: an explicit one, the bench's own (`npm run bench:peers`), the project's .venv, then the system's. */
export function pythonCandidates(explicit?: string): string[] {
  return [
    explicit,
    path.join(ROOT, '.venv-bench/bin/python'),
    path.join(ROOT, '.venv/bin/python'),
    'python3',
    '/usr/bin/python3',
  ].filter((p): p is string => Boolean(p));
}
