import * as path from 'path';
import { allDatasetStatus, datasetEntry, datasetRegistry, dataDirs, fetchDataset, verifyDataset } from '../data';
import { parseCommandArgs, UsageError } from './args';
import { transferPrinter } from './transfer-bar';

const USAGE = `usage: replearn data <list | fetch NAME... | verify NAME...> [--cache DIR]
  list     each dataset of datasets/registry.json: found locally or not, and where
  fetch    download into datasets/cache with a progress bar, verifying each sha256 ("all": every dataset)
  verify   check local copies against the registry's checksums (files: sha256; folders: listing checksum)
  --cache  (fetch) save into DIR instead of datasets/cache
Data directories, searched in order: REPLEARN_DATA (${path.delimiter}-separated), then datasets/cache.`;

const OPTIONS = { cache: { type: 'string' }, help: { type: 'boolean', short: 'h' } } as const;

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
  const { values, positionals } = parseCommandArgs(args, OPTIONS, USAGE);
  const [action, ...rest] = positionals;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (action === 'list') return list();
  if (action === 'fetch') return fetch(names(rest), values.cache);
  if (action === 'verify') return verify(names(rest));
  throw new UsageError(action ? `unknown action "${action}"` : 'name an action: list, fetch or verify', USAGE);
}
