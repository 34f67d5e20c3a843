import * as tf from '@tensorflow/tfjs';
import type { PairLearner } from './pair-learner';
import { trainableVariables } from './transfer';
import { optimizerStep } from './optimizer-step';

/** Where the two inputs meet: at the onset (channels stacked) or after each is embedded on its own. */
export type Fusion = 'early' | 'late';

/** Anything that can search a gallery 1:N: prepare the gallery once, then score one query against all of it. */
export interface GallerySearcher {
  /**
   * What a 1:N search keeps of the gallery: the images themselves (early fusion must run the whole network on each
   * query-gallery pair) or their embeddings (late fusion embeds the gallery once and runs only the head per query).
   */
  prepareGallery(gallery: tf.Tensor): tf.Tensor;
  /** Match scores [N] (higher = more alike) of one query (batch of 1) against every prepared gallery entry. */
  scoreGallery(query: tf.Tensor, prepared: tf.Tensor): tf.Tensor1D;
}

/** A network that answers MATCH / MISMATCH for a pair, trained with binary cross-entropy on one logit. */
export interface PairClassifier extends PairLearner, GallerySearcher {
  fusion: Fusion;
  /** Match logits [B] of pairs of raw inputs (inference mode). */
  logits(a: tf.Tensor, b: tf.Tensor): tf.Tensor1D;
  variables(): tf.Variable[];
  dispose(): void;
}

/** Stack two inputs [B, H, W, C] along channels into [B, H, W, 2C]: the input of an early-fusion network. */
export function stackPair(a: tf.Tensor, b: tf.Tensor): tf.Tensor {
  return tf.concat([a, b], a.rank - 1);
}

/** Merge two embeddings [B, D] symmetrically into [B, 2D] = [|a − b|, a ⊙ b], so that the pair order does not matter. */
export function mergeEmbeddings(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.concat([tf.abs(tf.sub(a, b)), tf.mul(a, b)], 1) as tf.Tensor2D);
}

function pairLearner(
  logitsOf: (a: tf.Tensor, b: tf.Tensor, training: boolean) => tf.Tensor1D,
  models: tf.LayersModel[],
  optimizer: tf.Optimizer,
) {
  const variables = (): tf.Variable[] => models.flatMap(trainableVariables);
  return {
    variables,
    logits: (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => logitsOf(a, b, false)),
    trainStep(a: tf.Tensor, b: tf.Tensor, same: tf.Tensor1D): tf.Scalar {
      return optimizerStep(
        optimizer,
        () => tf.losses.sigmoidCrossEntropy<tf.Tensor, tf.Scalar>(same, logitsOf(a, b, true)),
        variables(),
      );
    },
    dispose: () => optimizer.dispose(),
  };
}

/** Early fusion: `network` sees both inputs stacked along channels ([B, H, W, 2C] → [B, 1] logit). */
export function createEarlyFusionClassifier(network: tf.LayersModel, optimizer: tf.Optimizer): PairClassifier {
  const logitsOf = (a: tf.Tensor, b: tf.Tensor, training: boolean): tf.Tensor1D =>
    tf.reshape(network.apply(stackPair(a, b), { training }) as tf.Tensor, [-1]);
  return {
    fusion: 'early',
    ...pairLearner(logitsOf, [network], optimizer),
    prepareGallery: (gallery) => tf.clone(gallery),
    scoreGallery: (query, prepared) =>
      tf.tidy(() =>
        logitsOf(tf.tile(query, [prepared.shape[0], ...query.shape.slice(1).map(() => 1)]), prepared, false),
      ),
  };
}

/** Late fusion: one `encoder` embeds each input, `head` maps the merged embeddings [B, 2D] to a [B, 1] logit. */
export function createLateFusionClassifier(
  encoder: tf.LayersModel,
  head: tf.LayersModel,
  optimizer: tf.Optimizer,
): PairClassifier {
  const embed = (x: tf.Tensor, training: boolean): tf.Tensor2D => encoder.apply(x, { training }) as tf.Tensor2D;
  const fromEmbeddings = (ea: tf.Tensor2D, eb: tf.Tensor2D, training: boolean): tf.Tensor1D =>
    tf.reshape(head.apply(mergeEmbeddings(ea, eb), { training }) as tf.Tensor, [-1]);
  const logitsOf = (a: tf.Tensor, b: tf.Tensor, training: boolean): tf.Tensor1D =>
    fromEmbeddings(embed(a, training), embed(b, training), training);
  return {
    fusion: 'late',
    ...pairLearner(logitsOf, [encoder, head], optimizer),
    prepareGallery: (gallery) => tf.tidy(() => embed(gallery, false)),
    scoreGallery: (query, prepared) =>
      tf.tidy(() => {
        const eq = embed(query, false);
        return fromEmbeddings(tf.tile(eq, [prepared.shape[0], 1]), prepared as tf.Tensor2D, false);
      }),
  };
}

/** Cost and outcome of a 1:N search: gallery preparation once, then each query against the whole gallery. */
export interface GallerySearchResult {
  /** Time to prepare the gallery (embedding it, for late fusion), in ms. */
  prepareMs: number;
  /** Mean time to score one query against the whole gallery, in ms. */
  perQueryMs: number;
  /** Fraction of queries whose best-scoring gallery entry has the query's label (rank-1 identification). */
  accuracy: number;
}

/** Run and time a 1:N identification: every query against every gallery entry, best score wins. */
export function timeGallerySearch(
  searcher: GallerySearcher,
  gallery: tf.Tensor,
  galleryLabels: ArrayLike<number>,
  queries: tf.Tensor,
  queryLabels: ArrayLike<number>,
): GallerySearchResult {
  let start = performance.now();
  const prepared = searcher.prepareGallery(gallery);
  prepared.dataSync(); // wait for the backend, so the time is the work and not just its scheduling
  const prepareMs = performance.now() - start;
  let hits = 0;
  start = performance.now();
  for (let q = 0; q < queries.shape[0]; q++) {
    const best = tf.tidy(() => tf.argMax(searcher.scoreGallery(tf.slice(queries, q, 1), prepared)).dataSync()[0]);
    if (galleryLabels[best] === queryLabels[q]) hits++;
  }
  const perQueryMs = (performance.now() - start) / queries.shape[0];
  prepared.dispose();
  return { prepareMs, perQueryMs, accuracy: hits / queries.shape[0] };
}
