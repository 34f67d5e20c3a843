import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { freezeLayers, groupByMultiplier, groupedOptimizer, type GroupedOptimizer } from '../../lib/models/transfer';
import { fitClassifier } from '../../lib/training/fit-classifier';
import { maxGap, onGraphBackend, printed, seeded, weightGap, withGraph } from './graph-env';

describe('graph/fit-classifier: fitClassifier (softmax cross-entropy, per-group rates) on the graph', function () {
  onGraphBackend();

  const images = (): tf.Tensor => tf.randomUniform([96, 6, 6, 1], 0, 1, 'float32', 21);
  const labels = Int32Array.from({ length: 96 }, (_, i) => (i * 7) % 4);

  /** A small conv classifier: its first layer frozen, the rest in groups ×1 (conv), ×10 (kernels) and ×20 (biases). */
  function classifier(make: (lr: number) => tf.Optimizer) {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [6, 6, 1],
          filters: 3,
          kernelSize: 3,
          activation: 'relu',
          kernelInitializer: seeded(1),
        }),
        tf.layers.conv2d({ filters: 4, kernelSize: 2, activation: 'relu', kernelInitializer: seeded(2) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4, kernelInitializer: seeded(3) }),
      ],
    });
    freezeLayers(model, 1);
    const groups = groupByMultiplier(model, (layer, w) =>
      layer.getClassName() === 'Dense' ? (w.originalName.endsWith('bias') ? 20 : 10) : 1,
    );
    return { model, optimizer: groupedOptimizer(make, 0.002, groups) };
  }

  async function both(make: (lr: number) => tf.Optimizer, calls: number) {
    const x = images();
    const run = async (graph: string | undefined) => {
      const made = classifier(make);
      const { value, lines } = await printed(() =>
        withGraph(graph, async () => {
          const history: number[] = [];
          for (let c = 0; c < calls; c++)
            history.push(
              ...(await fitClassifier(made.model, x, labels, {
                optimizer: made.optimizer,
                epochs: 3,
                batchSize: 16,
                seed: 2,
              })),
            );
          return history;
        }),
      );
      return { history: value, lines, ...made };
    };
    const out = { eager: await run('0'), graph: await run(undefined) };
    x.dispose();
    return out;
  }

  const done = (...runs: { model: tf.LayersModel; optimizer: GroupedOptimizer }[]) =>
    runs.forEach((r) => (r.optimizer.dispose(), r.model.dispose()));

  it('per-group SGD rates and a frozen layer: same loss per epoch and weights within 1e-5', async () => {
    const { eager, graph } = await both((lr) => tf.train.sgd(lr), 1);
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(eager.history[2] < eager.history[0], `it trains: ${eager.history}`);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    const gap = weightGap(graph.model, eager.model);
    assert.ok(gap <= 1e-5, `weights differ by ${gap}`);
    done(eager, graph);
  });

  it('per-group Adam rates: same loss per epoch within 1e-5; a second fit continues each group eagerly', async () => {
    const { eager, graph } = await both((lr) => tf.train.adam(lr), 2);
    assert.equal(graph.lines.length, 1, 'the second fit falls back: its grouped Adam has taken steps');
    assert.match(graph.lines[0], /^fitClassifier: graph trainer not used \(a grouped optimizer that has already/);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-4, `${graph.history} vs ${eager.history}`);
    assert.ok(
      maxGap(graph.history.slice(0, 3), eager.history.slice(0, 3)) <= 1e-5,
      `${graph.history} vs ${eager.history}`,
    );
    const x = images();
    const sgd = tf.train.sgd(0.01);
    const before = tf.memory().numTensors;
    await fitClassifier(graph.model, x, labels, { optimizer: sgd, epochs: 1 });
    await fitClassifier(graph.model, x, labels, { optimizer: sgd, epochs: 1 });
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind by repeated fits');
    x.dispose();
    sgd.dispose();
    done(eager, graph);
  });
});
