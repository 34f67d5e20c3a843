import * as path from 'path';
import { KernelClient, startKernel } from '../client/client';
import { ExecuteResult, ExecuteStatus } from '../client/execute';
import { StartKernelOptions } from '../client/startup';
import { KernelError } from '../client/errors';
import { cellFirstLine, cellSource, Notebook, NotebookCell, NotebookFormatError, readNotebook } from './notebook-file';
import { DisplayDataOutput, ExecuteResultOutput } from '../client/outputs';

/** How to run a notebook. */
export interface RunNotebookOptions extends Omit<StartKernelOptions, 'name'> {
  /** Kernelspec name; default: the notebook's metadata.kernelspec.name, else 'replearn'. */
  kernelName?: string;
  /** Per-cell limit in ms; the cell is interrupted (then the kernel killed) past it. */
  cellTimeoutMs?: number;
  /** Called after each executed code cell (progress reports). */
  onCell?: (cellIndex: number, result: ExecuteResult) => void;
}

/** Where and why a run stopped. */
export interface CellFailure {
  /** Index in the notebook's cells (0-based); null when no cell ran (see status). */
  cellIndex: number | null;
  /** 1-based position among code cells; null when no cell ran. */
  codeCellNumber: number | null;
  firstLine: string;
  /** The cell's status; 'start' when the kernel did not start, 'invalid' when the file is not a notebook. */
  status: ExecuteStatus | 'start' | 'invalid';
  error: KernelError;
}

/** The outcome of one notebook run. */
export interface NotebookRun {
  /** A copy of the input with outputs and execution counts of every executed cell. */
  notebook: Notebook;
  ok: boolean;
  failure?: CellFailure;
  /** Code cells executed (including a failing one). */
  cellsRun: number;
  codeCells: number;
  /** Kernel start-up (spawn to kernel_info), ms. */
  startupMs: number;
  /** Whole run including start-up and shutdown, ms. */
  durationMs: number;
  /** Execution time of each executed code cell by cell index, ms. */
  cellTimesMs: Map<number, number>;
}

/** Tag that lets a cell fail without stopping the run (nbclient honours the same tag). */
export const RAISES_EXCEPTION_TAG = 'raises-exception';

/**
 * Reads `file` and runs it with the kernel working in the notebook's folder (as JupyterLab does).
 * A file that is not a notebook gives a failed run with status 'invalid' (and an empty notebook).
 */
export async function runNotebookFile(file: string, opts: RunNotebookOptions = {}): Promise<NotebookRun> {
  let nb: Notebook;
  try {
    nb = readNotebook(file);
  } catch (e) {
    if (!(e instanceof NotebookFormatError)) throw e;
    const error = { ename: e.name, evalue: e.message, traceback: [] };
    return {
      notebook: { nbformat: 4, nbformat_minor: 5, metadata: {}, cells: [] },
      ok: false,
      failure: { cellIndex: null, codeCellNumber: null, firstLine: '', status: 'invalid', error },
      cellsRun: 0,
      codeCells: 0,
      startupMs: 0,
      durationMs: 0,
      cellTimesMs: new Map(),
    };
  }
  return runNotebook(nb, { ...opts, cwd: opts.cwd ?? path.dirname(path.resolve(file)) });
}

/** Runs the code cells of `input` in order on a fresh kernel, stopping at the first failing cell. */
export async function runNotebook(input: Notebook, opts: RunNotebookOptions = {}): Promise<NotebookRun> {
  const started = Date.now();
  const nb = structuredClone(input);
  const codeCells = nb.cells.filter((c) => c.cell_type === 'code');
  for (const cell of codeCells) {
    cell.outputs = [];
    cell.execution_count = null;
  }
  const run: NotebookRun = {
    notebook: nb,
    ok: true,
    cellsRun: 0,
    codeCells: codeCells.length,
    startupMs: 0,
    durationMs: 0,
    cellTimesMs: new Map(),
  };
  let kernel: KernelClient;
  try {
    kernel = await startKernel({ ...opts, name: opts.kernelName ?? notebookKernelName(nb) });
  } catch (e) {
    const error = { ename: (e as Error).name, evalue: (e as Error).message, traceback: [] };
    return {
      ...run,
      ok: false,
      failure: { cellIndex: null, codeCellNumber: null, firstLine: '', status: 'start', error },
      durationMs: Date.now() - started,
    };
  }
  run.startupMs = kernel.startupMs;
  nb.metadata.language_info = kernel.info.language_info ?? nb.metadata.language_info;
  try {
    await executeCells(kernel, nb, run, opts);
  } finally {
    await kernel.shutdown();
  }
  run.durationMs = Date.now() - started;
  return run;
}

async function executeCells(
  kernel: KernelClient,
  nb: Notebook,
  run: NotebookRun,
  opts: RunNotebookOptions,
): Promise<void> {
  // display_id → outputs anywhere in the notebook, so a later cell can update an earlier display.
  const displays = new Map<string, (DisplayDataOutput | ExecuteResultOutput)[]>();
  let codeNumber = 0;
  for (const [index, cell] of nb.cells.entries()) {
    if (cell.cell_type !== 'code') continue;
    codeNumber++;
    const code = cellSource(cell);
    if (code.trim() === '') continue; // nbclient skips empty cells too
    const result = await kernel.execute(code, { timeoutMs: opts.cellTimeoutMs });
    run.cellsRun++;
    run.cellTimesMs.set(index, result.durationMs);
    cell.outputs = result.outputs;
    cell.execution_count = result.executionCount;
    for (const update of result.foreignUpdates) {
      for (const out of displays.get(update.displayId) ?? []) {
        out.data = update.data;
        out.metadata = update.metadata;
      }
    }
    for (const [id, outs] of result.displays) displays.set(id, [...(displays.get(id) ?? []), ...outs]);
    opts.onCell?.(index, result);
    if (result.status === 'ok') continue;
    if (result.status === 'error' && hasTag(cell, RAISES_EXCEPTION_TAG)) continue;
    run.ok = false;
    run.failure = {
      cellIndex: index,
      codeCellNumber: codeNumber,
      firstLine: cellFirstLine(cell),
      status: result.status,
      error: result.error!,
    };
    return;
  }
}

function notebookKernelName(nb: Notebook): string {
  const spec = nb.metadata.kernelspec;
  const name = spec && typeof spec === 'object' ? (spec as { name?: unknown }).name : undefined;
  return typeof name === 'string' && name !== '' ? name : 'replearn';
}

function hasTag(cell: NotebookCell, tag: string): boolean {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) && tags.includes(tag);
}
