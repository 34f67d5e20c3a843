import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  averagePrecision,
  cmcCurve,
  meanAveragePrecision,
  precisionAtK,
  rankByDistance,
  relevanceOf,
  retrievalScores,
} from '../../lib/metrics/retrieval';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-9);

describe('metrics/retrieval', () => {
  const A = [1, 0, 1, 0, 0];
  const B = [0, 0, 1];
  const C = [0, 0, 0];

  it('precision@k counts hits in the top k', () => {
    close(precisionAtK(A, 1), 1);
    close(precisionAtK(A, 2), 0.5);
    close(precisionAtK(A, 3), 2 / 3);
    close(precisionAtK(B, 10), 0.1);
    assert.throws(() => precisionAtK(A, 0), /at least 1/);
  });

  it('average precision averages the precision at each relevant rank', () => {
    close(averagePrecision(A), (1 + 2 / 3) / 2);
    close(averagePrecision(B), 1 / 3);
    close(averagePrecision(C), 0);
    close(averagePrecision([1, 1, 1]), 1);
    close(meanAveragePrecision([A, B]), ((1 + 2 / 3) / 2 + 1 / 3) / 2);
  });

  it('the CMC curve is the cumulative rate of first hits', () => {
    assert.deepStrictEqual(Array.from(cmcCurve([A, B, C], 4)), [1 / 3, 1 / 3, 2 / 3, 2 / 3]);
    const s = retrievalScores([A, B, C], [1, 3], 3);
    close(s.precisionAt[1], 1 / 3);
    close(s.precisionAt[3], (2 / 3 + 1 / 3 + 0) / 3);
    close(s.meanAveragePrecision, ((1 + 2 / 3) / 2 + 1 / 3 + 0) / 3);
  });

  it('ranks a gallery by distance and marks same-label items relevant', () => {
    const d = tf.tensor2d([
      [0.3, 0.1, 0.2],
      [0.5, 0.5, 0.1],
    ]);
    const order = rankByDistance(d);
    assert.deepStrictEqual(
      order.map((o) => Array.from(o)),
      [
        [1, 2, 0],
        [2, 0, 1],
      ],
    );
    const rel = relevanceOf(order, [7, 8], [7, 8, 7]);
    assert.deepStrictEqual(
      rel.map((r) => Array.from(r)),
      [
        [0, 1, 1],
        [0, 0, 1],
      ],
    );
    d.dispose();
  });
});
