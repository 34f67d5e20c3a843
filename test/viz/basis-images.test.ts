import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { basisImages } from '../../lib/viz/basis-images';

describe('viz/basis-images', () => {
  it('turns each column into one image, stretched to span exactly [0, 1]', () => {
    // Two columns of a 2 × 2 "image": 0..3 and −1, 1, 1, −3.
    const basis = tf.tensor2d([
      [0, -1],
      [1, 1],
      [2, 1],
      [3, -3],
    ]);
    const images = basisImages(basis, 2, 2);
    assert.deepStrictEqual(images.shape, [2, 2, 2, 1]);
    const values = Array.from(images.dataSync());
    const expected = [0, 1 / 3, 2 / 3, 1, 0.5, 1, 1, 0];
    values.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) < 1e-6, `${i}: ${v}`));
    tf.dispose([basis, images]);
  });
});
