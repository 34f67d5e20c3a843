import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { contrastiveLoss } from '../../lib/losses/contrastive';
import { createSiamese, streamGradients } from '../../lib/models/siamese';
import { mlpEncoder } from '../../lib/models/small-networks';
import { fitPairs, scorePairs } from '../../lib/training/fit-pairs';
import { balancedPairs } from '../../lib/data/pairs';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const registered = (): number => Object.keys(tf.engine().registeredVariables).length;

// A batch of 6 pairs of 5-d inputs; the encoder has no dropout so that every forward pass is the same function.
const A = tf.randomNormal([6, 5], 0, 1, 'float32', 11);
const B = tf.randomNormal([6, 5], 0, 1, 'float32', 12);
const SAME = tf.tensor1d([1, 0, 1, 0, 0, 1]);
const encoder = (seed: number): tf.LayersModel => mlpEncoder({ inputShape: [5], units: [8, 4], dropout: 0, seed });

describe('models/siamese', () => {
  it('tied weights: one encoder, one set of variables for both inputs', () => {
    const enc = encoder(1);
    const count = registered();
    const s = createSiamese(enc, { makeOptimizer: () => tf.train.sgd(0.1) });
    assert.strictEqual(registered(), count, 'creating the Siamese network made new variables');
    assert.deepStrictEqual(
      s.variables().map((v) => v.id),
      enc.trainableWeights.map((w) => w.read().id),
    );
    // the same input on both sides has distance 0: both branches compute the same function
    assert.ok(
      s
        .distances(A, A)
        .dataSync()
        .every((d) => d < 1e-5),
    );
    const before = enc.getWeights().map((w) => w.clone());
    tf.tidy(() => s.trainStep(A, B, SAME));
    assert.strictEqual(registered(), count, 'a tied step made new variables');
    assert.ok(
      enc.getWeights().some((w, i) => maxAbsDiff(w, before[i]) > 0),
      'the step did not move the encoder',
    );
    tf.dispose(before);
    s.dispose();
    enc.dispose();
  });

  it("the tied gradient is the sum of the two streams' gradients", () => {
    const s = createSiamese(encoder(2), { makeOptimizer: () => tf.train.sgd(0.1) });
    const g = streamGradients(s, A, B, SAME);
    for (const v of s.variables()) {
      const sum = tf.add(g.streamA[v.name], g.streamB[v.name]);
      assert.ok(maxAbsDiff(g.tied[v.name], sum) < 1e-6, v.name);
      assert.ok(maxAbsDiff(g.streamA[v.name], g.streamB[v.name]) > 1e-6, 'streams should differ');
      sum.dispose();
    }
    tf.dispose([...Object.values(g.tied), ...Object.values(g.streamA), ...Object.values(g.streamB)]);
    s.dispose();
    s.encoder.dispose();
  });

  it('averaged streams under SGD(η) = tied SGD(η/2), step for step; tied SGD(η) differs', () => {
    const lr = 0.2;
    const make = (update: 'tied' | 'averaged-streams', rate: number) =>
      createSiamese(encoder(3), { makeOptimizer: () => tf.train.sgd(rate), update });
    const avg = make('averaged-streams', lr);
    const half = make('tied', lr / 2);
    const full = make('tied', lr);
    for (let step = 0; step < 3; step++) for (const s of [avg, half, full]) tf.tidy(() => s.trainStep(A, B, SAME));
    const wa = avg.encoder.getWeights();
    const wh = half.encoder.getWeights();
    const wf = full.encoder.getWeights();
    wa.forEach((w, i) => {
      assert.ok(maxAbsDiff(w, wh[i]) < 1e-6, `weight ${i}: averaged ≠ tied at η/2 (${maxAbsDiff(w, wh[i])})`);
    });
    assert.ok(
      wa.some((w, i) => maxAbsDiff(w, wf[i]) > 1e-3),
      'averaged streams should not equal tied at η',
    );
    for (const s of [avg, half, full]) {
      s.dispose();
      s.encoder.dispose();
    }
  });

  it('training with the contrastive loss separates matching from non-matching pairs, without leaking tensors', async () => {
    // four classes of 5-d points around distinct centres
    const labels = Int32Array.from({ length: 80 }, (_, i) => i % 4);
    const centres = tf.tensor2d([
      [2, 0, 0, 0, 0],
      [0, 2, 0, 0, 0],
      [0, 0, 2, 0, 0],
      [0, 0, 0, 2, 2],
    ]);
    const x = tf.tidy(() =>
      tf.add(tf.gather(centres, tf.tensor1d(labels, 'int32')), tf.randomNormal([80, 5], 0, 0.7, 'float32', 5)),
    );
    const pairs = balancedPairs(labels, { positives: 100, seed: 1 });
    const s = createSiamese(encoder(4), { makeOptimizer: () => tf.train.adam(0.01), margin: 1 });
    const loss0 = tf.tidy(
      () =>
        s
          .loss(
            tf.gather(x, tf.tensor1d(pairs.left, 'int32')),
            tf.gather(x, tf.tensor1d(pairs.right, 'int32')),
            tf.tensor1d(pairs.same),
          )
          .dataSync()[0],
    );
    await fitPairs(s, x, pairs, { epochs: 1, batchSize: 20 });
    const before = tf.memory().numTensors;
    const losses = await fitPairs(s, x, pairs, { epochs: 15, batchSize: 20 });
    assert.strictEqual(tf.memory().numTensors, before);
    assert.ok(losses[losses.length - 1] < loss0 / 2, `loss ${loss0} → ${losses[losses.length - 1]}`);
    const d = scorePairs((a, b) => s.distances(a, b), x, pairs);
    const correct = Array.from(d).filter((di, i) => di < 0.5 === (pairs.same[i] === 1)).length;
    assert.ok(correct / d.length > 0.9, `pair accuracy ${correct / d.length}`);
    // the loss method is the contrastive loss of the encoder's distances
    const check = tf.tidy(() => maxAbsDiff(s.loss(A, B, SAME), contrastiveLoss(s.distances(A, B), SAME, 1)));
    assert.ok(check < 1e-6);
    // as a gallery searcher: the score of a query against each gallery row is minus their embedding distance
    const prepared = s.prepareGallery(B);
    const q = tf.slice(A, 2, 1);
    const viaGallery = s.scoreGallery(q, prepared);
    const direct = tf.tidy(() => tf.neg(s.distances(tf.tile(q, [6, 1]), B)));
    assert.ok(maxAbsDiff(viaGallery, direct) < 1e-5);
    tf.dispose([prepared, q, viaGallery, direct]);
    s.dispose();
    s.encoder.dispose();
    tf.dispose([x, centres]);
  });
});
