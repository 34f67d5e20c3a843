import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { findDataFile } from '../../lib/data/fetching/data-dirs';
import { listingChecksum } from '../../lib/data/fetching/listing';
import { datasetRegistry } from '../../lib/data/registry';
import { verifyDataset } from '../../lib/data/fetching/status';
import { useSharedTestData } from '../support/shared-data';
import { needsData } from '../support/needs-data';

useSharedTestData();
const HEX = /^[0-9a-f]{64}$/;

describe('datasets/registry.json', () => {
  it('names the seven datasets, each with licence, citation, homepage and a way to download', () => {
    const names = datasetRegistry().map((d) => d.name);
    assert.deepStrictEqual(names, [
      'mnist',
      'mnist-test',
      'fashion-mnist',
      'att-faces',
      '20news-bydate',
      'svc2004',
      'pokemon',
    ]);
    for (const d of datasetRegistry()) {
      assert.ok(d.license.length > 10 && d.citation.length > 20 && /^https?:\/\//.test(d.homepage), d.name);
      const sources = [...(d.files ?? []), ...(d.archives ?? [])];
      assert.ok(
        sources.length > 0 && sources.every((s) => s.urls.length > 0 && s.urls.every((u) => /^https?:\/\//.test(u))),
        d.name,
      );
      for (const s of sources) {
        assert.ok(
          s.sha256 === null ? /UNVERIFIED|not verified|assumed/.test(s.checksumNote) : HEX.test(s.sha256),
          `${d.name}: ${s.urls[0]}`,
        );
      }
      if (d.archives) assert.ok(d.listing && HEX.test(d.listing.sha256), `${d.name} has no listing checksum`);
    }
  });

  it('listing checksums equal those of the shared copies (the same as `find | sort | sha256sum`)', function () {
    needsData(this, 'att-faces', 'svc2004');
    for (const name of ['att-faces', 'svc2004']) {
      const entry = datasetRegistry().find((d) => d.name === name);
      const folder = path.dirname(findDataFile(name, name === 'att-faces' ? 's1' : 'task1'));
      const got = listingChecksum(folder);
      assert.deepStrictEqual(
        [got.sha256, got.files, got.bytes],
        [entry?.listing?.sha256, entry?.listing?.files, entry?.listing?.bytes],
        name,
      );
    }
  });

  for (const name of ['mnist-test', 'fashion-mnist', 'pokemon']) {
    it(`the local ${name} copy verifies against its registry checksums`, function () {
      needsData(this, name);
      for (const line of verifyDataset(name)) assert.ok(line.ok, `${name}: ${line.target}: ${line.detail}`);
    });
  }

  it('the MNIST training labels verify (the shared copy leaves the 9.9 MB training images out)', function () {
    const labels = verifyDataset('mnist').find((l) => l.target.endsWith('train-labels-idx1-ubyte.gz'));
    if (labels?.detail === 'missing') needsData(this, 'mnist');
    assert.ok(labels?.ok && fs.existsSync(findDataFile('mnist', 'train-labels-idx1-ubyte.gz')), labels?.detail);
  });
});
