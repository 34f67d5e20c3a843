import * as fs from 'fs';
import { CorruptDataError } from '../data-errors';

/** A decoded binary PGM image: `pixels` row-major, height × width, values 0..maxval. */
export interface PgmImage {
  width: number;
  height: number;
  maxval: number;
  pixels: Uint8Array | Uint16Array;
}

/** Read the next header token of a PGM, skipping whitespace and # comments; returns [token, next offset]. */
function headerToken(bytes: Uint8Array, start: number): [string, number] {
  let i = start;
  for (;;) {
    while (i < bytes.length && isSpace(bytes[i])) i++;
    if (bytes[i] !== 0x23) break; // '#': comment to end of line
    while (i < bytes.length && bytes[i] !== 0x0a && bytes[i] !== 0x0d) i++;
  }
  let end = i;
  while (end < bytes.length && !isSpace(bytes[end]) && bytes[end] !== 0x23) end++;
  return [Buffer.from(bytes.subarray(i, end)).toString('latin1'), end];
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x0b || b === 0x0c;
}

/** Decode binary PGM (P5) bytes; errors name `file` (wrong magic, bad header, truncated raster). */
export function parsePgm(bytes: Uint8Array, file: string): PgmImage {
  const [magic, a] = headerToken(bytes, 0);
  if (magic !== 'P5')
    throw new CorruptDataError(file, `wrong magic number "${magic.slice(0, 8)}": not a binary PGM (P5)`);
  const [w, b] = headerToken(bytes, a);
  const [h, c] = headerToken(bytes, b);
  const [m, d] = headerToken(bytes, c);
  const width = Number(w),
    height = Number(h),
    maxval = Number(m);
  const valid = (n: number, hi: number): boolean => Number.isInteger(n) && n > 0 && n <= hi;
  if (!valid(width, 1 << 16) || !valid(height, 1 << 16) || !valid(maxval, 65535)) {
    throw new CorruptDataError(file, `bad PGM header "P5 ${w} ${h} ${m}"`);
  }
  const offset = d + 1; // exactly one whitespace byte separates the header from the raster
  const bytesPerPixel = maxval < 256 ? 1 : 2;
  const need = width * height * bytesPerPixel;
  const have = bytes.length - offset;
  if (have < need)
    throw new CorruptDataError(
      file,
      `truncated: raster has ${Math.max(have, 0)} bytes, ${width}x${height} needs ${need}`,
    );
  if (bytesPerPixel === 1) return { width, height, maxval, pixels: bytes.slice(offset, offset + need) };
  const pixels = new Uint16Array(width * height);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (bytes[offset + 2 * i] << 8) | bytes[offset + 2 * i + 1];
  return { width, height, maxval, pixels };
}

/** Read a binary PGM (P5) file. */
export function readPgmFile(file: string): PgmImage {
  return parsePgm(fs.readFileSync(file), file);
}
