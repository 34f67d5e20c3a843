import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { nearestNeighbourAgreement } from '../../lib/metrics/neighbour-agreement';

describe('metrics/neighbour-agreement', () => {
  // Two tight pairs far apart; the last point sits next to the first pair.
  const points = [
    [0, 0],
    [0, 1],
    [10, 10],
    [10, 11],
    [0.4, 0.2],
  ];

  it('counts the points whose nearest other point shares their label (never the point itself)', () => {
    assert.strictEqual(nearestNeighbourAgreement(points, [0, 0, 1, 1, 0]), 1);
    // Relabelling the stray point breaks three matches: its own and those of the two points it is nearest to.
    assert.strictEqual(nearestNeighbourAgreement(points, [0, 0, 1, 1, 1]), 2 / 5);
  });

  it('takes a tensor as well as arrays, and leaves no tensors behind', () => {
    const t = tf.tensor2d(points);
    const before = tf.memory().numTensors;
    assert.strictEqual(nearestNeighbourAgreement(t, [0, 0, 0, 1, 1]), 0);
    assert.strictEqual(tf.memory().numTensors, before);
    t.dispose();
  });
});
