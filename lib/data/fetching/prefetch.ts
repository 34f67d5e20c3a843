import { datasetStatus } from './status';
import { fetchEnabled } from './data-settings';
import type { DownloadProgress } from './download';
import { fetchDataset } from './fetch';
import { datasetEntry, datasetRegistry, type DatasetEntry } from '../registry';

/** What happened to one dataset: found locally, downloaded, or not to be had (and why). */
export type PrefetchOutcome =
  | { dataset: string; state: 'found'; where: string[] }
  | { dataset: string; state: 'downloaded'; bytes: number; warnings: string[] }
  | { dataset: string; state: 'failed'; why: string }
  | { dataset: string; state: 'off' };

/** Bytes a first download of `entry` transfers, as the registry records them; null where a size is unknown. */
export function downloadBytes(entry: DatasetEntry): number | null {
  const sizes = [...(entry.files ?? []), ...(entry.archives ?? [])].map((p) => p.bytes);
  return sizes.some((b) => b === null) ? null : sizes.reduce<number>((a, b) => a + (b ?? 0), 0);
}

/** The size of a dataset once unpacked (files: as published; archives: the registry's listing). */
export function unpackedBytes(entry: DatasetEntry): number {
  const files = (entry.files ?? []).reduce((a, f) => a + (f.bytes ?? 0), 0);
  return files + (entry.archives?.length ? (entry.listing?.bytes ?? 0) : 0);
}

/** Make sure one dataset is local: download it unless found (or REPLEARN_FETCH=0). Never throws. */
export async function prefetchDataset(
  dataset: string,
  onProgress?: (p: DownloadProgress) => void,
): Promise<PrefetchOutcome> {
  const status = datasetStatus(dataset);
  if (status.complete) return { dataset, state: 'found', where: status.locations };
  if (!fetchEnabled()) return { dataset, state: 'off' };
  const received = new Map<string, number>();
  const failures: string[] = [];
  try {
    const report = await fetchDataset(datasetEntry(dataset), {
      onProgress: (p) => {
        received.set(p.url, p.received);
        onProgress?.(p);
      },
      log: (line) => {
        if (line.startsWith('failed: ')) failures.push(line.slice('failed: '.length));
      },
    });
    const bytes = [...received.values()].reduce((a, b) => a + b, 0);
    return { dataset, state: 'downloaded', bytes, warnings: report.warnings };
  } catch (err) {
    const first = failures[0] ?? (err instanceof Error ? err.message : String(err));
    return {
      dataset,
      state: 'failed',
      why: failures.length > 1 ? `${first} (and ${failures.length - 1} more)` : first,
    };
  }
}

/** Every dataset of the registry (all are used by the lessons), in registry order. */
export function lessonDatasets(): string[] {
  return datasetRegistry().map((d) => d.name);
}
