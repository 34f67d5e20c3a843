import * as assert from 'assert';
import * as zlib from 'zlib';
import { archiveEntries } from '../../lib/data/formats/archive-extract';
import { tarEntries } from '../../lib/data/formats/tar';
import { zipEntries } from '../../lib/data/formats/zip';
import { writeTarGz, writeZip } from '../support/archive-writers';

const files = [
  { path: 'top/a.txt', data: Buffer.from('alpha') },
  { path: 'top/deep/b.bin', data: Buffer.from(Array.from({ length: 5000 }, (_, i) => i % 13)) },
  { path: 'top/empty', data: Buffer.alloc(0) },
];

describe('data/archives (zip, tar)', () => {
  it('zip and tar.gz round-trip paths and bytes', () => {
    for (const format of ['zip', 'tar.gz'] as const) {
      const archive = format === 'zip' ? writeZip(files) : writeTarGz(files);
      const got = [...archiveEntries(archive, format)];
      assert.deepStrictEqual(
        got.map((e) => e.path),
        files.map((f) => f.path),
        format,
      );
      got.forEach((e, i) => assert.ok(e.data.equals(files[i].data), `${format} ${e.path}`));
    }
  });

  it('a damaged zip entry fails its CRC; a cut zip has no directory', () => {
    const zip = writeZip([{ path: 'x', data: Buffer.alloc(100, 1) }]);
    const bad = writeZip([{ path: 'x', data: Buffer.alloc(100, 1) }]);
    bad[30 + 1 + 2] ^= 0x01; // flip a bit inside the deflate stream
    assert.throws(() => [...zipEntries(bad)], /CRC|invalid|incorrect|unexpected/i);
    assert.throws(() => [...zipEntries(zip.subarray(0, 20))], /no end-of-central-directory/);
  });

  it('a damaged tar header is refused', () => {
    const tar = zlib.gunzipSync(writeTarGz(files));
    tar[10] ^= 0x20;
    assert.throws(() => [...tarEntries(tar)], /damaged header at byte 0/);
  });
});
