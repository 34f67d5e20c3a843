import * as path from 'path';
import { projectRoot } from '../../lib/project';

/**
 * Point REPLEARN_DATA at the read-only shared copy beside the checkout (../shared/datasets) when it is unset,
 * as CI does; tests call this, the library never guesses a data directory.
 */
export function useSharedTestData(): string {
  if (!process.env.REPLEARN_DATA) process.env.REPLEARN_DATA = path.resolve(projectRoot(), '..', 'shared', 'datasets');
  return process.env.REPLEARN_DATA;
}

/** Run `body` with REPLEARN_DATA set to `value`, restoring it afterwards (also on failure). */
export async function withDataDirs<T>(value: string, body: () => T | Promise<T>): Promise<T> {
  const saved = process.env.REPLEARN_DATA;
  process.env.REPLEARN_DATA = value;
  try {
    return await body();
  } finally {
    if (saved === undefined) delete process.env.REPLEARN_DATA;
    else process.env.REPLEARN_DATA = saved;
  }
}
