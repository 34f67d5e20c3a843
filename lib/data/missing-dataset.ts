// What a loader hands a notebook when its dataset cannot be had: a stand-in that fails with the dataset's
// DatasetMissingError the moment a cell touches it. lib/jupyter/kernel's missing-data cell guard turns that error into a
// one-line "skipped: needs NAME" and skips the cells that depend on it, so the rest of the lesson runs.
// Kept free of heavy imports: the kernel preload loads it before any lesson code.
import { DatasetMissingError } from './data-errors';

const GUARD_FLAG = Symbol.for('replearn.missing-data-cell-guard');
const announced = new Set<string>();

/** Called by the kernel's cell guard once it is installed: from then on loaders return stand-ins. */
export function markMissingDataGuardInstalled(): void {
  (globalThis as Record<symbol, unknown>)[GUARD_FLAG] = true;
}

/** True in a kernel whose cell guard turns DatasetMissingError into skipped cells. */
export function missingDataGuardInstalled(): boolean {
  return (globalThis as Record<symbol, unknown>)[GUARD_FLAG] === true;
}

/** The dataset a thrown value says is missing (a DatasetMissingError, also one from another copy of the library). */
export function missingDatasetOf(err: unknown): string | null {
  if (err instanceof DatasetMissingError) return err.dataset;
  if (err instanceof Error && err.name === 'DatasetMissingError') {
    const dataset = (err as Error & { dataset?: unknown }).dataset;
    return typeof dataset === 'string' ? dataset : null;
  }
  return null;
}

/**
 * A stand-in for a loader's result: prints the error's line once per dataset, then any use (a property, a call)
 * throws the same DatasetMissingError. `then` reads as undefined, so it can be awaited and returned from async code.
 */
export function missingDataset<T extends object>(err: DatasetMissingError): T {
  if (!announced.has(err.dataset)) {
    announced.add(err.dataset);
    console.log(err.message);
  }
  const fail = (): never => {
    throw err;
  };
  return new Proxy(
    function missing() {
      // Callable on purpose: the proxy's apply trap refuses calls with the dataset's message.
    },
    {
      get: (_target, key) => (key === 'then' || typeof key === 'symbol' ? undefined : fail()),
      set: fail,
      has: fail,
      apply: fail,
      construct: fail,
      ownKeys: fail,
    },
  ) as unknown as T;
}
