// A minimal zip writer (deflate, Unix modes kept) for the Gradescope autograder archive: Gradescope
// wants setup.sh and run_autograder at the archive's root, run_autograder executable.
import * as fs from 'fs';
import * as zlib from 'zlib';

/** One file to put in the archive. */
export interface ZipFile {
  /** Path inside the archive, '/'-separated, relative. */
  name: string;
  data: Buffer;
  /** Unix permission bits (0o644 or 0o755). */
  mode: number;
}

// 1980-01-01 00:00 in DOS time: the same bytes for the same files, whenever the archive is written.
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DOS_TIME = 0;

/** The archive of `files`, as bytes (no zip64: under 65535 files and 4 GiB); absolute or `..` names are refused. */
export function zipArchive(files: ZipFile[]): Buffer {
  for (const f of files)
    if (f.name.startsWith('/') || f.name.split('/').includes('..')) throw new Error(`zip: unsafe name ${f.name}`);
  return packZip(files);
}

/** The archive of `files` with their names as given, safe or not (tests build hostile archives with it). */
export function packZip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = zlib.deflateRawSync(f.data, { level: 9 });
    const crc = zlib.crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0 (deflate)
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by Unix: the external attributes carry the mode
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(f.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((0o100000 | f.mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += local.length + name.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Writes the archive of `files` to `file`. */
export function writeZip(file: string, files: ZipFile[]): void {
  fs.writeFileSync(file, zipArchive(files));
}
