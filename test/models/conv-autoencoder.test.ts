import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import {
  convAutoencoder,
  kerasBlogConvAutoencoder,
  trainableParameterCount,
  UpsamplingKind,
} from '../../lib/models/conv-autoencoder';

// Blobs at random places: a tiny image set that a few Adam steps can start to reconstruct.
function blobs(n: number, seed: number): tf.Tensor4D {
  return tf.tidy(() => {
    const centres = tf.randomUniform([n, 1, 1, 2], 6, 22, 'float32', seed);
    const grid = tf.stack(tf.meshgrid(tf.range(0, 28), tf.range(0, 28)), -1).reshape([1, 28, 28, 2]);
    const d2 = tf.sub(grid, centres).square().sum(-1, true);
    return tf.exp(d2.div(-18)) as tf.Tensor4D;
  });
}

describe('models/conv-autoencoder: the Keras blog model and three ways up', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  it('the Keras blog model has its 4×4×8 code and 28×28×1 output', () => {
    const { autoencoder, encoder, codeShape } = kerasBlogConvAutoencoder();
    assert.deepStrictEqual(codeShape, [4, 4, 8]);
    assert.deepStrictEqual(autoencoder.outputs[0].shape, [null, 28, 28, 1]);
    assert.deepStrictEqual(encoder.outputs[0].shape, [null, 4, 4, 8]);
    assert.strictEqual(trainableParameterCount(autoencoder), 4385); // 160+1160+584 + 584+584+1168+145
    autoencoder.dispose();
  });

  for (const kind of ['unpool', 'nearest', 'transposed'] as UpsamplingKind[]) {
    it(`${kind}: same encoder, mirrored decoder 4 → 7 → 14 → 28, same parameter count as the others`, () => {
      const { autoencoder, codeShape } = convAutoencoder(kind);
      assert.deepStrictEqual(codeShape, [4, 4, 8]);
      assert.deepStrictEqual(autoencoder.outputs[0].shape, [null, 28, 28, 1]);
      assert.strictEqual(trainableParameterCount(autoencoder), 3801);
      autoencoder.dispose();
    });
  }

  it('the three models share the encoder weights when built with one seed', () => {
    const a = convAutoencoder('unpool', { seed: 5 });
    const b = convAutoencoder('transposed', { seed: 5 });
    const wa = a.encoder.getWeights(),
      wb = b.encoder.getWeights();
    assert.strictEqual(wa.length, wb.length);
    wa.forEach((w, i) => assert.ok(tf.tidy(() => tf.sub(w, wb[i]).abs().max().dataSync()[0]) === 0));
    a.autoencoder.dispose();
    b.autoencoder.dispose();
  });

  for (const kind of ['unpool', 'nearest', 'transposed'] as UpsamplingKind[]) {
    it(`${kind}: a few Adam steps lower the BCE and move the encoder's first kernel`, async () => {
      const x = blobs(64, 3);
      const { autoencoder, encoder } = convAutoencoder(kind, { seed: 2 });
      const first = encoder.layers
        .find((l) => l.name === 'enc_conv_1')!
        .getWeights()[0]
        .clone();
      autoencoder.compile({ optimizer: tf.train.adam(0.01), loss: 'binaryCrossentropy' });
      const h = await autoencoder.fit(x, x, { epochs: 8, batchSize: 16, shuffle: false, verbose: 0 });
      const losses = h.history.loss as number[];
      assert.ok(losses[losses.length - 1] < 0.8 * losses[0], `${kind}: ${losses.map((v) => v.toFixed(3)).join(' ')}`);
      const moved = tf.tidy(
        () =>
          tf
            .sub(first, encoder.layers.find((l) => l.name === 'enc_conv_1')!.getWeights()[0])
            .abs()
            .max()
            .dataSync()[0],
      );
      assert.ok(moved > 1e-3, `encoder kernel moved only ${moved}`);
      tf.dispose([x, first]);
      autoencoder.dispose();
    });
  }

  for (const kind of ['unpool', 'nearest', 'transposed'] as UpsamplingKind[]) {
    it(`${kind}: the standalone decoder on (code${kind === 'unpool' ? ', switches' : ''}) gives the autoencoder's output`, () => {
      const m = convAutoencoder(kind, { seed: 4 });
      const x = blobs(3, 8);
      const code = m.encoder.predict(x) as tf.Tensor;
      const sw = m.switches ? (m.switches.predict(x) as tf.Tensor[]) : [];
      assert.strictEqual(sw.length, kind === 'unpool' ? 3 : 0);
      const viaDecoder = m.decoder!.predict([code, ...sw]) as tf.Tensor;
      const whole = m.autoencoder.predict(x) as tf.Tensor;
      assert.ok(tf.tidy(() => tf.sub(viaDecoder, whole).abs().max().dataSync()[0]) < 1e-6);
      tf.dispose([x, code, ...sw, viaDecoder, whole]);
      m.autoencoder.dispose();
    });
  }

  it('predict keeps the tensor count flat', () => {
    const { autoencoder } = convAutoencoder('unpool');
    const x = blobs(4, 9);
    tf.dispose(autoencoder.predict(x));
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) tf.dispose(autoencoder.predict(x));
    assert.strictEqual(tf.memory().numTensors, before);
    x.dispose();
    autoencoder.dispose();
  });
});
