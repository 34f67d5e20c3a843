import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { addressTable } from '../../lib/search/semantic-hash';
import { encodePacked } from '../../lib/search/encode-codes';
import { packBits } from '../../lib/search/hamming';
import { lookupThenRerank } from '../../lib/search/two-stage';
import { msPerQuery, timedRun } from '../../lib/search/query-timing';
import { floatRows } from '../../lib/search/float-scan';

describe('search/two-stage, query timing, encodePacked, floatRows', () => {
  // Five items with 4-bit addresses and 8-bit long codes.
  const short = packBits([0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 1, 0, 0], 5, 4);
  const long = packBits(
    [
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 1, 1, 0, 0, 0, 0, 0],
      [1, 0, 0, 0, 0, 0, 0, 0],
      [0, 0, 0, 0, 0, 0, 0, 0],
      [1, 1, 0, 0, 0, 0, 0, 0],
    ].flat(),
    5,
    8,
  );

  it('looks up addresses within the radius, leaves the query out, re-ranks by the long codes', () => {
    const table = addressTable(short);
    // Item 0 (address 0000): items 1 (1000), 2 (0000) and 4 (0100) are within radius 1; 3 (1111) is not.
    assert.deepStrictEqual(lookupThenRerank(table, short, long, 0, { radius: 1, keep: 10 }), {
      indices: [2, 4, 1],
      candidates: 3,
    });
    assert.deepStrictEqual(lookupThenRerank(table, short, long, 0, { radius: 0 }), { indices: [2], candidates: 1 });
    assert.deepStrictEqual(lookupThenRerank(table, short, long, 0, { radius: 4, keep: 2 }).indices, [3, 2]);
  });

  it('msPerQuery calls the search once per query after one warm-up; timedRun returns the value', () => {
    const seen: number[] = [];
    const ms = msPerQuery(3, (q) => seen.push(q));
    assert.deepStrictEqual(seen, [0, 0, 1, 2]);
    assert.ok(ms >= 0 && Number.isFinite(ms));
    assert.throws(() => msPerQuery(0, () => 0), /at least 1/);
    const run = timedRun(() => 42);
    assert.strictEqual(run.value, 42);
    assert.ok(run.ms >= 0);
  });

  it('encodePacked packs an encoder’s 0/1 output and frees it; floatRows reads a matrix', () => {
    const encoder = { predict: (x: tf.Tensor) => tf.tidy(() => x.greater(0.5).toFloat()) };
    const images = tf.tensor2d([
      [1, 0, 1],
      [0, 0, 1],
    ]);
    const before = tf.memory().numTensors;
    const codes = encodePacked(encoder, images);
    assert.strictEqual(tf.memory().numTensors, before, 'the bit tensor is disposed');
    assert.deepStrictEqual([codes.count, codes.bits, Array.from(codes.words)], [2, 3, [0b101, 0b100]]);
    assert.deepStrictEqual(floatRows(images), { values: Float32Array.of(1, 0, 1, 0, 0, 1), count: 2, dim: 3 });
    images.dispose();
  });
});
