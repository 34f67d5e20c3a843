import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../../lib/data/seeded-random';
import {
  documentAutoencoder,
  documentCodes,
  documentInputs,
  fitDocumentAutoencoder,
  wordCrossEntropy,
  wordDistributions,
} from '../../lib/text/document-autoencoder';
import { csrFromDense, csrFromRowMaps } from '../../lib/text/sparse-matrix';

describe('text/document-autoencoder', () => {
  it('word cross-entropy: value and gradient match autodiff of softmax cross-entropy', () => {
    const t = tf.tensor2d([
      [0.5, 0.5, 0, 0],
      [0, 0, 0.25, 0.75],
      [0, 0, 0, 0],
    ]);
    const z = tf.tensor2d([
      [1, 2, 0, -1],
      [0.5, 0, 1, 3],
      [2, 1, 0, 1],
    ]);
    const ours = tf.valueAndGrad((x: tf.Tensor) => wordCrossEntropy(t, x))(z);
    const ref = tf.valueAndGrad((x: tf.Tensor) => tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(t, tf.logSoftmax(x)))), 3))(z);
    assert.ok(Math.abs(ours.value.dataSync()[0] - ref.value.dataSync()[0]) < 1e-6);
    const g = ours.grad.dataSync(),
      h = ref.grad.dataSync();
    g.forEach((v, i) => assert.ok(Math.abs(v - h[i]) < 1e-6, `gradient ${i}: ${v} vs ${h[i]}`));
    // An empty document (all-zero target) contributes nothing.
    assert.ok(Array.from(g.subarray(8, 12)).every((v) => v === 0));
    tf.dispose([t, z, ours.value, ours.grad, ref.value, ref.grad]);
  });

  it('inputs are unit-length log counts; targets are word distributions', () => {
    const counts = csrFromDense([
      [3, 0, 1],
      [0, 0, 0],
    ]);
    const x = documentInputs(counts).arraySync();
    const n = Math.hypot(Math.log(4), Math.log(2));
    [Math.log(4) / n, 0, Math.log(2) / n].forEach((v, i) => assert.ok(Math.abs(x[0][i] - v) < 1e-6));
    const p = wordDistributions(counts).arraySync();
    assert.deepStrictEqual(p, [
      [0.75, 0, 0.25],
      [0, 0, 0],
    ]);
  });

  it('learns codes that separate two synthetic topics, without leaking tensors', async function () {
    this.timeout(60000);
    // 200 documents of 20 words from a 40-word vocabulary: topic 0 draws from words 0..19, topic 1 from 20..39.
    const rand = seededRandom(3);
    const labels = Array.from({ length: 200 }, (_, d) => d % 2);
    const counts = csrFromRowMaps(
      labels.map((topic) => {
        const row = new Map<number, number>();
        for (let w = 0; w < 20; w++) {
          const t = topic * 20 + Math.floor(rand() * 20);
          row.set(t, (row.get(t) ?? 0) + 1);
        }
        return row;
      }),
      40,
    );
    const inputs = documentInputs(counts),
      targets = wordDistributions(counts);
    const ae = documentAutoencoder({ terms: 40, hidden: [16], codeSize: 2, seed: 5 });
    const before = tf.memory().numTensors;
    const losses = await fitDocumentAutoencoder(ae, inputs, targets, { epochs: 30, batchSize: 20, learningRate: 3e-3 });
    assert.strictEqual(tf.memory().numTensors, before);
    // Uniform over 40 words costs ln 40 = 3.69 nats; knowing the topic, the best is ln 20 = 3.00 plus sampling noise.
    assert.ok(losses[0] > 3.5 && losses[losses.length - 1] < 3.3, `losses ${losses[0]} → ${losses[losses.length - 1]}`);
    const codes = documentCodes(ae, inputs);
    assert.deepStrictEqual(codes.shape, [200, 2]);
    // Nearest-centroid in code space recovers the topics.
    const z = codes.arraySync();
    const centroid = [0, 1].map((c) =>
      [0, 1].map((j) => z.filter((_, d) => labels[d] === c).reduce((s, r) => s + r[j], 0) / 100),
    );
    const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    const correct = z.filter((r, d) => (dist(r, centroid[0]) < dist(r, centroid[1]) ? 0 : 1) === labels[d]).length;
    assert.ok(correct >= 190, `${correct} of 200 on the right side`);
    tf.dispose([inputs, targets, codes]);
    ae.autoencoder.dispose();
  });
});
