import * as tf from '@tensorflow/tfjs';
import { DOUBLING_RECALL_LEVELS, doublingRetrievedCounts, meanCurve, precisionCurvesFromScores } from '../metrics/precision-recall';
import { distanceMatrix } from '../search/knn';
import { sparseDotScores } from './cosine';
import { CsrMatrix, csrNormalizeRows, csrTranspose } from './sparse-matrix';

/** Documents as vectors: sparse rows (bag of words, tf-idf) or a dense [docs, k] code tensor. */
export type DocumentVectors = CsrMatrix | tf.Tensor2D;

/** Precision curves of one representation, averaged over the queries. */
export interface RetrievalCurves {
  queries: number;
  recallLevels: number[];
  /** Mean precision at each recall level. */
  precisionAtRecall: Float64Array;
  retrievedCounts: number[];
  /** Mean precision among the first k retrieved, for each k of retrievedCounts. */
  precisionAtRetrieved: Float64Array;
}

/** Options of {@link evaluateRetrieval}. */
export interface RetrievalEvaluationOptions {
  /** Default 0.1 %, 0.2 % … 51.2 %, 100 %. */
  recallLevels?: readonly number[];
  /** Default 1, 3, 7 … up to the gallery size. */
  retrievedCounts?: readonly number[];
  /** Queries scored at once for dense codes (default 256: 256 × 11k floats per block). */
  batchSize?: number;
}

function isTensor(v: DocumentVectors): v is tf.Tensor2D {
  return v instanceof tf.Tensor;
}

/** Calls `visit(q, scores)` with the cosine similarity of query q to every gallery document, query by query. */
function forEachScoreRow(queries: DocumentVectors, gallery: DocumentVectors, batchSize: number, visit: (q: number, scores: Float32Array) => void): void {
  if (isTensor(queries) !== isTensor(gallery)) throw new Error('evaluateRetrieval: queries and gallery must both be sparse or both be tensors');
  if (!isTensor(queries) && !isTensor(gallery)) {
    const index = csrTranspose(csrNormalizeRows(gallery));
    const unitQueries = csrNormalizeRows(queries);
    const scores = new Float32Array(gallery.rows);
    for (let q = 0; q < queries.rows; q++) visit(q, sparseDotScores(unitQueries, q, index, scores));
    return;
  }
  const [qs, gs] = [queries as tf.Tensor2D, gallery as tf.Tensor2D];
  const g = gs.shape[0];
  for (let start = 0; start < qs.shape[0]; start += batchSize) {
    const size = Math.min(batchSize, qs.shape[0] - start);
    const block = tf.tidy(() => tf.sub(1, distanceMatrix(tf.slice(qs, [start, 0], [size, -1]), gs, 'cosine')));
    const values = block.dataSync() as Float32Array;
    block.dispose();
    for (let i = 0; i < size; i++) visit(start + i, values.subarray(i * g, (i + 1) * g));
  }
}

/**
 * Retrieval as Hinton & Salakhutdinov score it: every query document ranks all gallery documents by the cosine of the
 * angle between their vectors, a retrieved document counts as relevant when it has the query's label, and precision
 * (at each recall level, and among the first k retrieved) is averaged over the queries.
 */
export function evaluateRetrieval(queries: DocumentVectors, queryLabels: ArrayLike<number>, gallery: DocumentVectors,
  galleryLabels: ArrayLike<number>, options: RetrievalEvaluationOptions = {}): RetrievalCurves {
  const nq = isTensor(queries) ? queries.shape[0] : queries.rows;
  const ng = isTensor(gallery) ? gallery.shape[0] : gallery.rows;
  if (nq !== queryLabels.length || ng !== galleryLabels.length) {
    throw new Error(`evaluateRetrieval: ${nq} queries with ${queryLabels.length} labels, ${ng} gallery documents with ${galleryLabels.length}`);
  }
  const recallLevels = [...(options.recallLevels ?? DOUBLING_RECALL_LEVELS)];
  const retrievedCounts = [...(options.retrievedCounts ?? doublingRetrievedCounts(ng))];
  const atRecall: Float64Array[] = [];
  const atRetrieved: Float64Array[] = [];
  const relevant = new Uint8Array(ng);
  forEachScoreRow(queries, gallery, options.batchSize ?? 256, (q, scores) => {
    for (let i = 0; i < ng; i++) relevant[i] = galleryLabels[i] === queryLabels[q] ? 1 : 0;
    const curves = precisionCurvesFromScores(scores, relevant, recallLevels, retrievedCounts);
    atRecall.push(curves.atRecall);
    atRetrieved.push(curves.atRetrieved);
  });
  return { queries: nq, recallLevels, precisionAtRecall: meanCurve(atRecall), retrievedCounts, precisionAtRetrieved: meanCurve(atRetrieved) };
}
