import { initBackend, type BackendName } from '../lib/backend/select';
import { graphStepper } from './tfjs-graph-step';
import { tfjsStepper } from './tfjs-step';
import { loadWorkloads } from './workloads';

/** One engine × workload timing, as every engine runner prints it (one JSON object per line). */
export interface StepTiming {
  engine: string;
  workload: string;
  /** Mean wall-clock ms of one optimizer step. */
  msPerStep: number;
  /** Mean process CPU ms of one step (all threads). */
  cpuMsPerStep: number;
  steps: number;
}

/** Times `steps` steps of each workload on one tfjs backend, after `warmup` untimed ones. */
export async function timeTfjs(
  backend: BackendName,
  names: string[],
  steps: number,
  warmup: number,
  engine: string,
): Promise<StepTiming[]> {
  await initBackend({ prefer: backend, quiet: true });
  const workloads = loadWorkloads();
  const out: StepTiming[] = [];
  for (const name of names) {
    // REPLEARN_BENCH_STEPPER=graph: the graph trainer (lib/graph), one TensorFlow session run per step.
    const stepper =
      process.env.REPLEARN_BENCH_STEPPER === 'graph' ? graphStepper(workloads[name]) : tfjsStepper(workloads[name]);
    for (let i = 0; i < warmup; i++) stepper.run();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    for (let i = 0; i < steps; i++) stepper.run();
    const wall = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    stepper.dispose();
    out.push({
      engine,
      workload: name,
      msPerStep: wall / steps,
      cpuMsPerStep: (cpu.user + cpu.system) / 1000 / steps,
      steps,
    });
  }
  return out;
}

// As a child process: node dist/bench/tfjs-run.js BACKEND ENGINE STEPS WARMUP NAME...
if (require.main === module) {
  const [backend, engine, steps, warmup, ...names] = process.argv.slice(2);
  timeTfjs(backend as BackendName, names, Number(steps), Number(warmup), engine).then(
    (rows) => {
      for (const r of rows) console.log(JSON.stringify(r));
    },
    (err) => {
      console.error(err instanceof Error ? err.message : String(err));
      process.exitCode = 1;
    },
  );
}
