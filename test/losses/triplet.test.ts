import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { registerWasmTrainingKernels } from '../../lib/backend/wasm-kernels';
import {
  activeTripletFraction,
  batchDistances,
  mineTriplets,
  minedTripletLoss,
  tripletLoss,
} from '../../lib/losses/triplet';
import { closeWithin } from '../support/close';

const close = closeWithin(1e-5);

// Five 1-D embeddings: class 0 at x = 0, 1; class 1 at x = 0.5, 2, 3 (the hand computations below use them).
const X = [[0], [1], [0.5], [2], [3]];
const LABELS = [0, 0, 1, 1, 1];
const EUCLID = (i: number, j: number): number => Math.abs(X[i][0] - X[j][0]);

describe('losses/triplet', () => {
  it('tripletLoss is max(d(a,p) − d(a,n) + α, 0) averaged over rows, squared or Euclidean', () => {
    const a = tf.tensor2d([
      [0, 0],
      [1, 0],
    ]);
    const p = tf.tensor2d([
      [1, 0],
      [1, 1],
    ]);
    const n = tf.tensor2d([
      [0, 2],
      [1, 0.5],
    ]);
    // squared: row 1: 1 − 4 + 0.2 < 0 → 0; row 2: 1 − 0.25 + 0.2 = 0.95
    close(tripletLoss(a, p, n, { margin: 0.2 }).dataSync()[0], 0.475);
    // Euclidean: row 2: 1 − 0.5 + 0.2 = 0.7
    close(tripletLoss(a, p, n, { margin: 0.2, distance: 'euclidean' }).dataSync()[0], 0.35);
    // a larger margin switches row 1 on: 1 − 4 + 3.5 = 0.5 and row 2: 1 − 0.25 + 3.5 = 4.25
    close(tripletLoss(a, p, n, { margin: 3.5 }).dataSync()[0], 2.375);
    tf.dispose([a, p, n]);
  });

  it('batchDistances gives the distance matrix and a finite gradient on duplicated rows', () => {
    const e = tf.tensor2d([
      [0, 0],
      [3, 4],
      [0, 1],
      [0, 1],
    ]);
    const sq = batchDistances(e, 'squared').arraySync();
    assert.deepStrictEqual(sq[0], [0, 25, 1, 1]);
    close(sq[1][2], 18);
    const eu = batchDistances(e, 'euclidean').arraySync();
    close(eu[0][1], 5);
    close(eu[1][2], Math.sqrt(18));
    close(eu[2][3], 0);
    const g = tf.grad((x: tf.Tensor) => tf.sum(batchDistances(x as tf.Tensor2D, 'euclidean')))(e);
    assert.ok(Array.from(g.dataSync()).every(Number.isFinite), 'gradient has NaN/Inf');
    tf.dispose([e, g]);
  });

  it('semi-hard mining picks the closest negative beyond the positive, else the farthest negative', () => {
    const d = Float32Array.from({ length: 25 }, (_, k) => EUCLID(Math.floor(k / 5), k % 5));
    const t = mineTriplets(d, LABELS, 'semi-hard');
    const got = Array.from(t.anchors, (a, i) => `${a}${t.positives[i]}${t.negatives[i]}`);
    assert.deepStrictEqual(got, ['013', '104', '230', '240', '320', '340', '420', '431']);
  });

  it('batch-all mining lists every valid triplet', () => {
    const d = new Float32Array(25);
    const t = mineTriplets(d, LABELS, 'batch-all');
    assert.strictEqual(t.anchors.length, 2 * 1 * 3 + 3 * 2 * 2);
    for (let i = 0; i < t.anchors.length; i++) {
      assert.notStrictEqual(t.anchors[i], t.positives[i]);
      assert.strictEqual(LABELS[t.anchors[i]], LABELS[t.positives[i]]);
      assert.notStrictEqual(LABELS[t.anchors[i]], LABELS[t.negatives[i]]);
    }
    assert.throws(() => mineTriplets(new Float32Array(24), LABELS, 'batch-all'), /24 distances/);
  });

  it('minedTripletLoss matches hand-computed values for both mining rules', () => {
    const e = tf.tensor2d(X);
    // semi-hard: the 8 chosen triplets lose 0 except (2,3,0): 1.5 − 0.5 + 0.2 and (2,4,0): 2.5 − 0.5 + 0.2 → 3.4 / 8
    close(
      minedTripletLoss(e, LABELS, { mining: 'semi-hard', distance: 'euclidean', margin: 0.2 }).dataSync()[0],
      0.425,
    );
    // batch-all: 10 of the 18 triplets are active, their losses sum to 10.0
    close(minedTripletLoss(e, LABELS, { mining: 'batch-all', distance: 'euclidean', margin: 0.2 }).dataSync()[0], 1.0);
    close(activeTripletFraction(e, LABELS, { distance: 'euclidean', margin: 0.2 }), 10 / 18);
    // Both rules are differentiable: an optimizer can follow them.
    for (const mining of ['batch-all', 'semi-hard'] as const) {
      const g = tf.grad((x: tf.Tensor) =>
        minedTripletLoss(x as tf.Tensor2D, LABELS, { mining, distance: 'euclidean' }),
      )(e);
      const v = Array.from(g.dataSync());
      assert.ok(v.every(Number.isFinite) && v.some((x) => x !== 0), `${mining} gradient ${v}`);
      g.dispose();
    }
    e.dispose();
  });

  it('a batch without triplets gives 0 and still a gradient path; memory stays flat', () => {
    const w = tf.variable(
      tf.tensor2d([
        [1, 0],
        [0, 1],
      ]),
    );
    const x = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const opt = tf.train.sgd(0.1);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      const loss = opt.minimize(() => minedTripletLoss(tf.matMul(x, w), [0, 1]), true);
      assert.strictEqual(loss?.dataSync()[0], 0);
      loss?.dispose();
    }
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose([w, x]);
    opt.dispose();
  });

  it('gives the same loss and gradient on the wasm backend as on cpu (the notebooks train on wasm)', async () => {
    const before = tf.getBackend();
    const values = Array.from({ length: 24 * 5 }, (_, i) => Math.sin(i * 1.7) + 0.3 * Math.cos(i * 0.31));
    const labels = Array.from({ length: 24 }, (_, i) => i % 4);
    const run = async (backend: string): Promise<number[]> => {
      await tf.setBackend(backend);
      return tf.tidy(() => {
        const e = tf.tensor2d(values, [24, 5]);
        const out: number[] = [];
        for (const mining of ['semi-hard', 'batch-all'] as const) {
          const f = (x: tf.Tensor): tf.Scalar => minedTripletLoss(x as tf.Tensor2D, labels, { mining, margin: 0.5 });
          out.push(f(e).dataSync()[0], ...Array.from(tf.grad(f)(e).dataSync()));
        }
        return out;
      });
    };
    try {
      registerWasmTrainingKernels();
      const cpu = await run('cpu');
      const wasm = await run('wasm');
      assert.ok(cpu[0] > 0, 'the test batch should have a positive loss');
      cpu.forEach((v, i) => close(wasm[i], v, 1e-4));
    } finally {
      await tf.setBackend(before);
    }
  });

  it('training a linear embedding with semi-hard triplet loss separates two classes', () => {
    // Class depends on the second coordinate only; the first is larger noise that a raw distance would follow.
    let seed = 7;
    const rand = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 32; i++) {
      const c = i % 2;
      labels.push(c);
      rows.push([4 * (rand() - 0.5), c + 0.2 * (rand() - 0.5)]);
    }
    const x = tf.tensor2d(rows);
    const w = tf.variable(
      tf.tensor2d([
        [1, 0.3],
        [0.2, 1],
      ]),
    );
    const opt = tf.train.sgd(0.05);
    const lossAt = (): number =>
      tf.tidy(() => minedTripletLoss(tf.matMul(x, w), labels, { mining: 'batch-all' }).dataSync()[0]);
    const start = lossAt();
    for (let i = 0; i < 100; i++)
      opt.minimize(() => minedTripletLoss(tf.matMul(x, w), labels, { mining: 'semi-hard' }));
    const end = lossAt();
    assert.ok(start > 0.5 && end < 0.1 * start, `batch-all loss went from ${start} to ${end}`);
    tf.dispose([x, w]);
    opt.dispose();
  });
});
