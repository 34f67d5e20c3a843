import * as fs from 'fs';
import * as path from 'path';
import { extractArchive } from '../formats/archive-extract';
import { verifyChecksums } from './checksum';
import { cacheDir, dataDirs, systemDataDirs } from './data-dirs';
import { dataMirror } from './data-settings';
import { downloadFile, type DownloadProgress } from './download';
import { gunzipIfNeeded } from '../formats/idx';
import { listingChecksum } from './listing';
import { datasetEntry, type DatasetEntry, type RegistryArchive, type RegistryFile } from '../registry';

/** Options of {@link fetchDataset}. */
export interface FetchOptions {
  /** Where to save (default <project>/datasets/cache). */
  cacheDir?: string;
  onProgress?: (progress: DownloadProgress) => void;
  /** One line per step (default: nothing). */
  log?: (line: string) => void;
}

/** What {@link fetchDataset} did. */
export interface FetchReport {
  dataset: string;
  /** Files or folders written. */
  saved: string[];
  /** Files or folders already present (and, for files, verified). */
  present: string[];
  /** Honest caveats: unverified archives, listings that differ. */
  warnings: string[];
}

/** The folders that may already hold the dataset: every data directory, the target cache, then `alsoIn`. */
function foldersOf(entry: DatasetEntry, root: string): string[] {
  return [...new Set([...dataDirs(), root, ...systemDataDirs(entry.alsoIn)].map((d) => path.join(d, entry.dir)))];
}

/** The first existing copy of `rel` among `folders`, or null. */
function existing(rel: string, folders: string[]): string | null {
  for (const folder of folders) if (fs.existsSync(path.join(folder, rel))) return path.join(folder, rel);
  return null;
}

/** True when a local copy of a registry file passes its checksums. */
function localCopyVerifies(file: string, spec: RegistryFile): boolean {
  try {
    const raw = fs.readFileSync(file);
    verifyChecksums(file, raw, spec.contentSha256 ? gunzipIfNeeded(raw, file) : raw, spec);
    return true;
  } catch {
    return false;
  }
}

/** Where a part is downloaded from: the registry's URLs, or only the mirror's copy when REPLEARN_DATA_MIRROR is set. */
function sourcesOf(entry: DatasetEntry, urls: string[], name: string): string[] {
  const mirror = dataMirror();
  return mirror ? [`${mirror}/${entry.dir}/${name}`] : urls;
}

/** The file name a mirror serves an archive under: the last path segment of its first registry URL. */
export function archiveFileName(spec: RegistryArchive): string {
  return new URL(spec.urls[0]).pathname.split('/').pop() ?? `archive.${spec.format}`;
}

/** Try each URL in turn; the first download that arrives and verifies wins. */
async function downloadFirst(
  urls: string[],
  dest: string,
  sha256: string | null,
  options: FetchOptions,
): Promise<string> {
  const failures: string[] = [];
  for (const url of urls) {
    try {
      options.log?.(`downloading ${url}`);
      await downloadFile(url, dest, { sha256, onProgress: options.onProgress });
      return url;
    } catch (err) {
      const why = err instanceof Error ? err.message : String(err);
      failures.push(why);
      options.log?.(`failed: ${why}`);
    }
  }
  throw new Error(`could not download ${path.basename(dest)}: ${failures.join('; ')}`);
}

async function fetchFile(
  entry: DatasetEntry,
  spec: RegistryFile,
  root: string,
  report: FetchReport,
  options: FetchOptions,
): Promise<void> {
  const found = existing(spec.path, foldersOf(entry, root));
  if (found && localCopyVerifies(found, spec)) {
    report.present.push(found);
    options.log?.(`${spec.path}: present and verified at ${found}`);
    return;
  }
  if (found)
    report.warnings.push(
      `${found} fails its checksum; a fresh copy goes to the cache (delete the bad one if it is searched first)`,
    );
  const dest = path.join(root, entry.dir, spec.path);
  await downloadFirst(sourcesOf(entry, spec.urls, spec.path), dest, spec.sha256, options);
  report.saved.push(dest);
  options.log?.(`${spec.path}: saved ${dest}${spec.sha256 ? ' (sha256 verified)' : ''}`);
}

async function fetchArchive(
  entry: DatasetEntry,
  spec: RegistryArchive,
  index: number,
  root: string,
  report: FetchReport,
  options: FetchOptions,
): Promise<void> {
  const found = existing(path.join(spec.into, spec.marker), foldersOf(entry, root));
  if (found) {
    report.present.push(found);
    options.log?.(`${spec.into || entry.dir}: present (${found})`);
    return;
  }
  const archive = path.join(root, '.downloads', `${entry.name}-${index}.${spec.format}`);
  await downloadFirst(sourcesOf(entry, spec.urls, archiveFileName(spec)), archive, spec.sha256, options);
  if (!spec.sha256) report.warnings.push(`archive checksum unverified: ${spec.checksumNote}`);
  const target = path.join(root, entry.dir, spec.into);
  const staging = `${target}.extracting`;
  fs.rmSync(staging, { recursive: true, force: true });
  try {
    const result = extractArchive(fs.readFileSync(archive), spec.format, staging, spec.marker);
    fs.mkdirSync(target, { recursive: true });
    for (const name of fs.readdirSync(staging)) fs.renameSync(path.join(staging, name), path.join(target, name));
    report.saved.push(target);
    options.log?.(`${spec.into || entry.dir}: extracted ${result.files} files (${result.bytes} bytes) into ${target}`);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
    fs.rmSync(archive, { force: true });
  }
}

/** Compare the fetched folder with the registry's listing checksums; differences become warnings. */
function checkListing(entry: DatasetEntry, root: string, report: FetchReport): void {
  const listing = entry.listing;
  const folder = path.join(root, entry.dir);
  if (!listing || !fs.existsSync(folder)) return;
  const parts = listing.parts ?? { '': listing.sha256 };
  for (const [part, expected] of Object.entries(parts)) {
    const dir = path.join(folder, part);
    if (!fs.existsSync(dir)) continue;
    const got = listingChecksum(dir, part ? [] : ['SOURCE.md']);
    if (got.sha256 !== expected)
      report.warnings.push(
        `${dir}: listing checksum ${got.sha256} (${got.files} files) differs from the registry's ${expected} (${listing.note})`,
      );
  }
}

/**
 * Download a dataset of the registry into the cache: single files verified by sha256 (a mismatch deletes them
 * and throws), archives verified where a checksum is known, then unpacked and compared with the listing.
 * Files already present and verified in any data directory are not fetched again. Throws after trying every
 * part when any part failed.
 */
export async function fetchDataset(dataset: string | DatasetEntry, options: FetchOptions = {}): Promise<FetchReport> {
  const entry = typeof dataset === 'string' ? datasetEntry(dataset) : dataset;
  const root = options.cacheDir ?? cacheDir();
  const report: FetchReport = { dataset: entry.name, saved: [], present: [], warnings: [] };
  // Each part is tried even when another fails, so one dead mirror costs only its own part.
  const failures: string[] = [];
  const attempt = async (part: () => Promise<void>): Promise<void> => {
    try {
      await part();
    } catch (err) {
      failures.push(err instanceof Error ? err.message : String(err));
    }
  };
  for (const spec of entry.files ?? []) await attempt(() => fetchFile(entry, spec, root, report, options));
  for (const [i, spec] of (entry.archives ?? []).entries())
    await attempt(() => fetchArchive(entry, spec, i, root, report, options));
  if (report.saved.length && entry.archives?.length) checkListing(entry, root, report);
  if (failures.length)
    throw new Error(
      `${entry.name}: ${failures.join('; ')}${report.saved.length ? ` (saved: ${report.saved.join(', ')})` : ''}`,
    );
  return report;
}
