import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import { nativeFailure } from '../support/native';
import { binaryCrossentropyFast, fitFast, fusedAdam, meanSquaredErrorFast } from '../../lib/training';

/** A small dense autoencoder with seeded weights (sizes like the lessons', scaled down). */
function autoencoder(seed: number): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [64],
        units: 16,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed }),
      }),
      tf.layers.dense({
        units: 8,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
      }),
      tf.layers.dense({
        units: 64,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }),
      }),
    ],
  });
}

/** Blurry binary-ish "images" so BCE has saturated and unsaturated pixels. */
function data(n: number): tf.Tensor2D {
  return tf.tidy(
    () =>
      tf.clipByValue(
        tf.mul(tf.randomUniform([n, 64], 0, 1, 'float32', 3), tf.randomUniform([n, 1], 0, 2, 'float32', 4)),
        0,
        1,
      ) as tf.Tensor2D,
  );
}

for (const backend of ['wasm', 'cpu', ...(nativeFailure() ? [] : (['tensorflow'] as const))] as const) {
  describe(`training/fit on ${backend}`, () => {
    before(async () => {
      await initBackend({ prefer: backend, quiet: true });
    });

    for (const loss of ['binaryCrossentropy', 'meanSquaredError'] as const) {
      it(`fitFast follows model.fit's loss trajectory (${loss}, same weights and batches)`, async () => {
        const x = data(600);
        const reference = autoencoder(7);
        const mine = autoencoder(99);
        mine.setWeights(reference.getWeights());
        reference.compile({ optimizer: tf.train.adam(0.02), loss });
        const expected = (await reference.fit(x, x, { epochs: 4, batchSize: 64, shuffle: false, verbose: 0 })).history
          .loss as number[];
        const optimizer = fusedAdam({ learningRate: 0.02 });
        const got = await fitFast(mine, x, x, { epochs: 4, batchSize: 64, loss, shuffle: false, optimizer });
        assert.ok(
          expected[3] < expected[0] * 0.9,
          `the run must learn for the comparison to mean anything: ${expected}`,
        );
        got.forEach((v, i) =>
          assert.ok(Math.abs(v - expected[i]) < 2e-3 * expected[i], `epoch ${i}: ${v} vs model.fit ${expected[i]}`),
        );
        x.dispose();
        optimizer.dispose();
        reference.dispose();
        mine.dispose();
      });
    }

    it("fusedAdam gives tf.train.adam's updates and weights, and works under model.fit", async () => {
      const run = (optimizer: tf.Optimizer): Float32Array => {
        const w = tf.variable(tf.tensor1d([0.5, -1, 2, 3e-3]), true, `w_${optimizer.getClassName()}_${Math.random()}`);
        for (let i = 0; i < 25; i++)
          optimizer.minimize(
            () =>
              tf.sum<tf.Scalar>(
                tf.mul(tf.square(tf.sub(w, tf.tensor1d([1, 2, -3, 0]))), tf.tensor1d([1, 10, 0.1, 100])),
              ),
            false,
            [w],
          );
        const values = w.dataSync() as Float32Array;
        w.dispose();
        return values;
      };
      const stock = tf.train.adam(0.05);
      const fused = fusedAdam({ learningRate: 0.05 });
      const a = run(stock);
      const b = run(fused);
      a.forEach((v, i) => assert.ok(Math.abs(v - b[i]) < 1e-5, `w[${i}] ${b[i]} vs ${v}`));
      assert.equal(fused.iterations, 25);
      assert.deepEqual(
        (await fused.getWeights()).map((w) => w.tensor.shape),
        (await stock.getWeights()).map((w) => w.tensor.shape),
      );
      assert.equal(fused.getClassName(), 'Adam');
      stock.dispose();
      fused.dispose();
      const model = autoencoder(3);
      model.compile({ optimizer: fusedAdam(), loss: 'meanSquaredError' });
      const x = data(128);
      const h = (await model.fit(x, x, { epochs: 3, batchSize: 32, verbose: 0 })).history.loss as number[];
      assert.ok(h[2] < h[0]);
      tf.dispose([x]);
      model.dispose();
    });

    it('the fast losses equal the stock ones in value and gradient', () => {
      tf.tidy(() => {
        const t = tf.randomUniform([5, 9], 0, 1, 'float32', 1);
        const p = tf.randomUniform([5, 9], 0.05, 0.95, 'float32', 2);
        const stockBce = (q: tf.Tensor): tf.Scalar => tf.mean<tf.Scalar>(tf.metrics.binaryCrossentropy(t, q));
        const stockMse = (q: tf.Tensor): tf.Scalar => tf.losses.meanSquaredError<tf.Tensor, tf.Scalar>(t, q);
        for (const [fast, stock] of [
          [binaryCrossentropyFast, stockBce],
          [meanSquaredErrorFast, stockMse],
        ] as const) {
          assert.ok(Math.abs(fast(t, p).dataSync()[0] - stock(p).dataSync()[0]) < 1e-5);
          const g1 = tf
            .grad((q: tf.Tensor) => fast(t, q))(p)
            .dataSync();
          const g2 = tf
            .grad((q: tf.Tensor) => stock(q))(p)
            .dataSync();
          g1.forEach((v, i) =>
            assert.ok(Math.abs(v - g2[i]) < 1e-5 + 1e-4 * Math.abs(g2[i]), `grad ${i}: ${v} vs ${g2[i]}`),
          );
        }
      });
    });

    it('trains a plain function with variables, repeats with a seed, and leaves no tensors behind', async () => {
      const x = tf.randomNormal([300, 3], 0, 1, 'float32', 5);
      const y = tf.tidy(() => tf.add(tf.matMul(x, tf.tensor2d([[1], [-2], [0.5]])), 0.3));
      const run = async (seed: number): Promise<number[]> => {
        const w = tf.variable(tf.zeros([3, 1]));
        const b = tf.variable(tf.zeros([1]));
        const before = tf.memory().numTensors;
        const optimizer = fusedAdam({ learningRate: 0.05 });
        const history = await fitFast(
          { apply: (input: tf.Tensor) => tf.add(tf.matMul(input, w), b), variables: [w, b] },
          x,
          y,
          { epochs: 30, batchSize: 32, loss: 'meanSquaredError', seed, optimizer },
        );
        optimizer.dispose();
        assert.equal(tf.memory().numTensors, before, 'tensor count flat once the optimizer is disposed');
        tf.dispose([w, b]);
        return history;
      };
      const first = await run(1);
      assert.ok(first[29] < 0.01 * first[0], `loss ${first[0]} → ${first[29]}`);
      assert.deepEqual(await run(1), first);
      assert.notDeepEqual(await run(2), first);
      await assert.rejects(
        fitFast({ apply: (t: tf.Tensor) => t, variables: [] }, x, tf.zeros([5, 1]), {
          epochs: 1,
          loss: 'meanSquaredError',
        }),
        /x has 300 examples but y has 5/,
      );
      tf.dispose([x, y]);
    });
  });
}
