import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { balancedPairs } from '../../lib/data/pairs';
import { createLateFusionClassifier } from '../../lib/models/pair-classifier';
import type { PairLearner } from '../../lib/models/pair-learner';
import { createSiamese } from '../../lib/models/siamese';
import { createCosineSiamese, timeDelayEncoder } from '../../lib/models/time-delay';
import { fitPairs } from '../../lib/training/fit-pairs';
import { maxGap, onGraphBackend, printed, seeded, weightGap, withGraph } from './graph-env';

describe('graph/fit-pairs: fitPairs on the graph follows the eager loss curve', function () {
  onGraphBackend();

  const labels = Array.from({ length: 120 }, (_, i) => i % 6);
  const pairs = balancedPairs(labels, { positives: 45, seed: 5 });

  /** fitPairs eagerly and on the graph (`calls` fits each), from the same initial weights and batches. */
  async function both(
    make: () => { learner: PairLearner; model: tf.LayersModel; dispose(): void },
    examples: tf.Tensor,
    epochs: number,
    calls = 1,
  ) {
    const run = async (graph: string | undefined) => {
      const made = make();
      const { value, lines } = await printed(() =>
        withGraph(graph, async () => {
          const history: number[] = [];
          for (let c = 0; c < calls; c++)
            history.push(...(await fitPairs(made.learner, examples, pairs, { epochs, batchSize: 32, seed: 3 })));
          return history;
        }),
      );
      return { history: value, lines, made };
    };
    return { eager: await run('0'), graph: await run(undefined) };
  }

  const siamese = (optimizer: () => tf.Optimizer) => () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [16], units: 12, activation: 'relu', kernelInitializer: seeded(1) }),
        tf.layers.dense({ units: 4, kernelInitializer: seeded(2) }),
      ],
    });
    const learner = createSiamese(model, { makeOptimizer: optimizer, margin: 1 });
    return { learner, model, dispose: () => (learner.dispose(), model.dispose()) };
  };

  it('a Siamese MLP (contrastive loss, SGD): same loss per epoch and weights within 1e-5; no tensor left', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 7);
    const { eager, graph } = await both(
      siamese(() => tf.train.sgd(0.05)),
      examples,
      3,
      2,
    );
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(eager.history[5] < eager.history[0], `it trains: ${eager.history}`);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    const gap = weightGap(graph.made.model, eager.made.model);
    assert.ok(gap <= 1e-5, `weights differ by ${gap}`);
    const before = tf.memory().numTensors;
    await fitPairs(graph.made.learner, examples, pairs, { epochs: 1, batchSize: 32 });
    await fitPairs(graph.made.learner, examples, pairs, { epochs: 1, batchSize: 32 });
    assert.equal(tf.memory().numTensors, before, 'no tensor left behind by repeated fits');
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  // Adam divides by sqrt(v): a gradient that is zero up to float rounding (a dead ReLU, a pair past the margin) and
  // whose two float32 sums differ moves its weight by up to the learning rate either way, so curves drift apart slowly.
  it("a Siamese MLP (Adam 0.01, two fits continuing Adam's state): loss per epoch within 2e-4", async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 7);
    const { eager, graph } = await both(
      siamese(() => tf.train.adam(0.01)),
      examples,
      3,
      2,
    );
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(
      maxGap(graph.history.slice(0, 3), eager.history.slice(0, 3)) <= 1e-5,
      `${graph.history} vs ${eager.history}`,
    );
    assert.ok(maxGap(graph.history, eager.history) <= 2e-4, `${graph.history} vs ${eager.history}`);
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  it('a Siamese MLP (RMSProp as lesson 02, two fits continuing its state): loss per epoch within 1e-4', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 7);
    const { eager, graph } = await both(
      siamese(() => tf.train.rmsprop(0.001)),
      examples,
      3,
      2,
    );
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(eager.history[5] < eager.history[0], `it trains: ${eager.history}`);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-4, `${graph.history} vs ${eager.history}`);
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  it('a Siamese MLP (RMSProp with momentum 0.5): loss per epoch within 1e-4', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 7);
    const { eager, graph } = await both(
      siamese(() => tf.train.rmsprop(0.001, 0.8, 0.5, 1e-6)),
      examples,
      4,
    );
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(maxGap(graph.history, eager.history) <= 1e-4, `${graph.history} vs ${eager.history}`);
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  // Dropout draws other masks on the graph than in tfjs (same law): curves agree statistically, not to float rounding.
  it('a Siamese MLP with Dropout 0.1 (as lesson 02, RMSProp): mean loss over 6 epochs within 10%', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 7);
    const make = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [16], units: 32, activation: 'relu', kernelInitializer: seeded(1) }),
          tf.layers.dropout({ rate: 0.1 }),
          tf.layers.dense({ units: 8, kernelInitializer: seeded(2) }),
        ],
      });
      const learner = createSiamese(model, { makeOptimizer: () => tf.train.rmsprop(0.001), margin: 1 });
      return { learner, model, dispose: () => (learner.dispose(), model.dispose()) };
    };
    const { eager, graph } = await both(make, examples, 6);
    assert.deepEqual(graph.lines, [], 'no fallback line');
    const mean = (h: number[]): number => h.reduce((a, b) => a + b, 0) / h.length;
    const gap = Math.abs(mean(graph.history) - mean(eager.history)) / mean(eager.history);
    assert.ok(gap <= 0.1, `mean loss ${mean(graph.history)} vs ${mean(eager.history)}`);
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  it('a time-delay network (Conv1D, cosine-target loss, SGD): same loss per epoch within 1e-5', async () => {
    const examples = tf.randomNormal([120, 40, 3], 0, 1, 'float32', 8);
    const make = () => {
      const model = timeDelayEncoder({
        inputShape: [40, 3],
        layers: [
          { filters: 6, kernel: 5, stride: 2 },
          { filters: 5, kernel: 4, stride: 2 },
        ],
        seed: 4,
      });
      const learner = createCosineSiamese(model, tf.train.sgd(0.1));
      return { learner, model, dispose: () => (learner.dispose(), model.dispose()) };
    };
    const { eager, graph } = await both(make, examples, 4);
    assert.deepEqual(graph.lines, [], 'no fallback line');
    assert.ok(eager.history[3] < eager.history[0], `it trains: ${eager.history}`);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-5, `${graph.history} vs ${eager.history}`);
    assert.ok(weightGap(graph.made.model, eager.made.model) <= 1e-5);
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  it('falls back with one line for an encoder it does not cover, and still trains', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 9);
    const make = () => {
      const model = tf.sequential({
        layers: [
          tf.layers.dense({ inputShape: [16], units: 8, kernelInitializer: seeded(3) }),
          tf.layers.layerNormalization(),
          tf.layers.dense({ units: 4, kernelInitializer: seeded(4) }),
        ],
      });
      const learner = createSiamese(model, { makeOptimizer: () => tf.train.adam(0.01) });
      return { learner, model, dispose: () => (learner.dispose(), model.dispose()) };
    };
    const { eager, graph } = await both(make, examples, 2);
    assert.equal(graph.lines.length, 1);
    assert.match(graph.lines[0], /^fitPairs: graph trainer not used \(layer LayerNormalization/);
    assert.ok(maxGap(graph.history, eager.history) <= 1e-6, 'the fallback is the eager path');
    eager.made.dispose();
    graph.made.dispose();
    examples.dispose();
  });

  it('says in one line that a fusion pair classifier trains eagerly', async () => {
    const examples = tf.randomUniform([120, 16], 0, 1, 'float32', 10);
    const encoder = tf.sequential({ layers: [tf.layers.dense({ inputShape: [16], units: 4 })] });
    const head = tf.sequential({ layers: [tf.layers.dense({ inputShape: [8], units: 1 })] });
    const learner = createLateFusionClassifier(encoder, head, tf.train.adam(0.01));
    const { value, lines } = await printed(() => fitPairs(learner, examples, pairs, { epochs: 2, batchSize: 32 }));
    assert.equal(lines.length, 1);
    assert.match(lines[0], /^fitPairs: graph trainer not used \(a pair learner that is not one tied encoder/);
    assert.ok(value[1] < value[0], `it trains: ${value}`);
    learner.dispose();
    encoder.dispose();
    head.dispose();
    examples.dispose();
  });
});
