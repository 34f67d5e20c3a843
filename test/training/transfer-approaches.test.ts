import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { smallConvNet } from '../../lib/models/small-networks';
import { fitClassifier } from '../../lib/training/fit-classifier';
import {
  LabelledImages,
  runTransferApproach,
  TRANSFER_APPROACHES,
  TransferSetup,
} from '../../lib/training/transfer-approaches';

/** 8×8 images: class c is a bright row (c even) or column (c odd) at position `offset + c/2`, plus noise. */
function lines(n: number, classes: number, offset: number, seed: number): LabelledImages {
  const labels = Int32Array.from({ length: n }, (_, i) => i % classes);
  const images = tf.tidy(() => {
    const protos = tf.stack(
      Array.from({ length: classes }, (_, c) => {
        const line = tf.oneHot(tf.fill<tf.Rank.R1>([8], offset + Math.floor(c / 2), 'int32'), 8).toFloat();
        return c % 2 ? line : tf.transpose(line);
      }),
    );
    return tf
      .add(tf.gather(protos, tf.tensor1d(labels, 'int32')), tf.randomUniform([n, 8, 8], 0, 0.5, 'float32', seed))
      .reshape([n, 8, 8, 1]);
  });
  return { images, labels, classNames: Array.from({ length: classes }, (_, c) => `line ${c}`) };
}

describe('training/transfer-approaches', () => {
  it('every approach learns a nearby target, leaves the source unchanged and frees its tensors', async () => {
    const net = (k: number, seed: number): tf.LayersModel =>
      smallConvNet({ inputShape: [8, 8, 1], filters: [4], dense: 0, outputs: k, seed });
    const source = net(4, 1);
    const src = lines(80, 4, 0, 1);
    await fitClassifier(source, src.images, src.labels, { optimizer: tf.train.adam(0.02), epochs: 10, batchSize: 16 });
    const setup: TransferSetup = {
      source,
      keep: 3,
      makeHead: (k) => [tf.layers.dense({ units: k, kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }) })],
      makeScratch: (k) => net(k, 9),
      makeOptimizer: (lr) => tf.train.adam(lr),
      learningRate: 0.02,
      epochsFor: () => 10,
      batchSize: 8,
    };
    const train = lines(24, 4, 4, 2);
    const test = lines(40, 4, 4, 3);
    const before = source.getWeights().map((w) => w.dataSync().slice());
    await runTransferApproach('frozen + new head', setup, train, test); // first run creates tfjs' own cached constants
    const tensors = tf.memory().numTensors;
    for (const approach of TRANSFER_APPROACHES.slice().reverse()) {
      const acc = await runTransferApproach(approach, setup, train, test);
      // 24 examples: the reused features give ≥ 0.9; from scratch only clears chance (0.25) comfortably
      assert.ok(acc >= (approach === 'from scratch' ? 0.5 : 0.9), `${approach}: accuracy ${acc}`);
    }
    assert.strictEqual(tf.memory().numTensors, tensors, 'tensors leaked');
    source
      .getWeights()
      .forEach((w, i) => assert.deepStrictEqual(w.dataSync(), before[i], `source weight ${i} changed`));
    tf.dispose([src.images, train.images, test.images]);
    source.dispose();
  });
});
