import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import { denseAutoencoder } from '../../lib/models/autoencoder';
import { compileForward } from '../../lib/models/direct-forward';
import { binaryCrossentropyFast, binaryCrossentropyFromLogits } from '../../lib/training';

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
const init = (seed: number) => tf.initializers.glorotUniform({ seed });

function convAutoencoder(): tf.Sequential {
  return tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [12, 12, 1],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: init(1),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.conv2d({
        filters: 2,
        kernelSize: 3,
        strides: 1,
        padding: 'valid',
        activation: 'elu',
        kernelInitializer: init(2),
      }),
      tf.layers.upSampling2d({ size: [3, 3] }),
      tf.layers.flatten(),
      tf.layers.dense({ units: 10, activation: 'sigmoid', kernelInitializer: init(3) }),
      tf.layers.reshape({ targetShape: [5, 2] }),
    ],
  });
}

describe('models/direct-forward (compiled forward pass)', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  it('matches model.apply in value and gradient: a functional autoencoder of nested models, and a conv stack', () => {
    const { autoencoder } = denseAutoencoder({ sizes: [20, 8, 3], seed: 4 });
    for (const [model, shape] of [
      [autoencoder, [6, 20]],
      [convAutoencoder(), [3, 12, 12, 1]],
    ] as [tf.LayersModel, number[]][]) {
      const direct = compileForward(model);
      assert.ok(direct, `${model.name} should compile`);
      const x = tf.randomUniform(shape, 0, 1, 'float32', 3);
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const grads = (f: (x: tf.Tensor) => tf.Tensor) =>
        tf.variableGrads(() => tf.sum<tf.Scalar>(tf.square(f(x))), vars);
      const ours = grads((v) => direct.apply(v));
      const theirs = grads((v) => model.apply(v, { training: true }) as tf.Tensor);
      assert.ok(
        Math.abs(ours.value.dataSync()[0] - theirs.value.dataSync()[0]) < 1e-3 * Math.abs(theirs.value.dataSync()[0]),
      );
      for (const v of vars)
        assert.ok(maxDiff(ours.grads[v.name], theirs.grads[v.name]) < 1e-4, `${model.name} gradient of ${v.name}`);
      tf.dispose([x, ours.value, theirs.value, ...Object.values(ours.grads), ...Object.values(theirs.grads)]);
    }
  });

  it('gives the logits of a sigmoid output, and says when there is none', () => {
    const { autoencoder } = denseAutoencoder({ sizes: [20, 8], seed: 2 });
    const direct = compileForward(autoencoder)!;
    assert.equal(direct.sigmoidOutput, true);
    const x = tf.randomUniform([4, 20], 0, 1, 'float32', 5);
    assert.ok(maxDiff(tf.sigmoid(direct.apply(x, true)), direct.apply(x)) < 1e-6);
    assert.equal(
      compileForward(denseAutoencoder({ sizes: [20, 8], output: 'linear' }).autoencoder)?.sigmoidOutput,
      false,
    );
  });

  it('declines models it does not know, so training keeps model.apply', () => {
    const dropout = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [5], units: 3 }), tf.layers.dropout({ rate: 0.5 })],
    });
    const tanh = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 3, activation: 'tanh' })] });
    const input = tf.input({ shape: [4] });
    const twoOut = tf.model({
      inputs: input,
      outputs: [
        tf.layers.dense({ units: 2 }).apply(input) as tf.SymbolicTensor,
        tf.layers.dense({ units: 1 }).apply(input) as tf.SymbolicTensor,
      ],
    });
    assert.equal(compileForward(dropout), null);
    assert.equal(compileForward(tanh), null);
    assert.equal(compileForward(twoOut), null);
  });

  it('binary cross-entropy from logits equals it from the sigmoid, in value and gradient', () => {
    const z = tf.randomNormal([8, 30], 0, 3, 'float32', 9);
    const t = tf.randomUniform([8, 30], 0, 1, 'float32', 10);
    const fromLogits = tf.valueAndGrad((v: tf.Tensor) => binaryCrossentropyFromLogits(t, v))(z);
    const fromSigmoid = tf.valueAndGrad((v: tf.Tensor) => binaryCrossentropyFast(t, tf.sigmoid(v)))(z);
    assert.ok(Math.abs(fromLogits.value.dataSync()[0] - fromSigmoid.value.dataSync()[0]) < 1e-4);
    assert.ok(maxDiff(fromLogits.grad, fromSigmoid.grad) < 1e-5);
  });

  it('leaves no tensors behind when called again and again', () => {
    const model = convAutoencoder();
    const direct = compileForward(model)!;
    const x = tf.randomUniform([2, 12, 12, 1]);
    tf.dispose(direct.apply(x));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose(tf.tidy(() => direct.apply(x)));
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });
});
