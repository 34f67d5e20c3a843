import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { loadGraphAddon } from '../../lib/graph/addon';
import { createGraphTrainer, type GraphTrainer } from '../../lib/graph/trainer';
import type { GraphLoss } from '../../lib/graph/losses';
import { contrastiveLoss, rowDistances } from '../../lib/losses/contrastive';
import { cosineSimilarity, cosineTargetLoss } from '../../lib/losses/cosine-target';
import { tripletLoss } from '../../lib/losses/triplet';
import { embedTied } from '../../lib/models/tied-embedding';
import { objective, trainable } from '../../lib/training/fit';
import { onGraphBackend, seeded } from './graph-env';

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
  onGraphBackend();

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

  const timeDelay = (padding: 'valid' | 'same', stride: number): tf.Sequential =>
    tf.sequential({
      layers: [
        tf.layers.conv1d({
          inputShape: [30, 3],
          filters: 5,
          kernelSize: 4,
          strides: stride,
          padding,
          activation: 'tanh',
          kernelInitializer: seeded(51),
          biasInitializer: 'randomNormal',
        }),
        tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, activation: 'relu', kernelInitializer: seeded(52) }),
        tf.layers.globalAveragePooling1d(),
      ],
    });

  it('Conv1D (strided, valid) and GlobalAveragePooling1D; cosine-target loss on tied branches', () => {
    const model = timeDelay('valid', 3);
    const [a, b] = [
      tf.randomNormal([10, 30, 3], 0, 1, 'float32', 61),
      tf.randomNormal([10, 30, 3], 0, 1, 'float32', 62),
    ];
    const same = tf.tensor1d(Array.from({ length: 10 }, (_, i) => i % 2));
    const eager = eagerGradients(model, () =>
      cosineTargetLoss(
        cosineSimilarity(
          model.apply(a, { training: true }) as tf.Tensor2D,
          model.apply(b, { training: true }) as tf.Tensor2D,
        ),
        same,
      ),
    );
    assertSame(graphGradients(model, { kind: 'cosineTarget' }, [a, b, same]), eager, 2e-5);
    tf.dispose([a, b, same]);
    model.dispose();
  });

  it('Conv1D with same padding, stride 1; squared error', () => {
    const model = timeDelay('same', 1);
    const x = tf.randomNormal([8, 30, 3], 0, 1, 'float32', 63);
    const y = uniform([8, 4], 64);
    const cost = objective(trainable(model), 'meanSquaredError');
    const eager = eagerGradients(model, () => cost(x, y));
    assertSame(graphGradients(model, { kind: 'meanSquaredError' }, [x, y]), eager, 2e-5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('softmax cross-entropy on logits (Conv2D, Flatten, Dense)', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({
          inputShape: [5, 5, 2],
          filters: 3,
          kernelSize: 2,
          activation: 'relu',
          kernelInitializer: seeded(71),
        }),
        tf.layers.flatten(),
        tf.layers.dense({ units: 4, kernelInitializer: seeded(72), biasInitializer: 'randomNormal' }),
      ],
    });
    const x = tf.randomNormal([12, 5, 5, 2], 0, 1, 'float32', 73);
    const y = tf
      .oneHot(
        tf.tensor1d(
          Array.from({ length: 12 }, (_, i) => i % 4),
          'int32',
        ),
        4,
      )
      .toFloat();
    const eager = eagerGradients(model, () =>
      tf.losses.softmaxCrossEntropy<tf.Tensor, tf.Scalar>(y, model.apply(x, { training: true }) as tf.Tensor),
    );
    assertSame(graphGradients(model, { kind: 'softmaxCrossEntropy' }, [x, y]), eager, 2e-5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('Dropout: off in inference; in training a fresh mask of the rate, survivors scaled by 1/keep', () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [50], units: 50, kernelInitializer: 'identity', biasInitializer: 'zeros' }),
        tf.layers.dropout({ rate: 0.4 }),
      ],
    });
    const { addon } = loadGraphAddon();
    const trainer = createGraphTrainer({ addon: addon! }, model, {
      loss: { kind: 'meanSquaredError' },
      optimizer: { kind: 'sgd', learningRate: 0 },
    });
    if (typeof trainer === 'string') throw new Error(trainer);
    const ones = new Float32Array(40 * 50).fill(1);
    assert.ok(
      trainer.forward(ones, 40).every((v) => Math.abs(v - 1) < 1e-6),
      'inference: no dropout',
    );
    const [first, second] = [trainer.forward(ones, 40, true), trainer.forward(ones, 40, true)];
    trainer.dispose();
    const dropped = first.filter((v) => v === 0).length / first.length;
    // 2,000 draws: 3 standard deviations of the dropped fraction are ±0.033.
    assert.ok(Math.abs(dropped - 0.4) < 0.033, `dropped fraction ${dropped}`);
    assert.ok(
      first.every((v) => v === 0 || Math.abs(v - 1 / 0.6) < 1e-5),
      'survivors scaled by 1/keep',
    );
    assert.ok(
      first.some((v, i) => v !== second[i]),
      'a new mask each run',
    );
    model.dispose();
  });

  it('says why, in one line, for what it does not cover', () => {
    const { addon } = loadGraphAddon();
    const withNorm = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [4], units: 3 }),
        tf.layers.layerNormalization(),
        tf.layers.dense({ units: 4 }),
      ],
    });
    const sgd = { kind: 'sgd', learningRate: 1 } as const;
    /** The reason given, or a note that a trainer was built instead. */
    const reason = (made: GraphTrainer | string): string => (typeof made === 'string' ? made : 'a trainer');
    assert.match(
      reason(createGraphTrainer({ addon: addon! }, withNorm, { loss: { kind: 'meanSquaredError' }, optimizer: sgd })),
      /LayerNormalization/,
    );
    const linearEnd = encoder();
    assert.match(
      reason(
        createGraphTrainer({ addon: addon! }, linearEnd, { loss: { kind: 'binaryCrossentropy' }, optimizer: sgd }),
      ),
      /does not end in a sigmoid/,
    );
    const seededDropout = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 3 }), tf.layers.dropout({ rate: 0.1, seed: 1 })],
    });
    assert.match(
      reason(
        createGraphTrainer({ addon: addon! }, seededDropout, { loss: { kind: 'meanSquaredError' }, optimizer: sgd }),
      ),
      /Dropout with a seed/,
    );
    withNorm.dispose();
    linearEnd.dispose();
    seededDropout.dispose();
  });
});
