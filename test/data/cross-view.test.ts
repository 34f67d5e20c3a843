import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { classBalancedBatch } from '../../lib/data/class-batches';
import { crossViewPairs } from '../../lib/data/cross-view-pairs';
import { rotatedCoarseView } from '../../lib/data/image-views';
import { seededRandom } from '../../lib/data/seeded-random';

describe('data/cross-view pairs, image views, P×K batches', () => {
  it('crossViewPairs: one match (A_i, B_i) and `negatives` mismatches per item, right side offset', () => {
    const p = crossViewPairs(5, { negatives: 2, seed: 3 });
    assert.strictEqual(p.same.length, 15);
    for (let k = 0; k < 15; k++) {
      assert.ok(p.left[k] < 5 && p.right[k] >= 5);
      assert.strictEqual(p.same[k] === 1, p.right[k] - 5 === p.left[k]);
    }
    assert.strictEqual(Array.from(p.same).filter((s) => s === 1).length, 5);
    assert.deepStrictEqual(crossViewPairs(5, { negatives: 2, seed: 3 }), p);
    assert.strictEqual(crossViewPairs(3, { rightOffset: 0 }).right[0], 0);
  });

  it('rotatedCoarseView turns a quarter clockwise and averages 2×2 blocks', () => {
    // 4×4 image with one bright pixel at row 0, col 3 (top right) → after a clockwise quarter: bottom right.
    const img = tf.buffer<tf.Rank.R4>([1, 4, 4, 1]);
    img.set(1, 0, 0, 3, 0);
    const v = rotatedCoarseView(img.toTensor());
    assert.deepStrictEqual(v.shape, [1, 4, 4, 1]);
    const rows = v.squeeze<tf.Tensor2D>().arraySync();
    assert.deepStrictEqual(rows, [
      [0, 0, 0, 0],
      [0, 0, 0, 0],
      [0, 0, 0.25, 0.25],
      [0, 0, 0.25, 0.25],
    ]);
    assert.throws(() => rotatedCoarseView(tf.zeros<tf.Rank.R4>([1, 3, 3, 1])), /divisible/);
    v.dispose();
  });

  it('classBalancedBatch draws K distinct examples of each of P distinct classes', () => {
    const labels = Int32Array.from({ length: 100 }, (_, i) => i % 10);
    const batch = classBalancedBatch(labels, 4, 5, seededRandom(1));
    assert.strictEqual(batch.length, 20);
    assert.strictEqual(new Set(batch).size, 20);
    const classes = Array.from(batch, (i) => labels[i]);
    for (let p = 0; p < 4; p++) assert.strictEqual(new Set(classes.slice(p * 5, p * 5 + 5)).size, 1);
    assert.strictEqual(new Set(classes).size, 4);
    // A class smaller than K is drawn with repetition.
    assert.strictEqual(classBalancedBatch([0, 0, 1], 2, 3, seededRandom(2)).length, 6);
    assert.throws(() => classBalancedBatch(labels, 11, 2, seededRandom(1)), /11 classes/);
  });
});
