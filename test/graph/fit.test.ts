import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { fitFast, type FitFastOptions } from '../../lib/training/fit';
import { maxGap, onGraphBackend, printed, seeded, weightGap, withGraph } from './graph-env';

describe('graph/fit: fitFast on the graph follows the eager loss curve', function () {
  onGraphBackend();

  /** fitFast eagerly and on the graph, from the same initial weights and batches; both histories and models. */
  async function both(
    make: () => tf.LayersModel,
    x: tf.Tensor,
    y: tf.Tensor,
    options: FitFastOptions,
    calls = 1,
    opt?: () => tf.Optimizer,
  ) {
    const run = async (graph: string | undefined) => {
      const model = make();
      const optimizer = opt?.();
      const { value, lines } = await printed(() =>
        withGraph(graph, async () => {
          const history: number[] = [];
          for (let c = 0; c < calls; c++) history.push(...(await fitFast(model, x, y, { ...options, optimizer })));
          return history;
        }),
      );
      optimizer?.dispose();
      return { history: value, lines, model };
    };
    return { eager: await run('0'), graph: await run(undefined) };
  }

  it('a dense autoencoder (cross-entropy, default fused Adam): same loss per epoch within 1e-5', async () => {
    const make = () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [20], units: 8, activation: 'relu', kernelInitializer: seeded(1) }),
          tf.layers.dense({ units: 20, activation: 'sigmoid', kernelInitializer: seeded(2) }),
        ],
      });
    const x = tf.randomUniform([300, 20], 0, 1, 'float32', 3);
    const { eager, graph } = await both(make, x, x, { epochs: 4, batchSize: 32, loss: 'binaryCrossentropy' });
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(eager.history[3] < eager.history[0], 'it trains');
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    assert.ok(weightGap(graph.model, eager.model) <= 1e-5, `weights differ by ${weightGap(graph.model, eager.model)}`);
    const before = tf.memory().numTensors;
    await fitFast(graph.model, x, x, { epochs: 1, batchSize: 32, loss: 'binaryCrossentropy' });
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind');
    x.dispose();
  });

  it('a conv autoencoder (Conv2D, MaxPooling2D, UpSampling2D; squared error, in order)', async () => {
    const make = () =>
      tf.sequential({
        layers: [
          tf.layers.conv2d({
            inputShape: [8, 8, 1],
            filters: 4,
            kernelSize: 3,
            padding: 'same',
            activation: 'relu',
            kernelInitializer: seeded(4),
          }),
          tf.layers.maxPooling2d({ poolSize: 2 }),
          tf.layers.upSampling2d({ size: [2, 2] }),
          tf.layers.conv2d({
            filters: 1,
            kernelSize: 3,
            padding: 'same',
            activation: 'sigmoid',
            kernelInitializer: seeded(5),
          }),
        ],
      });
    const x = tf.randomUniform([64, 8, 8, 1], 0, 1, 'float32', 6);
    const { eager, graph } = await both(make, x, x, {
      epochs: 3,
      batchSize: 16,
      loss: 'meanSquaredError',
      shuffle: false,
    });
    assert.deepEqual(graph.lines, []);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    x.dispose();
  });

  it("hands Adam's state back: two fits with one tf.train.adam continue as eagerly", async () => {
    const make = () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [10], units: 6, activation: 'tanh', kernelInitializer: seeded(7) }),
          tf.layers.dense({ units: 3, kernelInitializer: seeded(8) }),
        ],
      });
    const x = tf.randomUniform([100, 10], 0, 1, 'float32', 9);
    const y = tf.randomUniform([100, 3], 0, 1, 'float32', 10);
    const { eager, graph } = await both(
      make,
      x,
      y,
      { epochs: 2, batchSize: 25, loss: 'meanSquaredError', seed: 3 },
      2,
      () => tf.train.adam(0.05),
    );
    assert.equal(graph.history.length, 4);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    assert.ok(weightGap(graph.model, eager.model) <= 1e-5, `weights differ by ${weightGap(graph.model, eager.model)}`);
    tf.dispose([x, y]);
  });

  it('falls back with one line for a layer it does not cover, and still trains', async () => {
    const make = () =>
      tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [10], units: 6, kernelInitializer: seeded(11) }),
          tf.layers.batchNormalization(),
          tf.layers.dense({ units: 10, kernelInitializer: seeded(12) }),
        ],
      });
    const x = tf.randomUniform([40, 10], 0, 1, 'float32', 13);
    const { graph } = await both(make, x, x, { epochs: 2, batchSize: 20, loss: 'meanSquaredError' });
    assert.equal(graph.lines.length, 1);
    assert.match(graph.lines[0], /^fitFast: graph trainer not used \(layer BatchNormalization/);
    assert.ok(graph.history[1] < graph.history[0]);
    x.dispose();
  });
});
