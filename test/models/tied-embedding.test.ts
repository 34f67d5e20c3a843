import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import { embedTied } from '../../lib/models/tied-embedding';

const maxDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

function encoder(batchNorm: boolean): tf.Sequential {
  const init = (seed: number) => tf.initializers.glorotUniform({ seed });
  return tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [12], units: 8, activation: 'relu', kernelInitializer: init(1) }),
      ...(batchNorm ? [tf.layers.batchNormalization()] : []),
      tf.layers.dense({ units: 3, kernelInitializer: init(2) }),
    ],
  });
}

describe('models/tied-embedding (tied branches in one stacked pass)', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  for (const batchNorm of [false, true]) {
    it(`gives each batch's embeddings and gradients as separate passes do${batchNorm ? ' (batch norm: kept separate)' : ''}`, () => {
      const net = encoder(batchNorm);
      const [a, b, c] = [1, 2, 3].map((s) => tf.randomNormal([5 + s, 12], 0, 1, 'float32', s));
      const vars = net.trainableWeights.map((w) => w.read() as tf.Variable);
      const objective = (embed: (xs: tf.Tensor[]) => tf.Tensor[]) =>
        tf.variableGrads(() => {
          const [ea, eb, ec] = embed([a, b, c]);
          return tf.add<tf.Scalar>(tf.sum(tf.square(tf.sub(ea.slice(0, 6), eb.slice(0, 6)))), tf.sum(ec));
        }, vars);
      const stacked = objective((xs) => embedTied(net, xs));
      const separate = objective((xs) => xs.map((x) => net.apply(x, { training: true }) as tf.Tensor));
      assert.ok(Math.abs(stacked.value.dataSync()[0] - separate.value.dataSync()[0]) < 1e-4);
      for (const v of vars) assert.ok(maxDiff(stacked.grads[v.name], separate.grads[v.name]) < 1e-4, v.name);
      const shapes = tf.tidy(() => embedTied(net, [a, b, c]).map((e) => e.shape));
      assert.deepEqual(shapes, [
        [6, 3],
        [7, 3],
        [8, 3],
      ]);
      tf.dispose([
        a,
        b,
        c,
        stacked.value,
        separate.value,
        ...Object.values(stacked.grads),
        ...Object.values(separate.grads),
      ]);
    });
  }

  it('leaves no tensors behind', () => {
    const net = encoder(false);
    const x = tf.randomNormal([4, 12]);
    tf.dispose(tf.tidy(() => embedTied(net, [x, x])));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) tf.dispose(tf.tidy(() => embedTied(net, [x, x])));
    assert.equal(tf.memory().numTensors, before);
    x.dispose();
  });
});
