// The missing-data cell guard, wrapped around tslab's executor by the replearn kernel (lib/jupyter/kernel/engine.ts). A cell that fails because a
// dataset is missing (lib/data's stand-in throws DatasetMissingError when touched) does not stop the lesson: it
// prints one line, "skipped: needs NAME", and reports success. The names it would have declared never reach later
// cells, so a later cell that uses one of them is skipped the same way instead of failing to compile; every other
// cell, exercises included, runs as usual. The same guard runs in graded kernels, where it also turns a refusal of
// Node's permission model into a line naming what was refused.
import { missingDatasetOf } from '../../data/missing-dataset';
import { declaredNames, usedNames } from './cell-names';

/** The part of tslab's executor the guard wraps. */
export interface CellExecutor {
  execute(source: string): Promise<boolean>;
}

/** The console tslab hands its executor: cell errors go to `error`. */
export interface ExecutorConsole {
  log(...args: unknown[]): void;
  error(...args: unknown[]): void;
}

/** tslab's createExecutor, or anything shaped like it. */
export type CreateExecutor<C, E extends CellExecutor> = (rootDir: string, convs: C, console: ExecutorConsole) => E;

/** One line for a skipped cell. */
export function skippedLine(dataset: string): string {
  return `skipped: needs ${dataset} (npx replearn data fetch ${dataset})`;
}

/** Node's permission model refused something: say what and why, not just "Access to this API has been restricted". */
export function accessDeniedLine(err: unknown): string | null {
  if (!(err instanceof Error) || (err as NodeJS.ErrnoException).code !== 'ERR_ACCESS_DENIED') return null;
  const { permission, resource } = err as Error & { permission?: string; resource?: string };
  const what = [permission ?? 'this API', resource ? `on ${resource}` : ''].filter(Boolean).join(' ');
  return (
    `Error: access refused by the grading sandbox (Node's permission model): ${what}. Graded kernels may read only ` +
    `the project's dist/, node_modules/ and datasets/ and the data folders, and may not write files, start processes ` +
    `or worker threads.`
  );
}

/** Wraps `create` so that every executor it makes runs cells under the missing-data guard. */
export function guardedCreateExecutor<C, E extends CellExecutor>(create: CreateExecutor<C, E>): CreateExecutor<C, E> {
  return (rootDir, convs, out) => {
    let missing: string | null = null;
    const console: ExecutorConsole = {
      log: (...args) => out.log(...args),
      error: (...args) => {
        const dataset = missingDatasetOf(args[0]);
        if (dataset !== null && missing === null) {
          missing = dataset;
          return;
        }
        const denied = accessDeniedLine(args[0]);
        // The kernel reports the Error itself (ename, traceback): only its message is made to say what was refused.
        if (denied && args[0] instanceof Error) args[0].message = denied.replace(/^Error: /, '');
        out.error(...args);
      },
    };
    const executor = create(rootDir, convs, console);
    const execute = executor.execute.bind(executor);
    // Names left undeclared by a skipped cell, and the dataset that is missing for each.
    const unavailable = new Map<string, string>();
    const skip = (source: string, dataset: string): true => {
      for (const name of declaredNames(source)) unavailable.set(name, dataset);
      // The cell's output, not its value: the executor's own `log` carries the last expression's value.
      globalThis.console.log(skippedLine(dataset));
      return true;
    };
    executor.execute = async (source) => {
      if (unavailable.size > 0) {
        const declared = declaredNames(source);
        const needed = [...usedNames(source)].find((n) => unavailable.has(n) && !declared.has(n));
        if (needed !== undefined) return skip(source, unavailable.get(needed)!);
      }
      missing = null;
      const ok = await execute(source);
      if (!ok && missing !== null) return skip(source, missing);
      if (ok && unavailable.size > 0) for (const name of declaredNames(source)) unavailable.delete(name);
      return ok;
    };
    return executor;
  };
}
