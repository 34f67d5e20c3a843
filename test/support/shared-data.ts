import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';

/**
 * Point REPLEARN_DATA at the read-only shared copy beside the checkout (../shared/datasets) when it is unset,
 * as CI does; tests call this, the library never guesses a data directory.
 */
export function useSharedTestData(): string {
  const beside = path.resolve(projectRoot(), '..', 'shared', 'datasets');
  // Only where it exists: a machine without the course's data runs the suite with what it has (tests then pend).
  if (!process.env.REPLEARN_DATA && fs.existsSync(beside)) process.env.REPLEARN_DATA = beside;
  return process.env.REPLEARN_DATA ?? '';
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
