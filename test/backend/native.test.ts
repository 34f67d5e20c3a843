import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import { compareWithCpu } from '../../lib/native';
import { nativeFailure } from '../support/native';

describe('backend/native tfjs-node (built against the installed TensorFlow)', function () {
  const why = nativeFailure();
  before(function () {
    if (why) {
      console.log(`      (skipped: ${why})`);
      this.skip();
    }
  });

  it('computes every op the lessons train with as the cpu backend does (version skew check)', async function () {
    this.timeout(120000);
    const rows = await compareWithCpu('tensorflow');
    const bad = rows.filter((r) => !r.ok).map((r) => `${r.name}: ${r.failure ?? r.error}`);
    assert.deepEqual(bad, []);
    assert.ok(rows.length >= 25);
  });

  it('trains a model through tf.layers on it', async () => {
    await tf.setBackend('tensorflow');
    const model = tf.sequential({
      layers: [tf.layers.dense({ inputShape: [4], units: 1, kernelInitializer: tf.initializers.zeros() })],
    });
    model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
    const x = tf.randomNormal([64, 4], 0, 1, 'float32', 1);
    const y = tf.matMul(x, tf.tensor2d([[1], [-1], [2], [0.5]]));
    const h = (await model.fit(x, y, { epochs: 20, batchSize: 16, verbose: 0 })).history.loss as number[];
    assert.ok(h[19] < 0.01 * h[0], `loss ${h[0]} → ${h[19]}`);
    tf.dispose([x, y]);
    model.dispose();
  });
});
