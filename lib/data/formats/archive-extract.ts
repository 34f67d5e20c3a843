import * as fs from 'fs';
import * as path from 'path';
import * as zlib from 'zlib';
import type { ArchiveEntry } from './archive-entry';
import { tarEntries } from './tar';
import { zipEntries } from './zip';

/** What {@link extractArchive} wrote. */
export interface ExtractResult {
  files: number;
  bytes: number;
  /** The archive folder that was taken as the dataset root (stripped from every path). */
  prefix: string;
}

/** Entries of a .zip or .tar.gz held in memory. */
export function archiveEntries(archive: Buffer, format: 'zip' | 'tar.gz'): Generator<ArchiveEntry> {
  return format === 'zip' ? zipEntries(archive) : tarEntries(zlib.gunzipSync(archive));
}

/** The folder prefix in front of `marker` (e.g. "orl_faces/" before "s1/1.pgm"), found at a path-segment boundary. */
function markerPrefix(paths: string[], marker: string): string {
  for (const p of paths) {
    const at = p.indexOf(marker);
    if (at === 0 || (at > 0 && p[at - 1] === '/')) return p.slice(0, at);
  }
  throw new Error(`archive holds no "${marker}": not the expected dataset archive`);
}

/**
 * Unpack the files under the folder that holds `marker` into `destDir`, stripping the folders above it.
 * Paths that would escape `destDir` are refused.
 */
export function extractArchive(
  archive: Buffer,
  format: 'zip' | 'tar.gz',
  destDir: string,
  marker: string,
): ExtractResult {
  const entries = [...archiveEntries(archive, format)].map((e) => ({ ...e, path: e.path.replace(/^\.\//, '') }));
  const prefix = markerPrefix(
    entries.map((e) => e.path),
    marker,
  );
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (!entry.path.startsWith(prefix)) continue;
    const rel = path.normalize(entry.path.slice(prefix.length));
    if (rel.startsWith('..') || path.isAbsolute(rel))
      throw new Error(`archive entry "${entry.path}" points outside the dataset folder`);
    const target = path.join(destDir, rel);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, entry.data);
    files++;
    bytes += entry.data.length;
  }
  return { files, bytes, prefix };
}
