import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import { CorruptDataError } from '../../lib/data/data-errors';
import { parseIdx, readIdxFile } from '../../lib/data/formats/idx';
import { sha256Hex } from '../../lib/data/fetching/checksum';

/** IDX bytes of a uint8 array with the given dims (values i mod 251). */
function idxBytes(dims: number[]): Buffer {
  const count = dims.reduce((a, b) => a * b, 1);
  const header = Buffer.alloc(4 + 4 * dims.length);
  header.writeUInt8(0x08, 2);
  header.writeUInt8(dims.length, 3);
  dims.forEach((d, i) => header.writeUInt32BE(d, 4 + 4 * i));
  return Buffer.concat([header, Buffer.from(Array.from({ length: count }, (_, i) => i % 251))]);
}

/** Assert `fn` throws a one-line CorruptDataError naming `file` and matching `pattern`. */
function throwsNaming(fn: () => unknown, file: string, pattern: RegExp): void {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof CorruptDataError, `not a CorruptDataError: ${String(err)}`);
    assert.ok(err.message.includes(file), `message does not name ${file}: ${err.message}`);
    assert.match(err.message, pattern);
    assert.ok(!err.message.includes('\n'), 'message spans lines');
    return true;
  });
}

describe('data/idx', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-idx-'));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const good = idxBytes([3, 4, 5]);
  const write = (name: string, bytes: Buffer): string => {
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    return file;
  };

  it('reads raw and gzip files to the same dims and values', () => {
    for (const file of [write('a.idx', good), write('a.idx.gz', zlib.gzipSync(good))]) {
      const arr = readIdxFile(file);
      assert.strictEqual(arr.type, 'uint8');
      assert.deepStrictEqual(arr.shape, [3, 4, 5]);
      assert.strictEqual(arr.data.length, 60);
      assert.strictEqual(arr.data[59], 59);
    }
  });

  it('decodes big-endian int32 and float32 payloads', () => {
    const header = Buffer.from([0, 0, 0x0d, 1, 0, 0, 0, 2]);
    const body = Buffer.alloc(8);
    body.writeFloatBE(1.5, 0);
    body.writeFloatBE(-2, 4);
    assert.deepStrictEqual(Array.from(parseIdx(Buffer.concat([header, body]), 'f.idx').data), [1.5, -2]);
    const ints = Buffer.from([0, 0, 0x0c, 1, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xfe]);
    assert.deepStrictEqual(Array.from(parseIdx(ints, 'i.idx').data), [-2]);
  });

  it('refuses a wrong magic number, naming the file', () => {
    const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47]), good.subarray(4)]);
    throwsNaming(() => readIdxFile(write('png.idx', png)), 'png.idx', /wrong magic number 0x89504e47/);
    const badType = Buffer.from(good);
    badType[2] = 0x07;
    throwsNaming(() => readIdxFile(write('type.idx', badType)), 'type.idx', /wrong magic number/);
  });

  it('refuses truncated files (raw, gzip) and files longer than their dims', () => {
    throwsNaming(
      () => readIdxFile(write('short.idx', good.subarray(0, good.length - 1))),
      'short.idx',
      /truncated: 75 bytes.*need 76/,
    );
    throwsNaming(() => readIdxFile(write('head.idx', good.subarray(0, 10))), 'head.idx', /truncated/);
    const gz = zlib.gzipSync(good);
    throwsNaming(
      () => readIdxFile(write('short.idx.gz', gz.subarray(0, gz.length - 12))),
      'short.idx.gz',
      /truncated|damaged/,
    );
    throwsNaming(() => readIdxFile(write('long.idx', Buffer.concat([good, Buffer.from([1])]))), 'long.idx', /too long/);
  });

  it('checks checksums of the file or of its uncompressed content', () => {
    const gz = zlib.gzipSync(good);
    const file = write('sum.idx.gz', gz);
    assert.doesNotThrow(() => readIdxFile(file, { sha256: sha256Hex(gz) }));
    assert.doesNotThrow(() => readIdxFile(file, { sha256: '0'.repeat(64), contentSha256: sha256Hex(good) }));
    throwsNaming(
      () => readIdxFile(file, { sha256: '0'.repeat(64), contentSha256: '1'.repeat(64) }),
      'sum.idx.gz',
      /wrong checksum: sha256 [0-9a-f]{64}/,
    );
  });
});
