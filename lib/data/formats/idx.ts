import * as fs from 'fs';
import * as zlib from 'zlib';
import { verifyChecksums, type ExpectedChecksums } from '../fetching/checksum';
import { CorruptDataError } from '../data-errors';

/** The element types an IDX file can hold (the third byte of its magic number). */
export type IdxType = 'uint8' | 'int8' | 'int16' | 'int32' | 'float32' | 'float64';

/** A decoded IDX array: dims from the header, values row-major. */
export interface IdxArray {
  type: IdxType;
  shape: number[];
  data: Uint8Array | Int8Array | Int16Array | Int32Array | Float32Array | Float64Array;
}

const TYPES: Record<number, { type: IdxType; size: number }> = {
  0x08: { type: 'uint8', size: 1 },
  0x09: { type: 'int8', size: 1 },
  0x0b: { type: 'int16', size: 2 },
  0x0c: { type: 'int32', size: 4 },
  0x0d: { type: 'float32', size: 4 },
  0x0e: { type: 'float64', size: 8 },
};

/** True when the bytes start with the gzip magic number. */
export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decompress gzip bytes (or return raw ones), naming `file` when the stream is cut short or damaged. */
export function gunzipIfNeeded(bytes: Uint8Array, file: string): Uint8Array {
  if (!isGzip(bytes)) return bytes;
  try {
    return zlib.gunzipSync(bytes);
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new CorruptDataError(file, `damaged or truncated gzip stream (${why})`);
  }
}

/** Decode uncompressed IDX bytes; checks the magic number and that the dims match the file length exactly. */
export function parseIdx(bytes: Uint8Array, file: string): IdxArray {
  if (bytes.length < 4)
    throw new CorruptDataError(file, `truncated: ${bytes.length} bytes, shorter than an IDX header`);
  const kind = TYPES[bytes[2]];
  if (bytes[0] !== 0 || bytes[1] !== 0 || !kind || bytes[3] < 1) {
    const magic = Buffer.from(bytes.subarray(0, 4)).toString('hex');
    throw new CorruptDataError(
      file,
      `wrong magic number 0x${magic}: not an IDX file (expected 0x0000TTNN, e.g. 0x00000803 for images)`,
    );
  }
  const ndim = bytes[3];
  const headerBytes = 4 + 4 * ndim;
  if (bytes.length < headerBytes)
    throw new CorruptDataError(file, `truncated: ${bytes.length} bytes, the ${ndim}-d header needs ${headerBytes}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shape = Array.from({ length: ndim }, (_, i) => view.getUint32(4 + 4 * i, false));
  const count = shape.reduce((a, b) => a * b, 1);
  const expected = headerBytes + count * kind.size;
  if (bytes.length !== expected) {
    const what = bytes.length < expected ? 'truncated' : 'too long';
    throw new CorruptDataError(
      file,
      `${what}: ${bytes.length} bytes, but dims [${shape.join(', ')}] of ${kind.type} need ${expected}`,
    );
  }
  return { type: kind.type, shape, data: decodeValues(bytes, view, headerBytes, count, kind.type) };
}

function decodeValues(
  bytes: Uint8Array,
  view: DataView,
  offset: number,
  count: number,
  type: IdxType,
): IdxArray['data'] {
  if (type === 'uint8') return bytes.slice(offset, offset + count);
  if (type === 'int8') return new Int8Array(bytes.slice(offset, offset + count).buffer);
  // Wider IDX values are big-endian: read them one by one.
  const out =
    type === 'int16'
      ? new Int16Array(count)
      : type === 'int32'
        ? new Int32Array(count)
        : type === 'float32'
          ? new Float32Array(count)
          : new Float64Array(count);
  for (let i = 0; i < count; i++) {
    if (type === 'int16') out[i] = view.getInt16(offset + 2 * i, false);
    else if (type === 'int32') out[i] = view.getInt32(offset + 4 * i, false);
    else if (type === 'float32') out[i] = view.getFloat32(offset + 4 * i, false);
    else out[i] = view.getFloat64(offset + 8 * i, false);
  }
  return out;
}

/** Read an IDX file (gzip or raw), optionally verifying its checksums; every failure names the file. */
export function readIdxFile(file: string, expected?: ExpectedChecksums): IdxArray {
  const raw = fs.readFileSync(file);
  const content = gunzipIfNeeded(raw, file);
  const parsed = parseIdx(content, file);
  if (expected) verifyChecksums(file, raw, content, expected);
  return parsed;
}
