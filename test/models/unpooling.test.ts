import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import {
  maxPoolWithSwitches,
  maxUnpool,
  poolingSwitches,
  repeatUpsample,
  maxPoolingWithSwitchesLayer,
  maxUnpoolingLayer,
} from '../../lib/models/unpooling';

type Img = number[][][]; // [H][W][C]

// Brute force: every pool×pool window (edge windows may be short: TensorFlow's 'same' padding puts the smaller
// half of the padding before), its first maximum in row-major order.
function referencePool(x: Img, pool: number): { pooled: Img; switches: Img } {
  const h = x.length,
    w = x[0].length,
    c = x[0][0].length;
  const ph = Math.ceil(h / pool),
    pw = Math.ceil(w / pool);
  const top = Math.floor((ph * pool - h) / 2),
    left = Math.floor((pw * pool - w) / 2);
  const pooled: Img = Array.from({ length: ph }, () => Array.from({ length: pw }, () => new Array<number>(c).fill(0)));
  const switches: Img = x.map((row) => row.map((px) => px.map(() => 0)));
  for (let i = 0; i < ph; i++)
    for (let j = 0; j < pw; j++)
      for (let k = 0; k < c; k++) {
        let best = -Infinity,
          bi = -1,
          bj = -1;
        for (let a = Math.max(i * pool - top, 0); a < Math.min((i + 1) * pool - top, h); a++)
          for (let b = Math.max(j * pool - left, 0); b < Math.min((j + 1) * pool - left, w); b++)
            if (x[a][b][k] > best) {
              best = x[a][b][k];
              bi = a;
              bj = b;
            }
        pooled[i][j][k] = best;
        switches[bi][bj][k] = 1;
      }
  return { pooled, switches };
}

function referenceUnpool(y: Img, switches: Img, pool: number): Img {
  const top = Math.floor((y.length * pool - switches.length) / 2),
    left = Math.floor((y[0].length * pool - switches[0].length) / 2);
  return switches.map((row, a) =>
    row.map((px, b) => px.map((s, k) => s * y[Math.floor((a + top) / pool)][Math.floor((b + left) / pool)][k])),
  );
}

describe('models/unpooling: max-pooling with switches and max-unpooling', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  for (const [h, w, pool] of [
    [4, 4, 2],
    [7, 7, 2],
    [5, 6, 2],
    [6, 7, 3],
  ]) {
    it(`matches the brute-force reference on ${h}×${w} inputs, pool ${pool}, with ties`, () => {
      // Small integers after a ReLU give many tied maxima (whole windows of zeros), the case that needs care.
      const x = tf.tidy<tf.Tensor4D>(() =>
        tf
          .randomUniform([2, h, w, 3], -4, 6, 'float32', h * 10 + w)
          .floor()
          .relu(),
      );
      const { pooled, switches } = maxPoolWithSwitches(x, pool);
      const y = tf.randomNormal<tf.Rank.R4>(pooled.shape, 0, 1, 'float32', 7);
      const un = maxUnpool(y, switches, pool);
      x.arraySync().forEach((img, n) => {
        const ref = referencePool(img, pool);
        assert.deepStrictEqual(pooled.arraySync()[n], ref.pooled);
        assert.deepStrictEqual(switches.arraySync()[n], ref.switches);
        const refUn = referenceUnpool(y.arraySync()[n], ref.switches, pool);
        const got = un.arraySync()[n];
        refUn.forEach((row, a) =>
          row.forEach((px, b) => px.forEach((v, k) => assert.ok(Math.abs(v - got[a][b][k]) < 1e-6))),
        );
      });
      // Exactly one switch per window and channel.
      assert.strictEqual(switches.sum().dataSync()[0], 2 * 3 * Math.ceil(h / pool) * Math.ceil(w / pool));
      tf.dispose([x, pooled, switches, y, un]);
    });
  }

  it('unpool(pool(x)) keeps each window maximum in place and zeros the rest', () => {
    const x = tf.tensor4d([1, 5, 2, 0, 3, 4, 8, 7, 9, 1, 6, 6, 2, 0, 6, 3], [1, 4, 4, 1]);
    const { pooled, switches } = maxPoolWithSwitches(x);
    const back = maxUnpool(pooled, switches);
    assert.deepStrictEqual(Array.from(back.dataSync()), [0, 5, 0, 0, 0, 0, 8, 0, 9, 0, 6, 0, 0, 0, 0, 0]);
    tf.dispose([x, pooled, switches, back]);
  });

  it('gradient w.r.t. the unpooled values sums the upstream gradient at the switch positions', () => {
    const x = tf.randomNormal<tf.Rank.R4>([1, 7, 7, 2], 0, 1, 'float32', 11);
    const s = poolingSwitches(x);
    const up = tf.randomNormal<tf.Rank.R4>([1, 7, 7, 2], 0, 1, 'float32', 12);
    const y = tf.randomNormal<tf.Rank.R4>([1, 4, 4, 2], 0, 1, 'float32', 13);
    const g = tf.grad((v: tf.Tensor) =>
      maxUnpool(v as tf.Tensor4D, s)
        .mul(up)
        .sum(),
    )(y);
    const sw = s.arraySync()[0],
      u = up.arraySync()[0],
      got = g.arraySync() as number[][][][];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 4; j++)
        for (let k = 0; k < 2; k++) {
          let want = 0;
          for (let a = 2 * i; a < Math.min(2 * i + 2, 7); a++)
            for (let b = 2 * j; b < Math.min(2 * j + 2, 7); b++) want += sw[a][b][k] * u[a][b][k];
          assert.ok(Math.abs(got[0][i][j][k] - want) < 1e-5, `(${i},${j},${k}) ${got[0][i][j][k]} vs ${want}`);
        }
    tf.dispose([x, s, up, y, g]);
  });

  it('gradient through pool → unpool reaches exactly the maxima of the input (switches carry no gradient)', () => {
    const x = tf.randomNormal<tf.Rank.R4>([1, 6, 6, 1], 0, 1, 'float32', 21); // distinct values: no ties
    const up = tf.randomNormal<tf.Rank.R4>([1, 6, 6, 1], 0, 1, 'float32', 22);
    const g = tf.grad((v: tf.Tensor) => {
      const { pooled, switches } = maxPoolWithSwitches(v as tf.Tensor4D);
      return maxUnpool(pooled, switches).mul(up).sum();
    })(x);
    const s = poolingSwitches(x);
    const want = tf.mul(s, up);
    assert.ok(tf.sub(g, want).abs().max().dataSync()[0] < 1e-6);
    tf.dispose([x, up, g, s, want]);
  });

  it('the pooling gradient goes to the switch only: ties and all-negative windows included', () => {
    // Window 1 has a tie (5, 5): only the first gets the gradient. Window 2 is all negative.
    const x = tf.tensor4d([5, 1, -3, -1, 5, 2, -2, -4], [1, 2, 4, 1]);
    const g = tf.grad((v: tf.Tensor) =>
      maxPoolWithSwitches(v as tf.Tensor4D)
        .pooled.mul(tf.tensor4d([2, 3], [1, 1, 2, 1]))
        .sum(),
    )(x);
    assert.deepStrictEqual(Array.from(g.dataSync()), [2, 0, 0, 3, 0, 0, 0, 0]);
    tf.dispose([x, g]);
  });

  it('repeatUpsample repeats each value in a factor×factor block and crops to the requested size', () => {
    const y = tf.tensor4d([1, 2, 3, 4], [1, 2, 2, 1]);
    const r = repeatUpsample(y, 2, 3, 3);
    assert.deepStrictEqual(Array.from(r.dataSync()), [1, 1, 2, 1, 1, 2, 3, 3, 4]);
    tf.dispose([y, r]);
  });

  it('works as layers inside a functional model, with shapes 7 → 4 → 7', () => {
    const input = tf.input({ shape: [7, 7, 3] });
    const { pooled, switches } = maxPoolingWithSwitchesLayer(input);
    assert.deepStrictEqual(pooled.shape, [null, 4, 4, 3]);
    const out = maxUnpoolingLayer(pooled, switches);
    assert.deepStrictEqual(out.shape, [null, 7, 7, 3]);
    const model = tf.model({ inputs: input, outputs: out });
    const x = tf.randomNormal<tf.Rank.R4>([2, 7, 7, 3], 0, 1, 'float32', 31);
    const viaModel = model.predict(x) as tf.Tensor;
    const direct = tf.tidy(() => {
      const p = maxPoolWithSwitches(x);
      return maxUnpool(p.pooled, p.switches);
    });
    assert.ok(tf.sub(viaModel, direct).abs().max().dataSync()[0] < 1e-7);
    tf.dispose([x, viaModel, direct]);
    model.dispose();
  });

  it('keeps the tensor count flat over repeated forward and backward passes', () => {
    const x = tf.randomNormal<tf.Rank.R4>([2, 7, 7, 2], 0, 1, 'float32', 41);
    const step = () =>
      tf.dispose(
        tf.grad((v: tf.Tensor) => {
          const { pooled, switches } = maxPoolWithSwitches(v as tf.Tensor4D);
          return maxUnpool(pooled, switches).square().sum();
        })(x),
      );
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    assert.strictEqual(tf.memory().numTensors, before);
    tf.dispose(x);
  });
});
