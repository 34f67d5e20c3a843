import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { distanceMatrix, knnClassify, nearestNeighbours, predictionAccuracy } from '../../lib/search/knn';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-5);

describe('search/knn', () => {
  const gallery = [
    [0, 0],
    [1, 0],
    [0, 2],
    [3, 3],
    [-1, 0],
  ];
  const labels = [0, 0, 1, 1, 2];

  it('distanceMatrix gives Euclidean and cosine distances query × gallery', () => {
    const q = tf.tensor2d([
      [0, 1],
      [3, 4],
    ]);
    const g = tf.tensor2d(gallery);
    const e = distanceMatrix(q, g).arraySync();
    assert.deepStrictEqual([e.length, e[0].length], [2, 5]);
    gallery.forEach((row, j) => {
      close(e[0][j], Math.hypot(row[0] - 0, row[1] - 1));
      close(e[1][j], Math.hypot(row[0] - 3, row[1] - 4));
    });
    const c = distanceMatrix(
      q,
      tf.tensor2d([
        [0, 5],
        [2, 0],
        [-1, -1],
      ]),
      'cosine',
    ).arraySync();
    close(c[0][0], 0);
    close(c[0][1], 1);
    close(c[0][2], 1 + Math.SQRT1_2);
    close(c[1][1], 1 - 3 / 5);
    tf.dispose([q, g]);
  });

  it('nearestNeighbours returns the k nearest, nearest first, across query blocks', () => {
    const q = tf.tensor2d([
      [0.9, 0.1],
      [2.5, 2.5],
      [-0.6, 0],
      [0, 1.9],
    ]);
    const g = tf.tensor2d(gallery);
    const nn = nearestNeighbours(q, g, 2, { batchSize: 3 });
    assert.deepStrictEqual(nn.indices, [
      [1, 0],
      [3, 2],
      [4, 0],
      [2, 0],
    ]);
    close(nn.distances[1][0], Math.hypot(0.5, 0.5));
    assert.ok(nn.distances.every((r) => r[0] <= r[1]));
    assert.strictEqual(nearestNeighbours(q, g, 10).indices[0].length, 5);
    tf.dispose([q, g]);
  });

  it('knnClassify votes, breaks ties by the nearest, and is scored by predictionAccuracy', () => {
    const q = tf.tensor2d([
      [0.9, 0.1],
      [-0.6, 0],
      [0.1, 1.4],
    ]);
    const g = tf.tensor2d(gallery);
    assert.deepStrictEqual(Array.from(knnClassify(q, g, labels, 1)), [0, 2, 1]);
    // k = 2: the 2nd query's neighbours are 4 (label 2) and 0 (label 0), a 1–1 tie → the nearer, label 2
    assert.deepStrictEqual(Array.from(knnClassify(q, g, labels, 2)), [0, 2, 1]);
    // k = 3: the 2nd query sees labels 2, 0, 0 and the 3rd 1, 0, 0 → label 0 wins both votes
    assert.deepStrictEqual(Array.from(knnClassify(q, g, labels, 3)), [0, 0, 0]);
    close(predictionAccuracy([0, 2, 1], [0, 2, 0]), 2 / 3);
    assert.throws(() => knnClassify(q, g, [0, 1], 1), /2 labels for 5 gallery rows/);
    tf.dispose([q, g]);
  });

  it('leaves no tensors behind', () => {
    const q = tf.randomNormal<tf.Rank.R2>([20, 4]);
    const g = tf.randomNormal<tf.Rank.R2>([30, 4]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      nearestNeighbours(q, g, 3, { batchSize: 7 });
      knnClassify(
        q,
        g,
        Array.from({ length: 30 }, (_, i) => i % 3),
        3,
        { metric: 'cosine' },
      );
    }
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([q, g]);
  });
});
