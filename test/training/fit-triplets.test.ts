import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { fitTriplets, l2Normalize } from '../../lib/training/fit-triplets';

describe('training/fit-triplets', () => {
  it('l2Normalize gives unit rows', () => {
    const n = l2Normalize(
      tf.tensor2d([
        [3, 4],
        [0, 2],
      ]),
    );
    const v = n.dataSync();
    [0.6, 0.8, 0, 1].forEach((e, i) => assert.ok(Math.abs(v[i] - e) < 1e-6, `${v[i]} ≠ ${e}`));
    n.dispose();
  });

  it('learns an embedding where classes cluster, with flat memory', async () => {
    // Four classes in 6-D: the class sits in two coordinates, the other four are larger noise.
    let seed = 5;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const rows: number[][] = [];
    const labels: number[] = [];
    for (let i = 0; i < 200; i++) {
      const c = i % 4;
      labels.push(c);
      rows.push(
        [c % 2 ? 0.5 : -0.5, c < 2 ? 0.5 : -0.5, 2 * rand(), 2 * rand(), 2 * rand(), 2 * rand()].map((v, j) =>
          j < 2 ? v + 0.1 * rand() : v,
        ),
      );
    }
    const x = tf.tensor2d(rows);
    const enc = tf.sequential();
    enc.add(
      tf.layers.dense({ units: 4, inputShape: [6], kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }),
    );
    const nearestSameClass = (): number =>
      tf.tidy(() => {
        const e = l2Normalize(enc.predict(x) as tf.Tensor2D);
        const d = tf.add(tf.neg(tf.matMul(e, e, false, true)), tf.mul(tf.eye(200), 10));
        const nn = tf.argMin(d, 1).dataSync();
        return Array.from(nn).filter((j, i) => labels[j] === labels[i]).length / 200;
      });
    const before = nearestSameClass();
    const optimizer = tf.train.adam(0.05);
    const updates: number[] = [];
    const options = { optimizer, perClass: 6, mining: 'semi-hard' as const, margin: 0.2 };
    const losses = await fitTriplets(enc, x, labels, { ...options, steps: 1 });
    const numTensors = tf.memory().numTensors; // Adam's moments exist from the first step on
    losses.push(
      ...(await fitTriplets(enc, x, labels, {
        ...options,
        steps: 59,
        seed: 1,
        progress: { update: (s) => updates.push(s), finish: () => undefined },
      })),
    );
    assert.strictEqual(tf.memory().numTensors, numTensors, 'training leaks tensors');
    const after = nearestSameClass();
    assert.strictEqual(losses.length, 60);
    assert.deepStrictEqual(updates, [10, 20, 30, 40, 50, 59]);
    assert.ok(before < 0.7 && after > 0.95, `1-NN same-class rate ${before} → ${after}`);
    optimizer.dispose();
    x.dispose();
    enc.dispose();
  });
});
