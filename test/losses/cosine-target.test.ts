import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { cosineSimilarity, cosineTargetLoss } from '../../lib/losses/cosine-target';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-6);

describe('losses/cosine-target', () => {
  it('cosine similarity of row pairs, scale-free', () => {
    const a = tf.tensor2d([
      [1, 0],
      [1, 1],
      [3, 4],
    ]);
    const b = tf.tensor2d([
      [0, 2],
      [-2, -2],
      [6, 8],
    ]);
    const c = Array.from(cosineSimilarity(a, b).dataSync());
    close(c[0], 0);
    close(c[1], -1);
    close(c[2], 1);
    tf.dispose([a, b]);
  });

  it('squared error against +1 (genuine pair) and −1 (forgery pair)', () => {
    const cos = tf.tensor1d([0.5, 0.5, -1, 1]);
    const same = tf.tensor1d([1, 0, 0, 1]);
    // (0.5 − 1)² = 0.25, (0.5 + 1)² = 2.25, 0, 0 → mean 0.625
    close(cosineTargetLoss(cos, same).dataSync()[0], 0.625);
    assert.throws(() => cosineTargetLoss(cos, tf.tensor1d([1])), /4 cosines, 1 targets/);
    tf.dispose([cos, same]);
  });
});
