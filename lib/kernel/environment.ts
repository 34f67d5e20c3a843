import * as path from 'path';

/** Variables that hold a path.delimiter-separated list of folders (relative entries mean: relative to our cwd). */
const PATH_LIST_VARIABLES = ['REPLEARN_DATA'];

/**
 * Environment overrides for a kernel that works in another folder: each relative entry of REPLEARN_DATA
 * made absolute against `base` (CI sets REPLEARN_DATA=../shared/datasets from the project root, while a
 * notebook's kernel runs in notebooks/).
 */
export function kernelPathEnv(env: NodeJS.ProcessEnv = process.env, base: string = process.cwd()): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of PATH_LIST_VARIABLES) {
    const value = env[name];
    if (value === undefined || value === '') continue;
    out[name] = value
      .split(path.delimiter)
      .map((entry) => (entry === '' ? entry : path.resolve(base, entry)))
      .join(path.delimiter);
  }
  return out;
}
