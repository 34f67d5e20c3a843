import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  cloneModel,
  freezeLayers,
  groupByMultiplier,
  groupedOptimizer,
  trainableVariables,
  truncateModel,
  unfreezeAll,
  withNewHead,
} from '../../lib/models/transfer';
import { fitClassifier, predictClasses } from '../../lib/training/fit-classifier';
import { assertClose as close } from '../support/close';

function denseNet(seed: number): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.dense({
      units: 6,
      activation: 'relu',
      inputShape: [4],
      kernelInitializer: tf.initializers.glorotUniform({ seed }),
    }),
  );
  m.add(
    tf.layers.dense({
      units: 5,
      activation: 'relu',
      kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }),
    }),
  );
  m.add(tf.layers.dense({ units: 3, kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }));
  return m;
}

/** How far each variable moved (L2) after `steps` applications of the same gradients. */
function movement(make: (lr: number) => tf.Optimizer, multipliers: number[], steps: number): number[] {
  const vars = multipliers.map((_, i) =>
    tf.variable(tf.tensor1d([1, -2, 0.5]), true, `lrgroup_test_${make.name}_${i}_${Math.random()}`),
  );
  const start = vars.map((v) => v.clone());
  const opt = groupedOptimizer(
    make,
    0.01,
    vars.map((v, i) => ({ variables: [v], multiplier: multipliers[i] })),
  );
  for (let s = 0; s < steps; s++) {
    const grads: tf.NamedTensorMap = Object.fromEntries(vars.map((v) => [v.name, tf.tensor1d([0.3, -0.1, 0.2])]));
    opt.applyGradients(grads);
    tf.dispose(Object.values(grads));
  }
  const moved = vars.map((v, i) => tf.tidy(() => tf.norm(tf.sub(v, start[i])).dataSync()[0]));
  opt.dispose();
  tf.dispose([...vars, ...start]);
  return moved;
}

describe('models/transfer', () => {
  it('learning-rate multipliers: 0 does not move, k moves k times as far (SGD, momentum, Adam)', () => {
    const sgd = movement((lr) => tf.train.sgd(lr), [0, 1, 3, 10], 4);
    assert.strictEqual(sgd[0], 0);
    assert.ok(sgd[1] > 0);
    // float32 rounding of 1 + small steps limits agreement to ~1e-5 relative
    close(sgd[2] / sgd[1], 3, 3e-4);
    close(sgd[3] / sgd[1], 10, 1e-3);
    const momentum = movement((lr) => tf.train.momentum(lr, 0.9), [0, 1, 20], 5);
    assert.strictEqual(momentum[0], 0);
    close(momentum[2] / momentum[1], 20, 2e-3);
    // Adam divides out gradient scale, so multiplying gradients would do nothing; per-group rates still scale the step.
    const adam = movement((lr) => tf.train.adam(lr), [0, 1, 10], 3);
    assert.strictEqual(adam[0], 0);
    close(adam[2] / adam[1], 10, 1e-2);
  });

  it('groupedOptimizer refuses a gradient outside every group, and a variable in two groups', () => {
    const v = tf.variable(tf.scalar(1), true, 'lrgroup_outside_test');
    const w = tf.variable(tf.scalar(1), true, 'lrgroup_inside_test');
    const opt = groupedOptimizer((lr) => tf.train.sgd(lr), 1, [{ variables: [w], multiplier: 1 }]);
    const g = tf.scalar(1);
    assert.throws(() => opt.applyGradients({ [v.name]: g }), /in no group/);
    assert.throws(
      () =>
        groupedOptimizer((lr) => tf.train.sgd(lr), 1, [
          { variables: [w], multiplier: 1 },
          { variables: [w], multiplier: 2 },
        ]),
      /two groups/,
    );
    opt.dispose();
    tf.dispose([v, w, g]);
  });

  it('freezeLayers keeps frozen weights fixed in training while the rest learn; unfreezeAll undoes it', async () => {
    const m = denseNet(1);
    assert.deepStrictEqual(freezeLayers(m, 2), [m.layers[0].name, m.layers[1].name]);
    assert.strictEqual(trainableVariables(m).length, 2);
    // per layer: a model lists trainable weights first, so getWeights() reorders once layers are frozen
    const weightsOf = (): Float32Array[] =>
      m.layers.flatMap((l) => l.getWeights().map((w) => w.dataSync() as Float32Array));
    const before = weightsOf().map((w) => w.slice());
    const x = tf.randomNormal([32, 4], 0, 1, 'float32', 3);
    const y = Int32Array.from({ length: 32 }, (_, i) => i % 3);
    await fitClassifier(m, x, y, { optimizer: tf.train.sgd(0.5), epochs: 2, batchSize: 8 });
    const after = weightsOf();
    for (let i = 0; i < 4; i++) assert.deepStrictEqual(after[i], before[i], `frozen weight ${i} moved`);
    assert.notDeepStrictEqual(after[4], before[4]);
    unfreezeAll(m);
    assert.strictEqual(trainableVariables(m).length, 6);
    freezeLayers(m, (layer) => layer.name === m.layers[2].name);
    assert.strictEqual(trainableVariables(m).length, 4);
    m.dispose();
    x.dispose();
  });

  it('groupByMultiplier sorts weights by rule: source ×1, new kernels ×10, new biases ×20', () => {
    const source = denseNet(2);
    const head = tf.layers.dense({ units: 2 });
    const m = withNewHead(source, 2, [head]);
    const groups = groupByMultiplier(m, (layer, w) =>
      layer === head ? (w.originalName.endsWith('bias') ? 20 : 10) : 1,
    );
    const size = (k: number): number => groups.find((g) => g.multiplier === k)?.variables.length ?? 0;
    assert.deepStrictEqual([size(1), size(10), size(20)], [4, 1, 1]);
    freezeLayers(m, (layer) => layer !== head);
    assert.deepStrictEqual(groupByMultiplier(m, () => 1)[0].variables.length, 2);
    source.dispose();
  });

  it('withNewHead shares the source layers; cloneModel copies them into new variables', async () => {
    const source = denseNet(4);
    assert.deepStrictEqual(truncateModel(source, 2).outputs[0].shape, [null, 5]);
    const transfer = withNewHead(source, 2, [tf.layers.dense({ units: 7 })]);
    assert.deepStrictEqual(transfer.outputs[0].shape, [null, 7]);
    assert.strictEqual(transfer.layers[1], source.layers[0]);
    const copy = await cloneModel(source);
    const x = tf.randomNormal([5, 4], 0, 1, 'float32', 9);
    const same = tf.tidy(
      () => tf.max(tf.abs(tf.sub(copy.predict(x) as tf.Tensor, source.predict(x) as tf.Tensor))).dataSync()[0],
    );
    assert.ok(same < 1e-6);
    const ids = new Set(trainableVariables(source).map((v) => v.id));
    assert.ok(
      trainableVariables(copy).every((v) => !ids.has(v.id)),
      'clone shares a variable with its source',
    );
    await fitClassifier(copy, x, Int32Array.from([0, 1, 2, 0, 1]), { optimizer: tf.train.sgd(0.5), epochs: 1 });
    const diff = tf.tidy(
      () => tf.max(tf.abs(tf.sub(copy.predict(x) as tf.Tensor, source.predict(x) as tf.Tensor))).dataSync()[0],
    );
    assert.ok(diff > 1e-4, 'training the clone should not touch the source');
    source.dispose();
    copy.dispose();
    x.dispose();
  });

  it('fitClassifier learns a separable problem and leaves no tensors behind', async () => {
    const m = denseNet(5);
    const x = tf.tidy(() =>
      tf.concat([
        tf.add(tf.randomNormal([30, 4], 0, 0.3, 'float32', 1), 2),
        tf.sub(tf.randomNormal([30, 4], 0, 0.3, 'float32', 2), 2),
      ]),
    );
    const y = Int32Array.from({ length: 60 }, (_, i) => (i < 30 ? 0 : 1));
    const opt = tf.train.adam(0.05);
    await fitClassifier(m, x, y, { optimizer: opt, epochs: 1, batchSize: 10 });
    const before = tf.memory().numTensors;
    const losses = await fitClassifier(m, x, y, { optimizer: opt, epochs: 5, batchSize: 10 });
    assert.strictEqual(tf.memory().numTensors, before);
    assert.ok(losses[4] < losses[0], `loss did not fall: ${losses}`);
    const pred = predictClasses(m, x, 16);
    assert.ok(
      pred.filter((p, i) => p === y[i]).length >= 57,
      `accuracy ${pred.filter((p, i) => p === y[i]).length}/60`,
    );
    m.dispose();
    x.dispose();
    opt.dispose();
  });
});
