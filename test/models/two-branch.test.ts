import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { crossViewPairs } from '../../lib/data/cross-view-pairs';
import { createSiamese } from '../../lib/models/siamese';
import { createTwoBranch } from '../../lib/models/two-branch';
import { fitPairs } from '../../lib/training/fit-pairs';

function linear(seed: number, dims = 2): tf.Sequential {
  const m = tf.sequential();
  m.add(
    tf.layers.dense({
      units: dims,
      inputShape: [dims],
      useBias: false,
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  return m;
}

describe('models/two-branch', () => {
  it('keeps two separate sets of weights and trains both', () => {
    const a = linear(1);
    const b = linear(2);
    const net = createTwoBranch(a, b, { optimizer: tf.train.sgd(0.1) });
    assert.strictEqual(net.variables().length, 2);
    assert.notStrictEqual(net.variables()[0], net.variables()[1]);
    const before = net.variables().map((v) => v.arraySync());
    const x = tf.tensor2d([
      [1, 0],
      [0, 1],
    ]);
    tf.dispose(net.trainStep(x, x, tf.tensor1d([1, 0])));
    net.variables().forEach((v, i) => assert.notDeepStrictEqual(v.arraySync(), before[i], `branch ${i} did not move`));
    assert.throws(() => createTwoBranch(a, a, { optimizer: tf.train.sgd(0.1) }), /createSiamese/);
    x.dispose();
    net.dispose();
  });

  it('matches a view to its transformed twin where one shared encoder cannot', async () => {
    // View B is view A with its coordinates cycled (a1, a2, a3) → (a2, a3, a1), plus a little noise. A tied linear
    // encoder needs W·a ≈ W·Pa for every a, so all of W's columns must be equal: it keeps only a1 + a2 + a3, and one
    // number is not enough to tell 40 noisy items apart. Two branches can undo the cycle and keep all three.
    let seed = 11;
    const rand = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const n = 40;
    const a = Array.from({ length: n }, () => [rand(), rand(), rand()]);
    const viewA = tf.tensor2d(a);
    const viewB = tf.tensor2d(a.map(([x, y, z]) => [y + 0.03 * rand(), z + 0.03 * rand(), x + 0.03 * rand()]));
    const both = tf.concat([viewA, viewB]);
    const pairs = crossViewPairs(n, { negatives: 3, seed: 1 });
    const untied = createTwoBranch(linear(3, 3), linear(4, 3), { optimizer: tf.train.adam(0.05), margin: 0.5 });
    const tiedEncoder = linear(3, 3);
    const tied = createSiamese(tiedEncoder, { makeOptimizer: () => tf.train.adam(0.05), margin: 0.5 });
    await fitPairs(untied, both, pairs, { epochs: 40, batchSize: 40 });
    await fitPairs(tied, both, pairs, { epochs: 40, batchSize: 40 });
    const rank1 = (ea: tf.Tensor2D, eb: tf.Tensor2D): number => {
      const d = tf.tidy(() => tf.argMin(tf.sum(tf.square(tf.sub(tf.expandDims(ea, 1), tf.expandDims(eb, 0))), 2), 1));
      const hit = Array.from(d.dataSync()).filter((j, i) => j === i).length / n;
      tf.dispose([d, ea, eb]);
      return hit;
    };
    const untiedHit = rank1(untied.embedA(viewA), untied.embedB(viewB));
    const tiedHit = rank1(tied.embed(viewA), tied.embed(viewB));
    assert.ok(untiedHit >= 0.9, `untied rank-1 ${untiedHit}`);
    assert.ok(tiedHit < untiedHit - 0.3, `tied rank-1 ${tiedHit} vs untied ${untiedHit}`);
    tf.dispose([viewA, viewB, both]);
    untied.dispose();
    tied.dispose();
  });
});
