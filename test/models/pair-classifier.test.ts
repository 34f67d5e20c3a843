import * as assert from 'assert';
import * as tf from '@tensorflow/tfjs';
import { balancedPairs } from '../../lib/data/pairs';
import {
  createEarlyFusionClassifier,
  createLateFusionClassifier,
  GallerySearcher,
  mergeEmbeddings,
  stackPair,
  timeGallerySearch,
} from '../../lib/models/pair-classifier';
import { smallConvNet } from '../../lib/models/small-networks';
import { fitPairs, scorePairs } from '../../lib/training/fit-pairs';

const maxAbsDiff = (a: tf.Tensor, b: tf.Tensor): number => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);

function head(inputDim: number): tf.LayersModel {
  const m = tf.sequential();
  m.add(
    tf.layers.dense({
      units: 8,
      activation: 'relu',
      inputShape: [inputDim],
      kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }),
    }),
  );
  m.add(tf.layers.dense({ units: 1, kernelInitializer: tf.initializers.glorotUniform({ seed: 8 }) }));
  return m;
}

/** 8×8 images of 3 classes: a bright row, column or diagonal, with noise. */
function toyImages(n: number): { x: tf.Tensor4D; labels: Int32Array } {
  const labels = Int32Array.from({ length: n }, (_, i) => i % 3);
  const x = tf.tidy(() => {
    const line = tf.oneHot(tf.tensor1d([3, 3, 3, 3, 3, 3, 3, 3], 'int32'), 8).toFloat();
    const protos = tf.stack([tf.transpose(line), line, tf.eye(8)]);
    return tf
      .add(tf.gather(protos, tf.tensor1d(labels, 'int32')), tf.randomUniform([n, 8, 8], 0, 0.4, 'float32', 3))
      .reshape<tf.Tensor4D>([n, 8, 8, 1]);
  });
  return { x, labels };
}

describe('models/pair-classifier', () => {
  it('stackPair stacks channels; mergeEmbeddings is symmetric', () => {
    const a = tf.ones([2, 4, 4, 1]);
    const b = tf.zeros([2, 4, 4, 1]);
    assert.deepStrictEqual(stackPair(a, b).shape, [2, 4, 4, 2]);
    const u = tf.tensor2d([
      [1, 2],
      [3, -1],
    ]);
    const v = tf.tensor2d([
      [0, 5],
      [1, 1],
    ]);
    assert.deepStrictEqual(mergeEmbeddings(u, v).arraySync(), [
      [1, 3, 0, 10],
      [2, 2, 3, -1],
    ]);
    assert.strictEqual(maxAbsDiff(mergeEmbeddings(u, v), mergeEmbeddings(v, u)), 0);
    tf.dispose([a, b, u, v]);
  });

  it('1:N scoring: both fusions score a gallery like pairwise calls; late fusion keeps embeddings, early the images', () => {
    const { x } = toyImages(6);
    const early = createEarlyFusionClassifier(
      smallConvNet({ inputShape: [8, 8, 2], filters: [4], dense: 8, outputs: 1, seed: 1 }),
      tf.train.adam(0.01),
    );
    const late = createLateFusionClassifier(
      smallConvNet({ inputShape: [8, 8, 1], filters: [4], dense: 8, seed: 2 }),
      head(16),
      tf.train.adam(0.01),
    );
    const query = tf.slice(x, 0, 1);
    for (const c of [early, late]) {
      const prepared = c.prepareGallery(x);
      assert.deepStrictEqual(prepared.shape, c.fusion === 'late' ? [6, 8] : [6, 8, 8, 1]);
      const direct = c.logits(tf.tile(query, [6, 1, 1, 1]), x);
      assert.ok(maxAbsDiff(c.scoreGallery(query, prepared), direct) < 1e-5, c.fusion);
      tf.dispose([prepared, direct]);
    }
    const a = tf.slice(x, 0, 3);
    const b = tf.slice(x, 3, 3);
    assert.ok(
      maxAbsDiff(late.logits(a, b), late.logits(b, a)) < 1e-6,
      'late fusion with a symmetric merge is order-free',
    );
    early.dispose();
    late.dispose();
    tf.dispose([x, query, a, b]);
  });

  it('both architectures learn MATCH / MISMATCH on toy images without leaking tensors', async () => {
    const { x, labels } = toyImages(60);
    const pairs = balancedPairs(labels, { positives: 60, seed: 2 });
    const early = createEarlyFusionClassifier(
      smallConvNet({ inputShape: [8, 8, 2], filters: [4], dense: 16, outputs: 1, seed: 3 }),
      tf.train.adam(0.02),
    );
    const late = createLateFusionClassifier(
      smallConvNet({ inputShape: [8, 8, 1], filters: [4], dense: 8, seed: 4 }),
      head(16),
      tf.train.adam(0.02),
    );
    for (const c of [early, late]) {
      await fitPairs(c, x, pairs, { epochs: 1, batchSize: 20 });
      const before = tf.memory().numTensors;
      await fitPairs(c, x, pairs, { epochs: 12, batchSize: 20 });
      assert.strictEqual(tf.memory().numTensors, before, c.fusion);
      const logits = scorePairs((p, q) => c.logits(p, q), x, pairs);
      const acc = Array.from(logits).filter((z, i) => z > 0 === (pairs.same[i] === 1)).length / logits.length;
      assert.ok(acc > 0.85, `${c.fusion} fusion pair accuracy ${acc}`);
    }
    early.dispose();
    late.dispose();
    x.dispose();
  });

  it('timeGallerySearch identifies each query by its best-scoring gallery entry and times both phases', () => {
    // scores = −|query − entry| on 1-d "images": query 0.9 → entry 1.0 (label 1), 2.2 → 2.0 (label 2), 0.2 → 0 (label 0)
    const nearest: GallerySearcher = {
      prepareGallery: (g) => tf.clone(g),
      scoreGallery: (q, g) =>
        tf.tidy(() => tf.neg(tf.abs(tf.sub(tf.reshape(g, [-1]), tf.reshape(q, [])))) as tf.Tensor1D),
    };
    const gallery = tf.tensor2d([[0], [1], [2]]);
    const queries = tf.tensor2d([[0.9], [2.2], [0.2], [1.6]]);
    const before = tf.memory().numTensors;
    const r = timeGallerySearch(nearest, gallery, [0, 1, 2], queries, [1, 2, 0, 1]);
    assert.strictEqual(tf.memory().numTensors, before);
    assert.strictEqual(r.accuracy, 3 / 4); // 1.6 is nearer 2 than 1
    assert.ok(r.prepareMs >= 0 && r.perQueryMs > 0);
    tf.dispose([gallery, queries]);
  });
});
