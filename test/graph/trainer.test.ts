import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { loadGraphAddon } from '../../lib/graph/addon';
import { createGraphTrainer, type GraphTrainer } from '../../lib/graph/trainer';
import type { GraphLoss } from '../../lib/graph/losses';
import { contrastiveLoss, rowDistances } from '../../lib/losses/contrastive';
import { tripletLoss } from '../../lib/losses/triplet';
import { embedTied } from '../../lib/models/tied-embedding';
import { objective, trainable } from '../../lib/training/fit';
import { nativeFailure } from '../support/native';

/** Largest |a − b| relative to the largest |b| (at least 1e-3, so near-zero gradients are compared absolutely). */
function relativeGap(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let gap = 0;
  let scale = 1e-3;
  for (let i = 0; i < b.length; i++) {
    gap = Math.max(gap, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return gap / scale;
}

const seeded = (seed: number) => tf.initializers.glorotUniform({ seed });
const uniform = (shape: number[], seed: number): tf.Tensor => tf.randomUniform(shape, 0, 1, 'float32', seed);

/** tfjs's loss and gradients (fitFast's objective or a given loss) for the model's trainable weights. */
function eagerGradients(model: tf.LayersModel, loss: () => tf.Scalar): { loss: number; grads: Float32Array[] } {
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(loss, variables);
  const out = { loss: value.dataSync()[0], grads: variables.map((v) => grads[v.name].dataSync() as Float32Array) };
  tf.dispose([value, ...Object.values(grads)]);
  return out;
}

/** The graph's loss and gradients: one SGD step of rate 1 moves each weight by minus its gradient. */
function graphGradients(
  model: tf.LayersModel,
  loss: GraphLoss,
  inputs: tf.Tensor[],
): { loss: number; grads: Float32Array[] } {
  const { addon } = loadGraphAddon();
  const trainer: GraphTrainer | string = createGraphTrainer({ addon: addon! }, model, {
    loss,
    optimizer: { kind: 'sgd', learningRate: 1 },
  });
  if (typeof trainer === 'string') throw new Error(trainer);
  const before = model.trainableWeights.map((w) => w.read().dataSync().slice() as Float32Array);
  const value = trainer.step(
    inputs.map((t) => t.dataSync() as Float32Array),
    inputs[0].shape[0],
  );
  trainer.writeBack();
  trainer.dispose();
  const after = model.trainableWeights.map((w) => w.read().dataSync() as Float32Array);
  return { loss: value, grads: before.map((b, i) => b.map((v, j) => v - after[i][j])) };
}

function assertSame(
  graph: { loss: number; grads: Float32Array[] },
  eager: { loss: number; grads: Float32Array[] },
  tol: number,
): void {
  assert.ok(
    Math.abs(graph.loss - eager.loss) <= tol * Math.max(1, Math.abs(eager.loss)),
    `loss ${graph.loss} vs ${eager.loss}`,
  );
  assert.equal(graph.grads.length, eager.grads.length);
  graph.grads.forEach((g, i) => {
    const gap = relativeGap(g, eager.grads[i]);
    assert.ok(gap <= tol, `gradient of weight ${i}: relative gap ${gap.toExponential(2)}`);
  });
}

describe("graph/trainer: one TensorFlow graph computes tfjs's losses and gradients", function () {
  const why = nativeFailure() ?? (loadGraphAddon().reason || null);
  before(async function () {
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
    await tf.setBackend('tensorflow');
  });

  const dense = (): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.dense({
          inputShape: [6],
          units: 5,
          activation: 'relu',
          kernelInitializer: seeded(1),
          biasInitializer: 'randomNormal',
        }),
        tf.layers.dense({ units: 4, activation: 'tanh', kernelInitializer: seeded(2) }),
        tf.layers.dense({ units: 4, activation: 'elu', kernelInitializer: seeded(3) }),
        tf.layers.dense({ units: 6, activation: 'sigmoid', kernelInitializer: seeded(4) }),
      ],
    });
  const conv = (): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [8, 8, 2],
          filters: 4,
          kernelSize: 3,
          padding: 'same',
          activation: 'relu',
          kernelInitializer: seeded(5),
        }),
        tf.layers.maxPooling2d({ poolSize: 2 }),
        tf.layers.upSampling2d({ size: [2, 2] }),
        tf.layers.conv2d({ filters: 3, kernelSize: 3, strides: 2, padding: 'valid', kernelInitializer: seeded(6) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 5, activation: 'sigmoid', kernelInitializer: seeded(7) }),
      ],
    });
  const reshaped = (): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.reshape({ inputShape: [12], targetShape: [2, 2, 3] }),
        tf.layers.conv2d({ filters: 4, kernelSize: 2, activation: 'relu6', kernelInitializer: seeded(8) }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 3, kernelInitializer: seeded(9) }),
      ],
    });

  const cases: [string, () => tf.Sequential, 'meanSquaredError' | 'binaryCrossentropy', number[], number[]][] = [
    ['Dense relu/tanh/elu/sigmoid, binary cross-entropy', dense, 'binaryCrossentropy', [6], [6]],
    ['Dense relu/tanh/elu/sigmoid, mean squared error', dense, 'meanSquaredError', [6], [6]],
    [
      'Conv2D, MaxPooling2D, UpSampling2D, strided Conv2D, Flatten, Dense; cross-entropy',
      conv,
      'binaryCrossentropy',
      [8, 8, 2],
      [5],
    ],
    [
      'Conv2D, MaxPooling2D, UpSampling2D, strided Conv2D, Flatten, Dense; squared error',
      conv,
      'meanSquaredError',
      [8, 8, 2],
      [5],
    ],
    ['Reshape, Conv2D relu6, Flatten, linear Dense; squared error', reshaped, 'meanSquaredError', [12], [3]],
  ];
  for (const [name, make, loss, inShape, outShape] of cases) {
    it(name, () => {
      const model = make();
      const x = uniform([16, ...inShape], 11);
      const y = uniform([16, ...outShape], 12);
      const cost = objective(trainable(model), loss);
      const eager = eagerGradients(model, () => cost(x, y));
      const graph = graphGradients(model, { kind: loss }, [x, y]);
      assertSame(graph, eager, 2e-5);
      tf.dispose([x, y]);
      model.dispose();
    });
  }

  const encoder = (): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [10], units: 8, activation: 'relu', kernelInitializer: seeded(21) }),
        tf.layers.dense({ units: 4, kernelInitializer: seeded(22) }),
      ],
    });

  it('contrastive loss on tied branches', () => {
    const model = encoder();
    const [a, b] = [uniform([12, 10], 31), uniform([12, 10], 32)];
    const same = tf.tensor1d(Array.from({ length: 12 }, (_, i) => i % 2));
    const eager = eagerGradients(model, () => {
      const [ea, eb] = embedTied(model, [a, b]);
      return contrastiveLoss(rowDistances(ea, eb), same, 1);
    });
    assertSame(graphGradients(model, { kind: 'contrastive', margin: 1 }, [a, b, same]), eager, 2e-5);
    tf.dispose([a, b, same]);
    model.dispose();
  });

  it('triplet loss (squared distance) on tied branches', () => {
    const model = encoder();
    const [a, p, n] = [uniform([12, 10], 41), uniform([12, 10], 42), uniform([12, 10], 43)];
    const eager = eagerGradients(model, () => {
      const [ea, ep, en] = embedTied(model, [a, p, n]);
      return tripletLoss(ea, ep, en, { margin: 0.2 });
    });
    assert.ok(eager.loss > 0, 'the margin is active on some triplets');
    assertSame(graphGradients(model, { kind: 'triplet', margin: 0.2 }, [a, p, n]), eager, 2e-5);
    tf.dispose([a, p, n]);
    model.dispose();
  });

  it('says why, in one line, for what it does not cover', () => {
    const { addon } = loadGraphAddon();
    const withDropout = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 3 }),
        tf.layers.dropout({ rate: 0.5 }),
        tf.layers.dense({ units: 4 }),
      ],
    });
    const sgd = { kind: 'sgd', learningRate: 1 } as const;
    const dropoutRefused = createGraphTrainer({ addon: addon! }, withDropout, {
      loss: { kind: 'meanSquaredError' },
      optimizer: sgd,
    });
    assert.ok(typeof dropoutRefused === 'string');
    assert.match(dropoutRefused, /Dropout/);
    const linearEnd = encoder();
    const linearRefused = createGraphTrainer({ addon: addon! }, linearEnd, {
      loss: { kind: 'binaryCrossentropy' },
      optimizer: sgd,
    });
    assert.ok(typeof linearRefused === 'string');
    assert.match(linearRefused, /does not end in a sigmoid/);
    withDropout.dispose();
    linearEnd.dispose();
  });
});
