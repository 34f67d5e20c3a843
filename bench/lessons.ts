import * as fs from 'fs';
import * as path from 'path';
import { codeCell, replearnNotebook, runNotebook, runNotebookFile, type NotebookRun } from '../lib/jupyter/runner';

/** One lesson run top to bottom on a fresh kernel, as `replearn run` does it. */
export interface LessonTiming {
  notebook: string;
  ok: boolean;
  /** Whole run: kernel start, every cell, shutdown. */
  seconds: number;
  startupSeconds: number;
  cells: number;
  /** The backend the lesson's own `initBackend()` line named ('?' when it printed none). */
  backend: string;
  /** First failing cell's error, when not ok. */
  failure?: string;
}

/** Kernel start-up (spawn to kernel_info reply) and the first trivial cell, ms. */
export interface KernelLatency {
  startupMs: number;
  firstCellMs: number;
  /** Importing the library and initialising the backend, the first line of every lesson. */
  importMs: number;
}

const PROBE = replearnNotebook([
  codeCell('1 + 1'),
  codeCell("import * as rl from 'replearn';\nawait rl.initBackend({ quiet: true });"),
]);

/** Starts the replearn kernel `repeats` times and times start-up, a trivial cell, and the library import. */
export async function timeKernelLatency(cwd: string, repeats = 3): Promise<KernelLatency[]> {
  const out: KernelLatency[] = [];
  for (let i = 0; i < repeats; i++) {
    const run = await runNotebook(PROBE, { cwd, cellTimeoutMs: 120000 });
    if (!run.ok)
      throw new Error(`kernel probe failed: ${run.failure?.error.ename}: ${run.failure?.error.evalue.split('\n')[0]}`);
    out.push({
      startupMs: run.startupMs,
      firstCellMs: run.cellTimesMs.get(0) ?? NaN,
      importMs: run.cellTimesMs.get(1) ?? NaN,
    });
  }
  return out;
}

/** The backend named by the "replearn backend: NAME (…)" line a lesson printed. */
export function backendOf(run: NotebookRun): string {
  for (const cell of run.notebook.cells) {
    for (const output of cell.outputs ?? []) {
      const text = 'text' in output ? output.text : undefined;
      const joined = Array.isArray(text) ? text.join('') : typeof text === 'string' ? text : '';
      const m = /replearn backend: ([\w-]+(?:, \d+ threads)?)/.exec(joined);
      if (m) return m[1];
    }
  }
  return '?';
}

/** Runs every notebook in `dir` one after another (one at a time: times are not shared with a neighbour). */
export async function timeLessons(dir: string, log: (line: string) => void, only?: string[]): Promise<LessonTiming[]> {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.ipynb'))
    .sort()
    .filter((f) => !only || only.some((o) => f.includes(o)));
  const out: LessonTiming[] = [];
  for (const file of files) {
    const run = await runNotebookFile(path.join(dir, file), { cellTimeoutMs: 600000 });
    const timing: LessonTiming = {
      notebook: file.replace(/\.ipynb$/, ''),
      ok: run.ok,
      seconds: run.durationMs / 1000,
      startupSeconds: run.startupMs / 1000,
      cells: run.cellsRun,
      backend: backendOf(run),
      ...(run.ok
        ? {}
        : {
            failure: `cell ${run.failure?.cellIndex}: ${run.failure?.error.ename}: ${run.failure?.error.evalue.split('\n')[0]}`,
          }),
    };
    log(
      `${timing.notebook}: ${timing.ok ? 'ok' : 'FAILED'} in ${timing.seconds.toFixed(1)} s on ${timing.backend}${timing.failure ? ` — ${timing.failure}` : ''}`,
    );
    out.push(timing);
  }
  return out;
}

/** Lesson times and kernel latency as text. */
export function formatLessons(lessons: LessonTiming[], latency: KernelLatency[]): string {
  const lines: string[] = [];
  if (latency.length) {
    const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    lines.push(
      `kernel start-up ${median(latency.map((l) => l.startupMs)).toFixed(0)} ms, first cell ${median(latency.map((l) => l.firstCellMs)).toFixed(0)} ms, ` +
        `import replearn + initBackend ${median(latency.map((l) => l.importMs)).toFixed(0)} ms (median of ${latency.length})`,
    );
  }
  if (lessons.length) {
    const w = Math.max(8, ...lessons.map((l) => l.notebook.length));
    lines.push(`${'lesson'.padEnd(w)}  result  backend     cells  start-up     time`);
    for (const l of lessons) {
      lines.push(
        `${l.notebook.padEnd(w)}  ${(l.ok ? 'ok' : 'FAILED').padEnd(6)}  ${l.backend.padEnd(10)}  ${String(l.cells).padStart(5)}  ` +
          `${l.startupSeconds.toFixed(1).padStart(6)} s  ${l.seconds.toFixed(1).padStart(5)} s`,
      );
    }
    const slowest = lessons.reduce((a, b) => (b.seconds > a.seconds ? b : a));
    lines.push(
      `${lessons.filter((l) => l.ok).length}/${lessons.length} ran through; total ${lessons.reduce((s, l) => s + l.seconds, 0).toFixed(0)} s; ` +
        `slowest ${slowest.notebook} ${slowest.seconds.toFixed(0)} s (goal: each under 300 s)`,
    );
  }
  return lines.join('\n');
}
