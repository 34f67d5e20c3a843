import * as zlib from 'zlib';
import { packZip } from '../../lib/grading/zip-write';

/** A file to pack into a test archive. */
export interface FixtureFile {
  path: string;
  data: Buffer;
}

/** A minimal ustar archive (regular files only), gzip-compressed: test fixtures for the tar reader. */
export function writeTarGz(files: FixtureFile[]): Buffer {
  const blocks: Buffer[] = [];
  for (const f of files) {
    const h = Buffer.alloc(512);
    h.write(f.path, 0, 100, 'utf8');
    h.write('0000644\0', 100);
    h.write('0000000\0', 108);
    h.write('0000000\0', 116);
    h.write(f.data.length.toString(8).padStart(11, '0') + '\0', 124);
    h.write('00000000000\0', 136);
    h.write('        ', 148);
    h.write('0', 156);
    h.write('ustar\0', 257);
    h.write('00', 263);
    let sum = 0;
    for (const b of h) sum += b;
    h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148);
    blocks.push(h, f.data, Buffer.alloc((512 - (f.data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return zlib.gzipSync(Buffer.concat(blocks));
}

/** A zip archive of `files` (names as given, `..` included): fixtures for the zip reader, by the kit's writer. */
export function writeZip(files: FixtureFile[]): Buffer {
  return packZip(files.map((f) => ({ name: f.path, data: f.data, mode: 0o644 })));
}
