import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../project';
import { DatasetMissingError } from '../data-errors';
import { systemDataEnabled } from './data-settings';
import { lastFetchFailure } from './fetch-failures';
import { findDataset } from '../registry';

/** Where downloads go: <project>/datasets/cache, or REPLEARN_CACHE (tests point it at a temporary folder). */
export function cacheDir(): string {
  const override = process.env.REPLEARN_CACHE;
  return override ? path.resolve(projectRoot(), override) : path.join(projectRoot(), 'datasets', 'cache');
}

/**
 * The data directories, searched in order: each entry of REPLEARN_DATA (split on path.delimiter;
 * relative entries are taken from the project root, so notebooks and tests agree), then the cache.
 */
export function dataDirs(): string[] {
  const fromEnv = (process.env.REPLEARN_DATA ?? '')
    .split(path.delimiter)
    .map((d) => d.trim())
    .filter((d) => d.length > 0)
    .map((d) => path.resolve(projectRoot(), d));
  return [...new Set([...fromEnv, cacheDir()])];
}

/** The system folders the registry names for a dataset (`alsoIn`), or none when REPLEARN_SYSTEM_DATA=0. */
export function systemDataDirs(alsoIn: string[] | undefined): string[] {
  return systemDataEnabled() ? (alsoIn ?? []) : [];
}

/** The folders that may hold `dataset`: <data dir>/<its dir> for each data directory, then its registry `alsoIn` folders. */
export function datasetFolders(dataset: string): string[] {
  const entry = findDataset(dataset);
  const dir = entry?.dir ?? dataset;
  return [...dataDirs(), ...systemDataDirs(entry?.alsoIn)].map((root) => path.join(root, dir));
}

/** Absolute path of `relPath` (a file or folder) of `dataset` in the first folder holding it; throws a one-line DatasetMissingError. */
export function findDataFile(dataset: string, relPath: string): string {
  const folders = datasetFolders(dataset);
  for (const folder of folders) {
    const candidate = path.join(folder, relPath);
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new DatasetMissingError(dataset, relPath, folders, lastFetchFailure(dataset));
}
