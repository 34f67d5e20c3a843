import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import {
  DEEP_AUTOENCODER_SIZES,
  HINTON_AUTOENCODER_SIZES,
  SIMPLE_AUTOENCODER_SIZES,
  decoderBasis,
  denseAutoencoder,
  linearAutoencoder,
} from '../../lib/models/autoencoder';

const units = (m: tf.LayersModel): number[] => m.layers.map((l) => (l.getConfig() as { units: number }).units);
const acts = (m: tf.LayersModel): string[] =>
  m.layers.map((l) => String((l.getConfig() as { activation: string }).activation));

describe('models/autoencoder', () => {
  it('mirrors the encoder sizes in the decoder', () => {
    const simple = denseAutoencoder({ sizes: SIMPLE_AUTOENCODER_SIZES });
    assert.deepStrictEqual(units(simple.encoder), [32]);
    assert.deepStrictEqual(units(simple.decoder), [784]);
    assert.deepStrictEqual([acts(simple.encoder), acts(simple.decoder)], [['relu'], ['sigmoid']]);
    const deep = denseAutoencoder({ sizes: DEEP_AUTOENCODER_SIZES });
    assert.deepStrictEqual(units(deep.encoder), [128, 64, 32]);
    assert.deepStrictEqual(units(deep.decoder), [64, 128, 784]);
    assert.strictEqual(deep.codeSize, 32);
    const hs = denseAutoencoder({ sizes: HINTON_AUTOENCODER_SIZES, hidden: 'sigmoid', code: 'linear' });
    assert.deepStrictEqual(units(hs.encoder), [1000, 500, 250, 30]);
    assert.deepStrictEqual(acts(hs.encoder), ['sigmoid', 'sigmoid', 'sigmoid', 'linear']);
    assert.deepStrictEqual(acts(hs.decoder), ['sigmoid', 'sigmoid', 'sigmoid', 'sigmoid']);
    // 784·1000+1000 + 1000·500+500 + 500·250+250 + 250·30+30, twice with the mirrored biases.
    assert.strictEqual(
      hs.autoencoder.countParams(),
      2 * (784000 + 500000 + 125000 + 7500) + (1000 + 500 + 250 + 30) + (250 + 500 + 1000 + 784),
    );
    [simple, deep, hs].forEach((a) => a.autoencoder.dispose());
    assert.throws(() => denseAutoencoder({ sizes: [784] }), /at least/);
  });

  it('the halves share weights with the whole: decoder(encoder(x)) equals the autoencoder', () => {
    const ae = denseAutoencoder({ sizes: [20, 8, 3], seed: 5 });
    const x = tf.randomUniform([4, 20], 0, 1, 'float32', 1);
    const whole = ae.autoencoder.predict(x) as tf.Tensor;
    const code = ae.encoder.predict(x) as tf.Tensor;
    const halves = ae.decoder.predict(code) as tf.Tensor;
    assert.deepStrictEqual(code.shape, [4, 3]);
    assert.ok(tf.tidy(() => whole.sub(halves).abs().max().dataSync()[0]) < 1e-6);
    tf.dispose([x, whole, code, halves]);
    ae.autoencoder.dispose();
  });

  it('the same seed gives the same initial weights', () => {
    const a = denseAutoencoder({ sizes: [12, 4], seed: 9 });
    const b = denseAutoencoder({ sizes: [12, 4], seed: 9 });
    const c = denseAutoencoder({ sizes: [12, 4], seed: 10 });
    const w = (m: tf.LayersModel): number[] => Array.from(m.getWeights()[0].dataSync());
    assert.deepStrictEqual(w(a.autoencoder), w(b.autoencoder));
    assert.notDeepStrictEqual(w(a.autoencoder), w(c.autoencoder));
    [a, b, c].forEach((m) => m.autoencoder.dispose());
  });

  it('a linear autoencoder is an affine map of rank k, and decoderBasis gives its [d, k] directions', () => {
    const ae = linearAutoencoder(6, 2, 3);
    assert.deepStrictEqual(acts(ae.encoder).concat(acts(ae.decoder)), ['linear', 'linear']);
    const x = tf.randomNormal([5, 6], 0, 1, 'float32', 2);
    const y = tf.randomNormal([5, 6], 0, 1, 'float32', 3);
    // Linearity up to the bias: f(x + y) − f(0) = (f(x) − f(0)) + (f(y) − f(0)).
    const f = (t: tf.Tensor): tf.Tensor => ae.autoencoder.predict(t) as tf.Tensor;
    const gap = tf.tidy(() => {
      const zero = f(tf.zerosLike(x));
      return f(x.add(y)).sub(zero).sub(f(x).sub(zero)).sub(f(y).sub(zero)).abs().max().dataSync()[0];
    });
    assert.ok(gap < 1e-5, `not linear: ${gap}`);
    const basis = decoderBasis(ae);
    assert.deepStrictEqual(basis.shape, [6, 2]);
    tf.dispose([x, y, basis]);
    ae.autoencoder.dispose();
  });

  it('leaks no tensors over repeated predictions and basis reads', () => {
    const ae = denseAutoencoder({ sizes: [16, 4] });
    const x = tf.ones([3, 16]);
    tf.dispose([ae.autoencoder.predict(x), decoderBasis(ae)]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose([ae.autoencoder.predict(x), ae.encoder.predict(x), decoderBasis(ae)]);
    assert.strictEqual(tf.memory().numTensors, before);
    x.dispose();
    ae.autoencoder.dispose();
  });
});
