import * as zlib from 'zlib';
import type { ArchiveEntry } from './archive-entry';

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Offset of the end-of-central-directory record (it sits in the last 64 KiB + 22 bytes). */
function findEndRecord(zip: Buffer): number {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (zip.readUInt32LE(i) === EOCD) return i;
  }
  throw new Error('zip: no end-of-central-directory record (not a zip file, or truncated)');
}

/** The regular files of a zip archive (stored or deflated, CRC-checked); no zip64, no encryption. */
export function* zipEntries(zip: Buffer): Generator<ArchiveEntry> {
  const end = findEndRecord(zip);
  const count = zip.readUInt16LE(end + 10);
  let p = zip.readUInt32LE(end + 16);
  for (let k = 0; k < count; k++) {
    if (p + 46 > zip.length || zip.readUInt32LE(p) !== CENTRAL)
      throw new Error(`zip: damaged central directory at byte ${p}`);
    const flags = zip.readUInt16LE(p + 8);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const packed = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const local = zip.readUInt32LE(p + 42);
    const name = zip.subarray(p + 46, p + 46 + nameLength).toString(flags & 0x800 ? 'utf8' : 'latin1');
    p += 46 + nameLength + zip.readUInt16LE(p + 30) + zip.readUInt16LE(p + 32);
    if (name.endsWith('/')) continue;
    if (flags & 1) throw new Error(`zip: ${name} is encrypted`);
    if (packed === 0xffffffff || size === 0xffffffff || local === 0xffffffff)
      throw new Error(`zip: ${name} needs zip64, which is not supported`);
    if (zip.readUInt32LE(local) !== LOCAL) throw new Error(`zip: damaged local header of ${name}`);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    if (start + packed > zip.length) throw new Error(`zip: ${name} is truncated`);
    const raw = zip.subarray(start, start + packed);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else throw new Error(`zip: ${name} uses compression method ${method}; only stored and deflate are supported`);
    if (data.length !== size || zlib.crc32(data) >>> 0 !== crc) throw new Error(`zip: ${name} fails its CRC check`);
    yield { path: name, data };
  }
}
