import * as assert from 'assert';
import {
  DOUBLING_RECALL_LEVELS,
  doublingRetrievedCounts,
  meanCurve,
  precisionAtRecall,
  precisionAtRecallFromScores,
  precisionAtRetrievedFromScores,
  precisionCurvesFromScores,
} from '../../lib/metrics/precision-recall';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-12);

/** Every ordering of the items (small n only). */
function permutations(items: number[]): number[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((p) => [x, ...p]));
}

describe('metrics/precision-recall', () => {
  it('reads precision off a known ranking at each recall level', () => {
    // Relevant at ranks 1, 3 and 6 of 8: R = 3.
    const ranked = [1, 0, 1, 0, 0, 1, 0, 0];
    const p = precisionAtRecall(ranked, [1 / 3, 0.5, 2 / 3, 1]);
    // 1/3 → 1 item by rank 1; 0.5 → ⌈1.5⌉ = 2 items by rank 3; 2/3 → 2 items; 1 → 3 items by rank 6.
    [1, 2 / 3, 2 / 3, 0.5].forEach((v, i) => close(p[i], v));
    assert.ok(precisionAtRecall([0, 0], [0.5]).every(Number.isNaN));
    assert.throws(() => precisionAtRecall(ranked, [0]), /\(0, 1\]/);
  });

  it('scores without ties give the same curve as the ranking they imply', () => {
    const scores = [0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2];
    const relevant = [1, 0, 1, 0, 0, 1, 0, 0];
    const shuffle = [5, 2, 7, 0, 3, 6, 1, 4];
    const p = precisionAtRecallFromScores(
      shuffle.map((i) => scores[i]),
      shuffle.map((i) => relevant[i]),
      DOUBLING_RECALL_LEVELS,
    );
    assert.deepStrictEqual(Array.from(p), Array.from(precisionAtRecall(relevant)));
    const k = precisionAtRetrievedFromScores(scores, relevant, [1, 2, 3, 8]);
    [1, 0.5, 2 / 3, 3 / 8].forEach((v, i) => close(k[i], v));
  });

  it('ties count at their expected rank over all orders of the tied items', () => {
    // One non-relevant item above a tie block of two relevant and two non-relevant items, then one relevant below.
    const scores = [3, 2, 2, 2, 2, 1];
    const relevant = [0, 1, 0, 1, 0, 1];
    const levels = [1 / 3, 2 / 3, 1];
    const p = precisionAtRecallFromScores(scores, relevant, levels);
    // Brute force: the expected rank of the m-th relevant item over all orders of the tied block.
    const block = [1, 2, 3, 4];
    const orders = permutations(block);
    for (const [i, m] of [
      [0, 1],
      [1, 2],
    ]) {
      let rankSum = 0;
      for (const order of orders) {
        const ranking = [0, ...order, 5].map((j) => relevant[j]);
        let hits = 0;
        rankSum += ranking.findIndex((rel) => rel && ++hits === m) + 1;
      }
      close(p[i], m / (rankSum / orders.length));
    }
    close(p[2], 3 / 6);
    // Precision among the first 3 = expected relevant items among them: 0 from the top item, 2 × (2/4) from the block.
    const k = precisionAtRetrievedFromScores(scores, relevant, [1, 3, 5, 6]);
    [0, 1 / 3, 2 / 5, 3 / 6].forEach((v, i) => close(k[i], v));
    const both = precisionCurvesFromScores(scores, relevant, levels, [3]);
    assert.deepStrictEqual(Array.from(both.atRecall), Array.from(p));
    close(both.atRetrieved[0], 1 / 3);
    assert.throws(() => precisionAtRetrievedFromScores(scores, relevant, [7]), /1\.\.6/);
  });

  it('averages curves over queries, skipping queries with nothing relevant', () => {
    const mean = meanCurve([Float64Array.of(1, 0.5), Float64Array.of(0.5, NaN), Float64Array.of(0, 0)]);
    close(mean[0], 0.5);
    close(mean[1], 0.25);
    assert.deepStrictEqual(doublingRetrievedCounts(20), [1, 3, 7, 15]);
    assert.strictEqual(DOUBLING_RECALL_LEVELS.length, 11);
    close(DOUBLING_RECALL_LEVELS[9], 0.512);
  });
});
