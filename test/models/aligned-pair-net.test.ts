import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { alignedPairNet, learnedPairDistances } from '../../lib/models/aligned-pair-net';

describe('models/aligned-pair-net', () => {
  it('two logits per aligned difference sequence; the distance is −log P(same writer), batch by batch', () => {
    const model = alignedPairNet({ inputShape: [40, 3], seed: 2 });
    assert.deepStrictEqual(model.outputs[0].shape, [null, 2]);
    const x = tf.randomNormal([5, 40, 3], 0, 1, 'float32', 1);
    const d = learnedPairDistances(model, x, 2);
    const expected = tf.tidy(() => tf.neg(tf.logSoftmax(model.predict(x) as tf.Tensor2D).slice([0, 1], [5, 1])));
    const e = expected.dataSync();
    assert.strictEqual(d.length, 5);
    d.forEach((v, k) => assert.ok(v > 0 && Math.abs(v - e[k]) < 1e-5, `${v} vs ${e[k]}`));
    tf.dispose([x, expected]);
    model.dispose();
  });
});
