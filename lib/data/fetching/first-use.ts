import { cacheDir } from './data-dirs';
import { DatasetMissingError } from '../data-errors';
import { fetchEnabled } from './data-settings';
import type { DownloadProgress } from './download';
import { fetchDataset } from './fetch';
import { lastFetchFailure, recordFetchFailure } from './fetch-failures';
import { missingDataGuardInstalled, missingDataset } from '../missing-dataset';
import { datasetStatus } from './status';
import { createProgress } from '../../viz/progress';
import { richDisplayAvailable } from '../../viz/display';
import { transferPrinter } from '../transfer-bar';

/** A progress display per download: a live bar in a notebook, the transfer bar on a terminal. */
function downloadProgress(dataset: string): { update: (p: DownloadProgress) => void; finish: () => void } {
  if (!richDisplayAvailable()) {
    const printer = transferPrinter();
    return { update: printer, finish: () => undefined };
  }
  const bars = new Map<string, ReturnType<typeof createProgress>>();
  return {
    update: (p) => {
      let bar = bars.get(p.url);
      if (!bar) {
        const file = p.url.split('/').pop() ?? p.url;
        bar = createProgress({ total: p.total ?? 1, label: `downloading ${dataset}: ${file} (bytes)` });
        bars.set(p.url, bar);
      }
      bar.update(p.total === null ? 0 : p.received, { MB: p.received / 1e6 });
    },
    finish: () => bars.forEach((bar) => bar.finish()),
  };
}

/**
 * Download `dataset` into datasets/cache when it is not complete in any data folder, as Keras and torchvision do
 * on first use: checksums verified, files appear only when complete. Does nothing with REPLEARN_FETCH=0 or after
 * a failed try in this process; never throws (the loader then reports the dataset missing, with the reason).
 */
export async function ensureDataset(dataset: string): Promise<void> {
  if (!fetchEnabled() || lastFetchFailure(dataset) !== null || datasetStatus(dataset).complete) return;
  const progress = downloadProgress(dataset);
  const failed: string[] = [];
  console.log(`${dataset}: not found locally, downloading into ${cacheDir()} (REPLEARN_FETCH=0 turns this off)`);
  try {
    const report = await fetchDataset(dataset, {
      onProgress: progress.update,
      log: (line) => {
        if (line.startsWith('failed: ')) failed.push(line.slice('failed: '.length));
      },
    });
    progress.finish();
    console.log(`${dataset}: downloaded (${report.saved.length} part${report.saved.length === 1 ? '' : 's'})`);
  } catch (err) {
    progress.finish();
    const why = failed[0] ?? (err instanceof Error ? err.message : String(err));
    recordFetchFailure(dataset, failed.length > 1 ? `${why} (and ${failed.length - 1} more)` : why);
  }
}

/**
 * Load `dataset` with `load`, downloading it first when it is missing. Where it cannot be had, the
 * DatasetMissingError is thrown, except in a notebook kernel with the missing-data cell guard: there the result is
 * a stand-in (one line says what is missing and how to fetch it) and the cells that use it are skipped.
 */
export async function withDataset<T extends object>(dataset: string, load: () => T | Promise<T>): Promise<T> {
  await ensureDataset(dataset);
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof DatasetMissingError) || !missingDataGuardInstalled()) throw err;
    return missingDataset<T>(err);
  }
}
