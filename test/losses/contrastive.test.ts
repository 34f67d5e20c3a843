import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { contrastiveLoss, rowDistances } from '../../lib/losses/contrastive';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-6);

describe('losses/contrastive', () => {
  it('is the mean of y·d² + (1 − y)·max(m − d, 0)², y = 1 for a match (hand-computed)', () => {
    const d = tf.tensor1d([0.5, 0.5, 1.5, 0.2]);
    const y = tf.tensor1d([1, 0, 0, 1]);
    // margin 1: 0.25, (0.5)² = 0.25, max(−0.5, 0)² = 0, 0.04  → mean 0.54 / 4 = 0.135
    close(contrastiveLoss(d, y, 1).dataSync()[0], 0.135);
    // margin 2: 0.25, (1.5)² = 2.25, (0.5)² = 0.25, 0.04 → 2.79 / 4 = 0.6975
    close(contrastiveLoss(d, y, 2).dataSync()[0], 0.6975);
    tf.dispose([d, y]);
  });

  it('pulls matches in and pushes non-matches only while inside the margin (gradient signs)', () => {
    const y = tf.tensor1d([1, 0, 0]);
    const g = tf
      .grad((d: tf.Tensor) => contrastiveLoss(d as tf.Tensor1D, y, 1))(tf.tensor1d([0.5, 0.5, 1.5]))
      .dataSync();
    close(g[0], (2 * 0.5) / 3); // d/dd of d²/3
    close(g[1], (-2 * 0.5) / 3); // d/dd of (1 − d)²/3
    close(g[2], 0); // outside the margin: no force
    y.dispose();
  });

  it('rowDistances is the Euclidean distance of matching rows, with a finite gradient at 0', () => {
    const a = tf.tensor2d([
      [0, 0],
      [1, 1],
    ]);
    const b = tf.tensor2d([
      [3, 4],
      [1, 1],
    ]);
    const d = rowDistances(a, b).dataSync();
    close(d[0], 5);
    close(d[1], 0, 1e-5);
    const g = tf
      .grad((x: tf.Tensor) => tf.sum(rowDistances(x as tf.Tensor2D, b)))(a)
      .dataSync();
    assert.ok(Array.from(g).every(Number.isFinite), `gradient not finite: ${g.join(',')}`);
    close(g[0], -0.6);
    close(g[1], -0.8);
    tf.dispose([a, b]);
  });

  it('leaves no tensors behind', () => {
    const d = tf.tensor1d([0.1, 0.9]);
    const y = tf.tensor1d([1, 0]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) contrastiveLoss(d, y).dispose();
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([d, y]);
  });
});
