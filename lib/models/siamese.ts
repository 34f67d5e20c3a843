import * as tf from '@tensorflow/tfjs';
import { contrastiveLoss, rowDistances } from '../losses/contrastive';
import type { PairLearner } from './pair-learner';
import { embedTied } from './tied-embedding';
import type { GallerySearcher } from './pair-classifier';
import { trainableVariables } from './transfer';
import { optimizerStep } from './optimizer-step';

/**
 * How a training step updates the two streams. 'tied': one set of weights, gradient summed over both branches.
 * 'averaged-streams': each stream takes its own optimizer step on its own gradient, then the weights are averaged
 * (with plain SGD at rate η this equals a tied step at rate η/2).
 */
export type SiameseUpdate = 'tied' | 'averaged-streams';

/** Options of {@link createSiamese}. */
export interface SiameseOptions {
  /** Makes the optimizer (two of them, one per stream, for 'averaged-streams'). */
  makeOptimizer: () => tf.Optimizer;
  /** Contrastive margin m (default 1, as in the Keras mnist_siamese example). */
  margin?: number;
  update?: SiameseUpdate;
}

/** A Siamese network: ONE encoder applied to both inputs, trained with the contrastive loss. As a gallery searcher it
 * embeds the gallery once and scores a query by negative distance. */
export interface Siamese extends PairLearner, GallerySearcher {
  encoder: tf.LayersModel;
  margin: number;
  update: SiameseUpdate;
  /** The one set of variables both branches use: the encoder's. */
  variables(): tf.Variable[];
  /** Embeddings of a batch (inference mode). */
  embed(x: tf.Tensor): tf.Tensor2D;
  /** Euclidean distances between the embeddings of matching rows of a and b (inference mode). */
  distances(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D;
  /** Contrastive loss of a batch of pairs, with the encoder in training mode. */
  loss(a: tf.Tensor, b: tf.Tensor, same: tf.Tensor1D): tf.Scalar;
  dispose(): void;
}

/** Gradients of the contrastive loss: of the tied weights, and of each stream's copy with the other stream held fixed. */
export interface StreamGradients {
  tied: tf.NamedTensorMap;
  streamA: tf.NamedTensorMap;
  streamB: tf.NamedTensorMap;
}

function forward(encoder: tf.LayersModel, x: tf.Tensor): tf.Tensor2D {
  return encoder.apply(x, { training: true }) as tf.Tensor2D;
}

let shadowCount = 0;

/** Wrap an encoder as a tied-weight Siamese network. */
export function createSiamese(encoder: tf.LayersModel, options: SiameseOptions): Siamese {
  const { margin = 1, update = 'tied' } = options;
  const optimizers = update === 'tied' ? [options.makeOptimizer()] : [options.makeOptimizer(), options.makeOptimizer()];
  // Each stream's own copy of the weights, for 'averaged-streams'; made on first use.
  let shadows: [tf.Variable[], tf.Variable[]] | null = null;
  const vars = (): tf.Variable[] => trainableVariables(encoder);
  const loss = (a: tf.Tensor, b: tf.Tensor, same: tf.Tensor1D): tf.Scalar =>
    tf.tidy(() => {
      const [ea, eb] = embedTied(encoder, [a, b]);
      return contrastiveLoss(rowDistances(ea, eb), same, margin);
    });

  const averagedStep = (a: tf.Tensor, b: tf.Tensor, same: tf.Tensor1D): tf.Scalar => {
    const w = vars();
    if (!shadows) {
      const copy = (tag: string): tf.Variable[] =>
        w.map((v) => tf.variable(v.clone(), true, `${v.name}/stream${tag}_${shadowCount++}`));
      shadows = [copy('A'), copy('B')];
    }
    const [sa, sb] = shadows;
    const g = streamGradients(siamese, a, b, same);
    w.forEach((v, i) => {
      sa[i].assign(v);
      sb[i].assign(v);
    });
    const rename = (grads: tf.NamedTensorMap, copies: tf.Variable[]): tf.NamedTensorMap =>
      Object.fromEntries(w.map((v, i) => [copies[i].name, grads[v.name]]));
    optimizers[0].applyGradients(rename(g.streamA, sa));
    optimizers[1].applyGradients(rename(g.streamB, sb));
    tf.tidy(() => w.forEach((v, i) => v.assign(tf.div(tf.add(sa[i], sb[i]), 2))));
    const value = tf.tidy(() => loss(a, b, same));
    tf.dispose([...Object.values(g.tied), ...Object.values(g.streamA), ...Object.values(g.streamB)]);
    return value;
  };

  const siamese: Siamese = {
    encoder,
    margin,
    update,
    variables: vars,
    embed: (x) => tf.tidy(() => encoder.predict(x) as tf.Tensor2D),
    distances: (a, b) =>
      tf.tidy(() => rowDistances(encoder.predict(a) as tf.Tensor2D, encoder.predict(b) as tf.Tensor2D)),
    prepareGallery: (gallery) => tf.tidy(() => encoder.predict(gallery) as tf.Tensor2D),
    scoreGallery: (query, prepared) =>
      tf.tidy(() => {
        const q = encoder.predict(query) as tf.Tensor2D;
        return tf.neg(rowDistances(tf.tile(q, [prepared.shape[0], 1]), prepared as tf.Tensor2D));
      }),
    loss,
    ...(update === 'tied'
      ? { tiedTraining: { encoder, loss: { kind: 'contrastive', margin }, optimizer: optimizers[0] } }
      : {}),
    trainStep(a, b, same): tf.Scalar {
      if (update === 'averaged-streams') return averagedStep(a, b, same);
      return optimizerStep(optimizers[0], () => loss(a, b, same), vars());
    },
    dispose(): void {
      optimizers.forEach((o) => o.dispose());
      if (shadows) tf.dispose([...shadows[0], ...shadows[1]]);
    },
  };
  return siamese;
}

/**
 * The gradient of the tied weights and of each stream's weights alone: stream A's gradient treats stream B's
 * embeddings as constants (computed outside the tape), and vice versa. For the tied network,
 * ∇W L = ∇_A L + ∇_B L, because the tied W enters the loss through both streams.
 * An encoder with dropout draws new masks on each forward pass, so the identity is exact only without it.
 */
export function streamGradients(siamese: Siamese, a: tf.Tensor, b: tf.Tensor, same: tf.Tensor1D): StreamGradients {
  const w = siamese.variables();
  const { encoder, margin } = siamese;
  const gradsOf = (f: () => tf.Scalar): tf.NamedTensorMap => {
    const { value, grads } = tf.variableGrads(f, w);
    value.dispose();
    return grads;
  };
  const tied = gradsOf(() => siamese.loss(a, b, same));
  const fixedB = forward(encoder, b);
  const streamA = gradsOf(() => contrastiveLoss(rowDistances(forward(encoder, a), fixedB), same, margin));
  fixedB.dispose();
  const fixedA = forward(encoder, a);
  const streamB = gradsOf(() => contrastiveLoss(rowDistances(fixedA, forward(encoder, b)), same, margin));
  fixedA.dispose();
  return { tied, streamA, streamB };
}
