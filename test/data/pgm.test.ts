import * as assert from 'assert';
import { CorruptDataError } from '../../lib/data/data-errors';
import { findDataFile } from '../../lib/data/fetching/data-dirs';
import { parsePgm, readPgmFile } from '../../lib/data/formats/pgm';
import { useSharedTestData } from '../support/shared-data';
import { needsData } from '../support/needs-data';

useSharedTestData();

describe('data/pgm', () => {
  it('reads 8-bit P5 with a header comment, row-major', () => {
    const bytes = Buffer.concat([Buffer.from('P5\n# made by hand\n3 2\n255\n'), Buffer.from([0, 1, 2, 3, 4, 255])]);
    const img = parsePgm(bytes, 'x.pgm');
    assert.deepStrictEqual([img.width, img.height, img.maxval], [3, 2, 255]);
    assert.deepStrictEqual(Array.from(img.pixels), [0, 1, 2, 3, 4, 255]);
  });

  it('reads 16-bit P5 big-endian', () => {
    const img = parsePgm(Buffer.concat([Buffer.from('P5 2 1 1000 '), Buffer.from([0x03, 0xe8, 0x00, 0x01])]), 'y.pgm');
    assert.deepStrictEqual(Array.from(img.pixels), [1000, 1]);
  });

  it('names the file for a wrong magic, a bad header or a truncated raster', () => {
    const check = (bytes: Buffer, pattern: RegExp): void => {
      assert.throws(
        () => parsePgm(bytes, 'bad.pgm'),
        (e: unknown) => e instanceof CorruptDataError && e.message.startsWith('bad.pgm: ') && pattern.test(e.message),
      );
    };
    check(Buffer.from('P2\n2 2\n255\n0 0 0 0\n'), /wrong magic number "P2"/);
    check(Buffer.from('P5\n2 x\n255\n'), /bad PGM header/);
    check(
      Buffer.concat([Buffer.from('P5\n4 4\n255\n'), Buffer.alloc(15)]),
      /truncated: raster has 15 bytes, 4x4 needs 16/,
    );
  });

  it('reads an AT&T face: 92 x 112, maxval 255', function () {
    needsData(this, 'att-faces');
    const img = readPgmFile(findDataFile('att-faces', 's1/1.pgm'));
    assert.deepStrictEqual([img.width, img.height, img.maxval, img.pixels.length], [92, 112, 255, 10304]);
  });
});
