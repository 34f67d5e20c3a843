import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { maskingNoise } from '../../lib/data/corruption';
import { denseAutoencoder } from '../../lib/models/autoencoder';
import { fitAutoencoder } from '../../lib/training/autoencoder-fit';

/** 200 binary "images" of 16 pixels, each one of 4 patterns. */
function patterns(): tf.Tensor2D {
  const base = [
    [1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1],
  ];
  return tf.tensor2d(Array.from({ length: 200 }, (_, i) => base[i % 4]));
}

describe('training/autoencoder-fit', () => {
  it('reduces the loss, reports progress, and repeats exactly with the same seeds', async function () {
    this.timeout(60000);
    const x = patterns();
    const run = async (): Promise<{ losses: number[]; seen: number[] }> => {
      const ae = denseAutoencoder({ sizes: [16, 4], seed: 2 });
      const seen: number[] = [];
      const losses = await fitAutoencoder(ae.autoencoder, x, {
        epochs: 30,
        batchSize: 50,
        seed: 1,
        optimizer: tf.train.adam(0.02),
        corrupt: (c, s) => maskingNoise(c, 0.25, s),
        progress: { update: (done) => seen.push(done), finish: () => seen.push(-1) },
      });
      ae.autoencoder.dispose();
      return { losses, seen };
    };
    const a = await run();
    assert.ok(a.losses[29] < a.losses[0] * 0.5, `loss ${a.losses[0]} → ${a.losses[29]}`);
    assert.deepStrictEqual(a.seen, [...Array.from({ length: 30 }, (_, i) => i + 1), -1]);
    const b = await run();
    assert.deepStrictEqual(b.losses, a.losses);
    x.dispose();
  });

  it('a denoising autoencoder restores masked pixels', async function () {
    this.timeout(60000);
    const x = patterns();
    const ae = denseAutoencoder({ sizes: [16, 4], seed: 3 });
    await fitAutoencoder(ae.autoencoder, x, {
      epochs: 60,
      batchSize: 50,
      optimizer: tf.train.adam(0.02),
      corrupt: (c, s) => maskingNoise(c, 0.25, s),
    });
    const noisy = maskingNoise(x, 0.25, 999);
    const out = ae.autoencoder.predict(noisy) as tf.Tensor;
    const [noisyErr, outErr] = tf.tidy(() => [
      noisy.sub(x).abs().mean().dataSync()[0],
      out.sub(x).abs().mean().dataSync()[0],
    ]);
    assert.ok(outErr < noisyErr / 2, `denoised error ${outErr} vs noisy ${noisyErr}`);
    tf.dispose([x, noisy, out]);
    ae.autoencoder.dispose();
  });

  it('leaks no tensors across epochs', async () => {
    const x = patterns();
    const ae = denseAutoencoder({ sizes: [16, 4] });
    const optimizer = tf.train.adam(0.01);
    await fitAutoencoder(ae.autoencoder, x, { epochs: 1, optimizer, corrupt: (c, s) => maskingNoise(c, 0.1, s) });
    const before = tf.memory().numTensors;
    await fitAutoencoder(ae.autoencoder, x, { epochs: 3, optimizer, corrupt: (c, s) => maskingNoise(c, 0.1, s) });
    await fitAutoencoder(ae.autoencoder, x, { epochs: 2, optimizer, loss: 'meanSquaredError' });
    assert.strictEqual(tf.memory().numTensors, before);
    optimizer.dispose();
    x.dispose();
    ae.autoencoder.dispose();
  });
});
