import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { maskingNoise } from '../../lib/data/corruption';
import { noiseSweep } from '../../lib/metrics/noise-sweep';
import { meanBinaryCrossEntropy } from '../../lib/metrics/reconstruction';

/** A "model" that outputs its input unchanged, and one that outputs 0.5 everywhere. */
function fixedModels(): Record<string, tf.LayersModel> {
  const input = tf.input({ shape: [16] });
  const copy = tf.model({
    inputs: input,
    outputs: tf.layers.activation({ activation: 'linear' }).apply(input) as tf.SymbolicTensor,
  });
  const grey = tf.sequential({
    layers: [
      tf.layers.dense({
        units: 16,
        inputShape: [16],
        kernelInitializer: 'zeros',
        biasInitializer: tf.initializers.constant({ value: 0.5 }),
      }),
    ],
  });
  return { copy, grey };
}

describe('metrics/noise-sweep', () => {
  it('scores the noisy input and each model at every kind and level, with one noise draw for all', () => {
    const clean = tf.tidy(() =>
      tf.randomUniform<tf.Rank.R2>([20, 16], 0, 1, 'float32', 1).round().mul<tf.Tensor2D>(0.9).add<tf.Tensor2D>(0.05),
    );
    const models = fixedModels();
    const before = tf.memory().numTensors;
    const points = noiseSweep(models, clean, ['masking', 'gaussian'], [0, 0.5], 7);
    assert.strictEqual(tf.memory().numTensors, before, 'leaked tensors');
    assert.strictEqual(points.length, 2 * 2 * 3);
    assert.deepStrictEqual(
      points.slice(0, 3).map((p) => p.model),
      ['noisy input', 'copy', 'grey'],
    );
    const at = (noise: string, level: number, model: string) =>
      points.find((p) => p.noise === noise && p.level === level && p.model === model)!.bce;
    // The copying model returns the noisy input, so it must score exactly as the input does.
    assert.strictEqual(at('masking', 0.5, 'copy'), at('masking', 0.5, 'noisy input'));
    const noisy = maskingNoise(clean, 0.5, 7);
    assert.strictEqual(at('masking', 0.5, 'noisy input'), meanBinaryCrossEntropy(clean, noisy));
    // More masking, more error; the grey output does not depend on the input.
    assert.ok(at('masking', 0.5, 'noisy input') > at('masking', 0, 'noisy input'));
    assert.ok(Math.abs(at('masking', 0, 'grey') - at('masking', 0.5, 'grey')) < 1e-6);
    tf.dispose([clean, noisy]);
    Object.values(models).forEach((m) => m.dispose());
  });
});
