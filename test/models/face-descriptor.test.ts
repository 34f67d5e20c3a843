import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend/select';
import { loadAttFaces } from '../../lib/data/att-faces';
import { DatasetMissingError } from '../../lib/data/data-errors';
import { findDataFile } from '../../lib/data/fetching/data-dirs';
import { FACE_DESCRIPTOR_INPUT_SIZE, faceDescriptors, toDescriptorInput } from '../../lib/models/face-descriptor';
import { needsData } from '../support/needs-data';

function attAvailable(): boolean {
  try {
    findDataFile('att-faces', 's1/1.pgm');
    return true;
  } catch (err) {
    if (err instanceof DatasetMissingError) return false;
    throw err;
  }
}

describe('models/face-descriptor', function () {
  // A 150×150 ResNet-34 is seconds per face on the cpu backend: run on wasm, as the lessons do, then restore.
  let previous = '';
  before(async () => {
    previous = tf.getBackend();
    await initBackend({ prefer: 'wasm', quiet: true });
  });
  after(async () => {
    if (previous) await tf.setBackend(previous);
  });

  it('toDescriptorInput squares (pad or centre crop), resizes to 150×150, makes 3 channels in 0..255', () => {
    const x = tf.tidy(() => tf.concat<tf.Tensor4D>([tf.ones([1, 112, 92, 1]), tf.zeros([1, 112, 92, 1])]));
    const S = FACE_DESCRIPTOR_INPUT_SIZE;
    const padded = toDescriptorInput(x, 'pad');
    assert.deepStrictEqual(padded.shape, [2, S, S, 3]);
    const p = padded.arraySync();
    assert.strictEqual(p[0][75][75][1], 255); // centre: the image
    assert.strictEqual(p[0][75][2][0], 0); // left edge: the black bar (10 of 112 columns ≈ 13 of 150)
    const cropped = toDescriptorInput(x, 'center-crop');
    assert.strictEqual(tf.min(tf.slice(cropped, 0, 1)).dataSync()[0], 255); // a crop of the ones has no bars
    tf.dispose([x, padded, cropped]);
  });

  it('gives deterministic 128-d descriptors without leaking tensors', async function () {
    this.timeout(60000);
    const x = tf.randomUniform<tf.Rank.R4>([3, 40, 30, 1], 0, 1, 'float32', 1);
    const first = await faceDescriptors(x, { batchSize: 2 });
    assert.deepStrictEqual(first.shape, [3, 128]);
    const before = tf.memory().numTensors;
    const again = await faceDescriptors(x);
    assert.strictEqual(tf.memory().numTensors, before + 1);
    assert.ok(tf.tidy(() => tf.max(tf.abs(tf.sub(first, again))).dataSync()[0]) < 1e-4);
    tf.dispose([x, first, again]);
  });

  it('on AT&T faces, two shots of one person are closer than shots of different people (when the data is there)', async function () {
    if (!attAvailable()) needsData(this, 'att-faces');
    this.timeout(60000);
    const faces = await loadAttFaces();
    const rows = [0, 1, 10, 11, 20, 21, 30, 31]; // two shots each of four people
    const sub = tf.gather<tf.Tensor4D>(faces.images, rows);
    const d = await faceDescriptors(sub);
    const m = tf
      .tidy(() => tf.sqrt(tf.sum(tf.square(tf.sub(tf.expandDims(d, 1), tf.expandDims(d, 0))), 2)))
      .arraySync() as number[][];
    const genuine = [m[0][1], m[2][3], m[4][5], m[6][7]];
    const impostor = rows
      .flatMap((_, i) => rows.map((__, j) => (j > i && Math.floor(i / 2) !== Math.floor(j / 2) ? m[i][j] : NaN)))
      .filter(Number.isFinite);
    const mean = (xs: number[]): number => xs.reduce((s, v) => s + v, 0) / xs.length;
    assert.ok(mean(genuine) < mean(impostor), `genuine ${mean(genuine)} vs impostor ${mean(impostor)}`);
    tf.dispose([faces.images, sub, d]);
  });
});
