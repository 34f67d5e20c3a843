import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { PNG } from 'pngjs';
import { captureDisplays } from '../../lib/viz/display';
import { imageGridPng, showImages } from '../../lib/viz/image-grid';

describe('viz/image-grid', () => {
  it('lays N images out in rows of `cols`, magnified, with 2 px white gaps; the PNG decodes to that size', () => {
    // 5 images 3 x 4, image i filled with i / 4.
    const images = tf.tidy(() => tf.range(0, 5).div(4).reshape([5, 1, 1]).tile([1, 3, 4]));
    const grid = imageGridPng(images, { cols: 3, scale: 2 });
    images.dispose();
    assert.deepStrictEqual([grid.cols, grid.rows, grid.width, grid.height], [3, 2, 3 * 8 + 2 * 2, 2 * 6 + 2]);
    const png = PNG.sync.read(grid.png);
    assert.deepStrictEqual([png.width, png.height], [28, 14]);
    const at = (x: number, y: number): number => png.data[(y * png.width + x) * 4];
    assert.strictEqual(at(0, 0), 0); // image 0
    assert.strictEqual(at(10 + 7, 5), 64); // image 1 = 0.25, last magnified pixel
    assert.strictEqual(at(8, 0), 255); // gap
    assert.strictEqual(at(10, 8), 255); // image 4 = 1.0, second row
    assert.strictEqual(at(27, 13), 255); // empty sixth cell stays white
  });

  it('reads RGB images and clips values outside [0, 1]', () => {
    const rgb = tf.tensor4d([[[[2, -1, 0.5]]]]);
    const png = PNG.sync.read(imageGridPng(rgb, { scale: 1 }).png);
    rgb.dispose();
    assert.deepStrictEqual(Array.from(png.data.subarray(0, 4)), [255, 0, 128, 255]);
  });

  it('showImages: image/png grid + captioned HTML + text, no tensors left', () => {
    const images = tf.zeros([4, 28, 28, 1]);
    const before = tf.memory().numTensors;
    const cap = captureDisplays();
    try {
      showImages(images, { cols: 2, labels: ['zero', 'one', 'two', 'a<b'], title: 'digits' });
    } finally {
      cap.restore();
    }
    assert.strictEqual(tf.memory().numTensors, before);
    images.dispose();
    const { data, metadata } = cap.messages[0];
    const png = PNG.sync.read(Buffer.from(String(data['image/png']), 'base64'));
    assert.deepStrictEqual([png.width, png.height], [2 * 56 + 2, 2 * 56 + 2]);
    assert.deepStrictEqual(metadata, { 'image/png': { width: 114, height: 114 } });
    const html = String(data['text/html']);
    assert.strictEqual((html.match(/<img src="data:image\/png;base64,/g) ?? []).length, 4);
    assert.ok(html.includes('<figcaption style="font:11px monospace">a&lt;b</figcaption>') && html.includes('digits'));
    assert.strictEqual(data['text/plain'], 'digits: 4 images 28x28 in a 2x2 grid\nzero | one\ntwo | a<b');
  });

  it('refuses tensors that are not image batches', () => {
    const flat = tf.zeros([4, 5]);
    assert.throws(() => imageGridPng(flat), /expected \(N, H, W\) or \(N, H, W, C\)/);
    flat.dispose();
    const many = tf.zeros([1001, 2, 2]);
    assert.throws(() => imageGridPng(many), /1001 images is too many for one grid/);
    many.dispose();
  });
});
