import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { createCosineSiamese, timeDelayEncoder } from '../../lib/models/time-delay';
import { fitPairs } from '../../lib/training/fit-pairs';

describe('models/time-delay', () => {
  it("has Bromley et al.'s shapes: 8×200 → 12×64 → 16×19 → 16 features", () => {
    const enc = timeDelayEncoder();
    assert.deepStrictEqual(
      enc.layers.map((l) => l.outputShape),
      [
        [null, 64, 12],
        [null, 19, 16],
        [null, 16],
      ],
    );
    assert.strictEqual(enc.countParams(), 11 * 8 * 12 + 12 + (10 * 12 * 16 + 16));
    enc.dispose();
  });

  it('one encoder serves both inputs, and training pulls genuine pairs toward +1 and forgery pairs toward −1', async () => {
    // Tiny sequences: "genuine" rows oscillate slowly, "forgeries" quickly; pairs (slow, slow) = 1, (slow, fast) = 0.
    const steps = 24;
    const rows: number[][][] = [];
    for (let i = 0; i < 16; i++) {
      const f = i < 8 ? 0.3 : 1.6;
      rows.push(Array.from({ length: steps }, (_, t) => [Math.sin(f * t + i), Math.cos(f * t + i)]));
    }
    const x = tf.tensor3d(rows);
    const left: number[] = [];
    const right: number[] = [];
    const same: number[] = [];
    for (let a = 0; a < 8; a++)
      for (let b = 0; b < 16; b++)
        if (a !== b) {
          left.push(a);
          right.push(b);
          same.push(b < 8 ? 1 : 0);
        }
    const pairs = { left: Int32Array.from(left), right: Int32Array.from(right), same: Float32Array.from(same) };
    const enc = timeDelayEncoder({ inputShape: [steps, 2], layers: [{ filters: 4, kernel: 3, stride: 1 }], seed: 3 });
    const net = createCosineSiamese(enc, tf.train.adam(0.05));
    assert.strictEqual(net.variables().length, 2, 'one kernel and one bias: the branches share them');
    const gap = (): number => {
      const s = net.similarity(tf.gather(x, Array.from(pairs.left)), tf.gather(x, Array.from(pairs.right)));
      const v = s.dataSync();
      s.dispose();
      let g = 0;
      let f = 0;
      v.forEach((c, i) => {
        if (pairs.same[i]) g += c;
        else f += c;
      });
      return g / same.filter((y) => y).length - f / same.filter((y) => !y).length;
    };
    const before = gap();
    const history = await fitPairs(net, x, pairs, { epochs: 1, batchSize: 32 });
    const numTensors = tf.memory().numTensors; // Adam's moments exist from the first step on
    history.push(...(await fitPairs(net, x, pairs, { epochs: 14, batchSize: 32, seed: 1 })));
    assert.strictEqual(tf.memory().numTensors, numTensors, 'training leaks tensors');
    const after = gap();
    assert.ok(history[14] < 0.5 * history[0], `loss ${history[0]} → ${history[14]}`);
    assert.ok(after > 0.8 && after > before + 0.5, `mean cosine gap genuine − forgery: ${before} → ${after}`);
    const e = net.embed(x);
    assert.deepStrictEqual(e.shape, [16, 4]);
    tf.dispose([e, x]);
    net.dispose();
  });
});
