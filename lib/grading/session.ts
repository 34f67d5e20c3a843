// Runs a planned notebook on grading kernels and collects the records. A cell that runs past its time
// (or past the submission's), exhausts memory or kills the kernel costs only its own exercise: the
// kernel is replaced, the cells that ran before are replayed (except that exercise's), and the run
// goes on. Cell failures never stop it - each exercise is graded on its own.
import { ExecuteResult, KernelError } from '../jupyter/runner';
import { GradingRecord, RECORDER_GLOBAL } from '../exercises/record-line';
import { TestsMessage } from '../exercises/recorder';
import { GradingKernel, SandboxOptions, startGradingKernel } from './sandbox';

/** What a planned cell is for. */
export type CellRole = 'answer' | 'tests' | 'other';

/** One cell to run. */
export interface PlannedCell {
  role: CellRole;
  exercise?: string;
  /** What the kernel executes. */
  code: string;
  /** For tests cells: the compiled instructor tests, sent on the private channel just before. */
  tests?: TestsMessage;
  /** Names the cell in messages ("cell 7"). */
  label: string;
  /** The instructor tagged it "raises-exception": its error is expected. */
  allowError?: boolean;
}

/** An exercise that ended its kernel, ran out of time, or never got to run. */
export type FatalStatus = 'timeout' | 'out of memory' | 'crashed';

/** How one planned cell went ('not run': the submission's time was up, or the kernel could not be replaced). */
export interface CellRun {
  status: ExecuteResult['status'] | 'not run';
  error?: KernelError;
  ms: number;
}

/** Limits of one session. */
export interface SessionOptions {
  sandbox: SandboxOptions;
  cellTimeoutMs: number;
  totalTimeoutMs: number;
  /** Fresh kernels after a fatal cell (default 3). */
  maxRestarts?: number;
  /** Load tfjs and lock tf.Tensor.prototype before the notebook runs. */
  tensors: boolean;
}

/** Everything a session produced. */
export interface SessionResult {
  records: GradingRecord[];
  cells: CellRun[];
  fatal: Map<string, { status: FatalStatus; message: string }>;
  rejectedLines: number;
  rejectedReasons: string[];
  restarts: number;
  durationMs: number;
  /** Problems not tied to an exercise (a kernel that would not start...). */
  notes: string[];
}

/**
 * Reaches the recorder through a number literal's (frozen) intrinsic prototype chain: no cell can shadow
 * it. (Not `await (...)`: tslab compiles a parenthesis after a top-level await as a call.)
 */
const RECORDER = `0..constructor.constructor("return this")().${RECORDER_GLOBAL}`;
/** The first cell of every graded kernel (`tensors`: the notebook's tests use tfjs). */
export function lockdownCell(tensors: boolean): string {
  return `${RECORDER}.lockdown({ tensors: ${tensors} });`;
}
/** What a tests cell becomes in a graded kernel: the tests themselves come over the channel. */
export const RUN_TESTS_CELL = `await ${RECORDER}.runTests();`;

const MAX_NOTES = 30;

/** Runs `plan` and returns the records of every kernel it took. */
export async function runSession(plan: PlannedCell[], opts: SessionOptions): Promise<SessionResult> {
  const started = Date.now();
  const deadline = started + opts.totalTimeoutMs;
  const result: SessionResult = {
    records: [],
    cells: plan.map(() => ({ status: 'not run', ms: 0 })),
    fatal: new Map(),
    rejectedLines: 0,
    rejectedReasons: [],
    restarts: 0,
    durationMs: 0,
    notes: [],
  };
  const maxRestarts = opts.maxRestarts ?? 3;
  let kernel: GradingKernel | null = null;

  const retire = async (): Promise<void> => {
    if (!kernel) return;
    await kernel.dispose();
    result.records.push(...kernel.channel.records);
    result.rejectedLines += kernel.channel.rejectedCount();
    result.rejectedReasons.push(...kernel.channel.rejected);
    kernel = null;
  };
  const fail = (exercise: string | undefined, status: FatalStatus, message: string): void => {
    if (exercise && !result.fatal.has(exercise)) result.fatal.set(exercise, { status, message });
    // A cell of no exercise still costs the submission time or a kernel: say so.
    if (!exercise && result.notes.length < MAX_NOTES) result.notes.push(`${message} (${status}; not an exercise cell)`);
  };
  /** Fresh kernels until one starts, within the restarts allowed. */
  const replace = async (upTo: number): Promise<GradingKernel | null> => {
    while (result.restarts < maxRestarts && Date.now() < deadline) {
      result.restarts++;
      const fresh = await boot(result, opts);
      if (!fresh) continue;
      await replay(fresh, plan, upTo, result, deadline, opts);
      if (fresh.client.isAlive()) return fresh;
      kernel = fresh;
      await retire();
    }
    return null;
  };

  try {
    kernel = (await boot(result, opts)) ?? (await replace(0));
    for (let i = 0; i < plan.length; i++) {
      const cell = plan[i];
      const remaining = deadline - Date.now();
      if (remaining <= 0 || !kernel) {
        const why =
          remaining <= 0
            ? `the submission ran past its ${seconds(opts.totalTimeoutMs)} limit`
            : result.restarts >= maxRestarts
              ? `the kernel ended ${result.restarts + 1} times: the rest was not graded`
              : 'no kernel could be started to go on';
        for (const rest of plan.slice(i)) fail(rest.exercise, remaining <= 0 ? 'timeout' : 'crashed', why);
        break;
      }
      // An exercise that already timed out or crashed scores 0: running its tests would only cost time.
      if (cell.role === 'tests' && cell.exercise && result.fatal.has(cell.exercise)) {
        if (result.notes.length < MAX_NOTES)
          result.notes.push(
            `${cell.label} (the tests of ${cell.exercise}) was skipped: the exercise had already ended`,
          );
        continue;
      }
      const cellLimit = Math.min(opts.cellTimeoutMs, remaining);
      if (cell.tests) kernel.channel.send(cell.tests);
      const run = await kernel.client.execute(cell.code, { timeoutMs: cellLimit, interruptGraceMs: 3000 });
      result.cells[i] = { status: run.status, error: run.error, ms: run.durationMs };
      if (run.status === 'timeout') {
        const why =
          cellLimit < opts.cellTimeoutMs
            ? `${cell.label} was still running when the submission reached its ${seconds(opts.totalTimeoutMs)} limit`
            : `${cell.label} ran past the ${seconds(opts.cellTimeoutMs)} limit per cell`;
        fail(cell.exercise, run.exit?.outOfMemory ? 'out of memory' : 'timeout', why);
      } else if (run.status === 'dead') {
        const oom = run.exit?.outOfMemory === true;
        fail(
          cell.exercise,
          oom ? 'out of memory' : 'crashed',
          oom
            ? `${cell.label} ran out of memory`
            : `${cell.label} ended the kernel (${run.error?.evalue ?? 'it died'})`,
        );
      }
      if (kernel.client.isAlive()) continue;
      await retire();
      kernel = await replace(i);
    }
  } finally {
    await retire();
  }
  result.durationMs = Date.now() - started;
  return result;
}

/** A fresh kernel, locked down; null (with a note) when it would not start. */
async function boot(result: SessionResult, opts: SessionOptions): Promise<GradingKernel | null> {
  let kernel: GradingKernel;
  try {
    kernel = await startGradingKernel(opts.sandbox);
  } catch (e) {
    result.notes.push(`the grading kernel did not start: ${(e as Error).message.split('\n')[0]}`);
    return null;
  }
  const locked = await kernel.client.execute(lockdownCell(opts.tensors), { timeoutMs: 120_000 });
  if (locked.status !== 'ok') {
    result.notes.push(`the grading kernel could not be locked down: ${locked.error?.evalue ?? locked.status}`);
    await kernel.dispose();
    return null;
  }
  return kernel;
}

/** Runs again, on a fresh kernel, the cells before `upTo` that built state (not tests, not failed exercises). */
async function replay(
  kernel: GradingKernel,
  plan: PlannedCell[],
  upTo: number,
  result: SessionResult,
  deadline: number,
  opts: SessionOptions,
): Promise<void> {
  for (let j = 0; j < upTo; j++) {
    const cell = plan[j];
    const before = result.cells[j].status;
    if (cell.role === 'tests' || (before !== 'ok' && before !== 'error')) continue;
    if (cell.exercise && result.fatal.has(cell.exercise)) continue;
    const remaining = deadline - Date.now();
    if (remaining <= 0) return;
    const run = await kernel.client.execute(cell.code, {
      timeoutMs: Math.min(opts.cellTimeoutMs, remaining),
      interruptGraceMs: 3000,
    });
    if (run.status === 'timeout' || run.status === 'dead') {
      result.notes.push(`replaying ${cell.label} on a fresh kernel failed (${run.status})`);
      if (!kernel.client.isAlive()) return;
    }
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
