import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../../lib/backend';
import {
  straightThroughBits,
  BinaryCodeLayer,
  binaryCodeAutoencoder,
  BinarizeMode,
} from '../../lib/models/binary-code';
import { fitAutoencoder } from '../../lib/training/autoencoder-fit';
import { packCodes, hammingDistance } from '../../lib/search/hamming';

// Four binary prototype images of 64 pixels, each seen 32 times with 10% of pixels flipped.
function prototypes(seed: number): { x: tf.Tensor2D; labels: number[] } {
  return tf.tidy(() => {
    const protos = tf.randomUniform([4, 64], 0, 1, 'float32', seed).greater(0.5).toFloat();
    const labels = Array.from({ length: 128 }, (_, i) => i % 4);
    const clean = tf.gather(protos, labels);
    const flip = tf
      .randomUniform([128, 64], 0, 1, 'float32', seed + 1)
      .less(0.1)
      .toFloat();
    return { x: tf.abs(tf.sub(clean, flip)) as tf.Tensor2D, labels };
  });
}

describe('models/binary-code: a code layer pushed to binary', () => {
  before(async () => {
    await initBackend({ quiet: true });
  });

  it('straight-through: forward gives bits, backward gives the sigmoid gradient', () => {
    const z = tf.tensor1d([-2, -0.1, 0.3, 5]);
    const bits = straightThroughBits(z);
    assert.deepStrictEqual(Array.from(bits.dataSync()), [0, 0, 1, 1]);
    const g = tf.grad((v: tf.Tensor) =>
      straightThroughBits(v)
        .mul(tf.tensor1d([1, 2, 3, 4]))
        .sum(),
    )(z);
    const s = (x: number) => 1 / (1 + Math.exp(-x));
    [-2, -0.1, 0.3, 5].forEach((x, i) => assert.ok(Math.abs(g.dataSync()[i] - (i + 1) * s(x) * (1 - s(x))) < 1e-6));
    tf.dispose([z, bits, g]);
  });

  it('the layer emits hard bits outside training and noisy sigmoids (repeatable by seed) in training', () => {
    const z = tf.randomNormal([8, 16], 0, 1, 'float32', 4);
    const layer = new BinaryCodeLayer({ mode: 'noisy-sigmoid', noiseStd: 4, seed: 7 });
    const test = layer.apply(z, { training: false }) as tf.Tensor;
    assert.ok(Array.from(test.dataSync()).every((v) => v === 0 || v === 1));
    const a = new BinaryCodeLayer({ seed: 7 }).apply(z, { training: true }) as tf.Tensor;
    const b = new BinaryCodeLayer({ seed: 7 }).apply(z, { training: true }) as tf.Tensor;
    const values = Array.from(a.dataSync());
    assert.ok(values.every((v) => v > 0 && v < 1) && values.some((v) => v > 0.01 && v < 0.99));
    assert.deepStrictEqual(values, Array.from(b.dataSync()));
    tf.dispose([z, test, a, b]);
  });

  for (const mode of ['noisy-sigmoid', 'straight-through'] as BinarizeMode[]) {
    it(`${mode}: training lowers the loss and gives codes that are nearer within a class than across`, async () => {
      const { x, labels } = prototypes(11);
      const ae = binaryCodeAutoencoder({ sizes: [64, 32, 16], mode, seed: 3 });
      // Mean Hamming distance within a class over mean distance across classes (random encoders already keep some).
      const ratio = (): number => {
        const bits = ae.encoder.predict(x) as tf.Tensor2D;
        const codes = packCodes(bits);
        bits.dispose();
        let within = 0,
          across = 0,
          nw = 0,
          na = 0;
        for (let i = 0; i < 128; i += 3)
          for (let j = i + 1; j < 128; j += 5) {
            const d = hammingDistance(codes, i, codes, j);
            if (labels[i] === labels[j]) {
              within += d;
              nw++;
            } else {
              across += d;
              na++;
            }
          }
        return within / nw / (across / na);
      };
      const bimodal = (): number =>
        tf.tidy(() => (ae.preActivations.predict(x) as tf.Tensor).abs().greater(2).mean().dataSync()[0]);
      const [ratio0, bimodal0] = [ratio(), bimodal()];
      const history = await fitAutoencoder(ae.autoencoder, x, {
        epochs: 40,
        batchSize: 32,
        seed: 5,
        optimizer: tf.train.adam(0.01),
      });
      assert.ok(history[history.length - 1] < 0.75 * history[0], history.map((v) => v.toFixed(3)).join(' '));
      const ratio1 = ratio();
      assert.ok(
        ratio0 > 0.5 && ratio1 < 0.4,
        `within/across Hamming ratio ${ratio0.toFixed(2)} → ${ratio1.toFixed(2)}`,
      );
      // Pre-activations far from 0 (|z| > 2) mean rounding them changes little: measured 0 → 0.93 (noisy), 0 → 0.73 (s-t).
      assert.ok(bimodal0 < 0.1 && bimodal() > 0.5, `share of |z| > 2: ${bimodal0} → ${bimodal()}`);
      const before = tf.memory().numTensors;
      tf.dispose(ae.encoder.predict(x));
      assert.strictEqual(tf.memory().numTensors, before);
      x.dispose();
      ae.autoencoder.dispose();
    });
  }
});
