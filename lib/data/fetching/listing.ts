import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

/** Every regular file under `dir` as "./a/b" paths, in byte order (what `LC_ALL=C sort` gives). */
function listFiles(dir: string, exclude: Set<string>): string[] {
  const out: string[] = [];
  const walk = (abs: string, rel: string): void => {
    for (const d of fs.readdirSync(abs, { withFileTypes: true })) {
      if (d.isDirectory()) walk(path.join(abs, d.name), `${rel}/${d.name}`);
      else if (d.isFile() && !exclude.has(d.name)) out.push(`${rel}/${d.name}`);
    }
  };
  walk(dir, '.');
  return out.sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
}

/** The listing of a folder: files, total bytes, and its checksum. */
export interface FolderListing {
  sha256: string;
  files: number;
  bytes: number;
}

/**
 * The listing checksum of a folder, identical to
 * `find . -type f ! -name SOURCE.md | LC_ALL=C sort | xargs sha256sum | sha256sum` run inside it.
 */
export function listingChecksum(dir: string, exclude: string[] = ['SOURCE.md']): FolderListing {
  const files = listFiles(dir, new Set(exclude));
  const total = crypto.createHash('sha256');
  let bytes = 0;
  for (const rel of files) {
    const data = fs.readFileSync(path.join(dir, rel));
    bytes += data.length;
    total.update(`${crypto.createHash('sha256').update(data).digest('hex')}  ${rel}\n`);
  }
  return { sha256: total.digest('hex'), files: files.length, bytes };
}
