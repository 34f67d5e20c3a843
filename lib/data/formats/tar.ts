import type { ArchiveEntry } from './archive-entry';

const BLOCK = 512;

function field(header: Buffer, start: number, length: number): string {
  const raw = header.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? length : end).toString('utf8');
}

function octal(header: Buffer, start: number, length: number, what: string): number {
  if (header[start] & 0x80) throw new Error(`tar: base-256 ${what} field is not supported`);
  const text = field(header, start, length).trim();
  const value = text === '' ? 0 : parseInt(text, 8);
  if (!Number.isFinite(value)) throw new Error(`tar: bad ${what} field "${text}"`);
  return value;
}

/** The header's checksum holds: the sum of its bytes with the checksum field read as spaces. */
function checksumHolds(header: Buffer): boolean {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
  return sum === octal(header, 148, 8, 'checksum');
}

/** Value of `path=` in a pax extended header, if any. */
function paxPath(data: Buffer): string | null {
  const match = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'));
  return match ? match[1] : null;
}

/** The regular files of an (uncompressed) tar archive: ustar, GNU long names and pax paths; links are skipped. */
export function* tarEntries(archive: Buffer): Generator<ArchiveEntry> {
  let offset = 0;
  let longName: string | null = null;
  while (offset + BLOCK <= archive.length) {
    const header = archive.subarray(offset, offset + BLOCK);
    if (header.every((b) => b === 0)) return; // end-of-archive marker
    if (!checksumHolds(header)) throw new Error(`tar: damaged header at byte ${offset}`);
    const size = octal(header, 124, 12, 'size');
    const type = String.fromCharCode(header[156] || 0x30);
    const start = offset + BLOCK;
    if (start + size > archive.length) throw new Error(`tar: truncated entry at byte ${offset}`);
    const data = archive.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (type === 'L') {
      longName = data.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'x') {
      longName = paxPath(data) ?? longName;
      continue;
    }
    const prefix = field(header, 345, 155);
    const name = longName ?? (prefix ? `${prefix}/${field(header, 0, 100)}` : field(header, 0, 100));
    longName = null;
    if (type === '0' || type === '7') yield { path: name, data: Buffer.from(data) };
  }
}
