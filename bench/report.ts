import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { KernelLatency, LessonTiming } from './lessons';
import type { StepTiming } from './tfjs-run';
import { stepsPerEpoch, type Workload } from './workloads';

/** One cell of the result table. */
export interface BenchRow {
  workload: string;
  engine: string;
  msPerEpoch: number;
  cpuMsPerEpoch: number;
  examplesPerSecond: number;
  /** ms per epoch over PyTorch's for the same workload (wall clock), when PyTorch ran. */
  vsPytorch: number | null;
  /** The same on process CPU time (fairer on a loaded machine: it ignores time spent waiting for a core). */
  cpuVsPytorch: number | null;
  steps: number;
}

/** Where and when the numbers were taken. */
export interface BenchMachine {
  cpu: string;
  cores: number;
  loadAverageStart: number[];
  loadAverageEnd: number[];
  node: string;
  date: string;
}

/** Turns per-step timings into per-epoch rows with ratios to PyTorch. */
export function toRows(timings: StepTiming[], workloads: Record<string, Workload>): BenchRow[] {
  const torch = new Map(timings.filter((t) => t.engine.startsWith('pytorch')).map((t) => [t.workload, t]));
  return timings.map((t) => {
    const w = workloads[t.workload];
    const ref = torch.get(t.workload);
    return {
      workload: t.workload,
      engine: t.engine,
      steps: t.steps,
      msPerEpoch: t.msPerStep * stepsPerEpoch(w),
      cpuMsPerEpoch: t.cpuMsPerStep * stepsPerEpoch(w),
      examplesPerSecond: (w.batch * 1000) / t.msPerStep,
      vsPytorch: ref ? t.msPerStep / ref.msPerStep : null,
      cpuVsPytorch: ref ? t.cpuMsPerStep / ref.cpuMsPerStep : null,
    };
  });
}

/** The machine description stored with the results. */
export function machine(loadStart: number[]): BenchMachine {
  return {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    loadAverageStart: loadStart,
    loadAverageEnd: os.loadavg(),
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** The table as text, one line per workload × engine. */
export function formatTable(rows: BenchRow[]): string {
  const ratio = (r: number | null): string => (r === null ? '—' : `${r.toFixed(2)}×`);
  const head = ['workload', 'engine', 'ms/epoch', 'cpu ms/epoch', 'examples/s', '× PyTorch', '× PyTorch (cpu)'];
  const body = rows.map((r) => [
    r.workload,
    r.engine,
    r.msPerEpoch.toFixed(0),
    r.cpuMsPerEpoch.toFixed(0),
    r.examplesPerSecond.toFixed(0),
    ratio(r.vsPytorch),
    ratio(r.cpuVsPytorch),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  return [head, ...body]
    .map((cells) => cells.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
    .join('\n');
}

/** A vega-lite v5 chart of CPU ms per epoch, engines side by side per workload (log scale: they differ 100×). */
export function chartSpec(rows: BenchRow[], title: string): Record<string, unknown> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    data: {
      values: rows.map((r) => ({
        workload: r.workload,
        engine: r.engine,
        cpuMsPerEpoch: Math.round(r.cpuMsPerEpoch),
        msPerEpoch: Math.round(r.msPerEpoch),
      })),
    },
    mark: 'bar',
    encoding: {
      x: { field: 'workload', type: 'nominal', title: null },
      xOffset: { field: 'engine', type: 'nominal' },
      y: { field: 'cpuMsPerEpoch', type: 'quantitative', scale: { type: 'log' }, title: 'CPU ms per epoch (log)' },
      color: { field: 'engine', type: 'nominal' },
      tooltip: [{ field: 'engine' }, { field: 'workload' }, { field: 'cpuMsPerEpoch' }, { field: 'msPerEpoch' }],
    },
    width: 520,
  };
}

/** Writes results JSON (timestamped and latest.json) and the chart into `dir`; returns the paths written. */
export function writeResults(
  dir: string,
  result: {
    machine: BenchMachine;
    rows: BenchRow[];
    skipped: Record<string, string>;
    lessons?: LessonTiming[];
    latency?: KernelLatency[];
  },
): string[] {
  fs.mkdirSync(dir, { recursive: true });
  const stamp = result.machine.date.replace(/[:.]/g, '-');
  const json = JSON.stringify(result, null, 2);
  const files = [path.join(dir, `bench-${stamp}.json`), path.join(dir, 'latest.json'), path.join(dir, 'bench.vl.json')];
  fs.writeFileSync(files[0], json);
  fs.writeFileSync(files[1], json);
  const title = `replearn bench — ${result.machine.cpu}, ${result.machine.cores} cores, ${result.machine.date.slice(0, 10)}`;
  fs.writeFileSync(files[2], JSON.stringify(chartSpec(result.rows, title), null, 2));
  return files;
}
