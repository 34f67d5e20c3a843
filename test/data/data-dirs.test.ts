import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheDir, dataDirs, datasetFolders, findDataFile } from '../../lib/data/fetching/data-dirs';
import { DatasetMissingError } from '../../lib/data/data-errors';
import { loadMnist } from '../../lib/data/mnist';
import { projectRoot } from '../../lib/project';
import { withDataDirs } from '../support/shared-data';

describe('data/data-dirs', () => {
  it('searches REPLEARN_DATA in order (relative entries from the project root), then the cache', async () => {
    // The machine's own setting (a user may run the suite with REPLEARN_SYSTEM_DATA=0) is put back afterwards.
    const systemData = process.env.REPLEARN_SYSTEM_DATA;
    delete process.env.REPLEARN_SYSTEM_DATA;
    await withDataDirs(['/abs/one', 'rel/two'].join(path.delimiter), () => {
      assert.deepStrictEqual(dataDirs(), ['/abs/one', path.join(projectRoot(), 'rel', 'two'), cacheDir()]);
      assert.strictEqual(cacheDir(), path.join(projectRoot(), 'datasets', 'cache'));
      assert.deepStrictEqual(datasetFolders('mnist-test')[0], '/abs/one/mnist');
      assert.deepStrictEqual(datasetFolders('fashion-mnist').slice(-1), ['/usr/share/datasets/fashion-mnist']);
      // REPLEARN_SYSTEM_DATA=0 hides Debian's copy, so tests can see a machine without it.
      process.env.REPLEARN_SYSTEM_DATA = '0';
      try {
        assert.deepStrictEqual(datasetFolders('fashion-mnist').slice(-1), [path.join(cacheDir(), 'fashion-mnist')]);
      } finally {
        if (systemData === undefined) delete process.env.REPLEARN_SYSTEM_DATA;
        else process.env.REPLEARN_SYSTEM_DATA = systemData;
      }
    });
  });

  it('finds a file in the first folder that holds it', async () => {
    const a = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-a-'));
    const b = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-b-'));
    try {
      fs.mkdirSync(path.join(b, 'pokemon'));
      fs.writeFileSync(path.join(b, 'pokemon', 'pokemon.csv'), 'x');
      await withDataDirs([a, b].join(path.delimiter), () =>
        assert.strictEqual(findDataFile('pokemon', 'pokemon.csv'), path.join(b, 'pokemon', 'pokemon.csv')),
      );
    } finally {
      fs.rmSync(a, { recursive: true, force: true });
      fs.rmSync(b, { recursive: true, force: true });
    }
  });

  it('a missing dataset is one line naming it, the folders searched and the fetch command', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-empty-'));
    try {
      await withDataDirs(empty, async () => {
        let message = '';
        try {
          findDataFile('mnist-test', 't10k-images-idx3-ubyte.gz');
        } catch (err) {
          assert.ok(err instanceof DatasetMissingError);
          message = err.message;
        }
        assert.ok(!message.includes('\n'), message);
        assert.match(message, /^dataset "mnist-test" not found: no t10k-images-idx3-ubyte\.gz under /);
        assert.ok(
          message.includes(path.join(empty, 'mnist')) && message.includes(path.join(cacheDir(), 'mnist')),
          message,
        );
        assert.ok(message.endsWith('run `npx replearn data fetch mnist-test`'), message);
        if (!fs.existsSync(path.join(cacheDir(), 'mnist', 't10k-images-idx3-ubyte.gz'))) {
          await assert.rejects(loadMnist({ split: 'test' }), /npx replearn data fetch mnist-test/);
        }
      });
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
