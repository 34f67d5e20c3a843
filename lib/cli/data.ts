import * as path from 'path';
import {
  allDatasetStatus,
  datasetEntry,
  datasetRegistry,
  dataDirs,
  downloadBytes,
  fetchDataset,
  lessonDatasets,
  prefetchDataset,
  unpackedBytes,
  verifyDataset,
  type PrefetchOutcome,
} from '../data';
import { commandArgs, UsageError } from './args';
import { transferPrinter } from '../data/transfer-bar';

const USAGE = `usage: replearn data <list | size | fetch NAME... | prefetch | verify NAME...> [--cache DIR]
  list      each dataset of datasets/registry.json: found locally or not, and where
  size      what a first download of every dataset transfers and takes on disk (from the registry)
  fetch     download into datasets/cache with a progress bar, verifying each sha256 ("all": every dataset)
  prefetch  (npm install) fetch every dataset the lessons use that is not found; one line each; never fails
  verify    check local copies against the registry's checksums (files: sha256; folders: listing checksum)
  --cache   (fetch) save into DIR instead of datasets/cache
Data directories, searched in order: REPLEARN_DATA (${path.delimiter}-separated), then datasets/cache, then system
folders such as /usr/share/datasets (REPLEARN_SYSTEM_DATA=0: not those). REPLEARN_FETCH=0: never download;
REPLEARN_DATA_MIRROR=URL: download from URL/<dataset dir>/<file> instead of the registry's URLs.`;

const OPTIONS = { cache: { type: 'string' } } as const;

function names(positionals: string[]): string[] {
  if (positionals.length === 0) throw new UsageError('name at least one dataset (or "all")', USAGE);
  const list = positionals.includes('all') ? datasetRegistry().map((d) => d.name) : positionals;
  for (const n of list) datasetEntry(n); // unknown names fail before any download
  return list;
}

function list(): number {
  console.log(`data directories: ${dataDirs().join(', ')}`);
  for (const s of allDatasetStatus()) {
    const where = s.locations.join(', ') || '-';
    const state = s.complete ? 'found  ' : s.found.length ? 'partial' : 'missing';
    const extra = !s.complete && s.fallback ? `  (fallback: ${s.fallback})` : '';
    const lacking = s.missing.length && s.found.length ? `  lacks ${s.missing.join(', ')}` : '';
    console.log(`${s.name.padEnd(14)} ${state}  ${where}${lacking}${extra}`);
  }
  return 0;
}

async function fetch(datasets: string[], cache: string | undefined): Promise<number> {
  let failed = 0;
  for (const name of datasets) {
    try {
      const report = await fetchDataset(name, {
        cacheDir: cache && path.resolve(cache),
        onProgress: transferPrinter(),
        log: (l) => console.log(`${name}: ${l}`),
      });
      for (const w of report.warnings) console.log(`${name}: warning: ${w}`);
    } catch (err) {
      failed++;
      console.error(`${name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return failed ? 1 : 0;
}

function mb(bytes: number): string {
  return bytes < 1e5 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

function size(): number {
  let known = 0;
  let disk = 0;
  const unknown: string[] = [];
  for (const entry of datasetRegistry()) {
    const bytes = downloadBytes(entry);
    disk += unpackedBytes(entry);
    if (bytes === null) unknown.push(entry.name);
    else known += bytes;
    console.log(
      `${entry.name.padEnd(14)} download ${bytes === null ? 'size not in the registry' : mb(bytes)}, on disk ${mb(unpackedBytes(entry))}`,
    );
  }
  const rest = unknown.length ? ` plus ${unknown.join(', ')} (size not recorded)` : '';
  console.log(`total: download ${mb(known)}${rest}; on disk ${mb(disk)}`);
  return 0;
}

/** One summary line per dataset for `npm install`. */
export function prefetchLine(o: PrefetchOutcome): string {
  const name = o.dataset.padEnd(14);
  if (o.state === 'found') return `${name} found in ${o.where.join(', ')}`;
  if (o.state === 'downloaded') {
    // The registry's notes are long; one summary line keeps only what each warning is about.
    const warnings = o.warnings.map((w) => w.split(':')[0]);
    return `${name} downloaded, ${mb(o.bytes)}${warnings.length ? ` (${warnings.join('; ')})` : ''}`;
  }
  if (o.state === 'off') return `${name} missing; not downloaded (REPLEARN_FETCH=0)`;
  return `${name} could not be fetched: ${o.why}`;
}

async function prefetch(): Promise<number> {
  let total = 0;
  for (const name of lessonDatasets()) {
    const outcome = await prefetchDataset(name, transferPrinter());
    if (outcome.state === 'downloaded') total += outcome.bytes;
    console.log(`data: ${prefetchLine(outcome)}`);
  }
  if (total > 0) console.log(`data: downloaded ${mb(total)} in all into datasets/cache`);
  return 0;
}

function verify(datasets: string[]): number {
  let bad = 0;
  for (const name of datasets) {
    for (const line of verifyDataset(name)) {
      if (!line.ok) bad++;
      console.log(`${name}: ${line.ok ? 'ok  ' : 'FAIL'} ${line.target}: ${line.detail}`);
    }
  }
  return bad ? 1 : 0;
}

/** `replearn data list | fetch NAME... | verify NAME...`: 0 on success, 1 when a download or check failed. */
export async function run(args: string[]): Promise<number> {
  const { values, positionals } = commandArgs(args, OPTIONS, USAGE);
  const [action, ...rest] = positionals;
  if (action === 'list') return list();
  if (action === 'fetch') return fetch(names(rest), values.cache);
  if (action === 'size') return size();
  if (action === 'prefetch') return prefetch();
  if (action === 'verify') return verify(names(rest));
  throw new UsageError(
    action ? `unknown action "${action}"` : 'name an action: list, size, fetch, prefetch or verify',
    USAGE,
  );
}
