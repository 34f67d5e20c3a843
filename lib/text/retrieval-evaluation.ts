import {
  DOUBLING_RECALL_LEVELS,
  doublingRetrievedCounts,
  meanCurve,
  precisionCurvesFromScores,
} from '../metrics/precision-recall';
import { documentCount, forEachCosineRow, type DocumentVectors } from './cosine-scores';

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

/**
 * Retrieval as Hinton & Salakhutdinov score it: every query document ranks all gallery documents by the cosine of the
 * angle between their vectors, a retrieved document counts as relevant when it has the query's label, and precision
 * (at each recall level, and among the first k retrieved) is averaged over the queries.
 */
export function evaluateRetrieval(
  queries: DocumentVectors,
  queryLabels: ArrayLike<number>,
  gallery: DocumentVectors,
  galleryLabels: ArrayLike<number>,
  options: RetrievalEvaluationOptions = {},
): RetrievalCurves {
  const nq = documentCount(queries);
  const ng = documentCount(gallery);
  if (nq !== queryLabels.length || ng !== galleryLabels.length) {
    throw new Error(
      `evaluateRetrieval: ${nq} queries with ${queryLabels.length} labels, ${ng} gallery documents with ${galleryLabels.length}`,
    );
  }
  const recallLevels = [...(options.recallLevels ?? DOUBLING_RECALL_LEVELS)];
  const retrievedCounts = [...(options.retrievedCounts ?? doublingRetrievedCounts(ng))];
  const atRecall: Float64Array[] = [];
  const atRetrieved: Float64Array[] = [];
  const relevant = new Uint8Array(ng);
  forEachCosineRow(queries, gallery, options.batchSize ?? 256, (q, scores) => {
    for (let i = 0; i < ng; i++) relevant[i] = galleryLabels[i] === queryLabels[q] ? 1 : 0;
    const curves = precisionCurvesFromScores(scores, relevant, recallLevels, retrievedCounts);
    atRecall.push(curves.atRecall);
    atRetrieved.push(curves.atRetrieved);
  });
  return {
    queries: nq,
    recallLevels,
    precisionAtRecall: meanCurve(atRecall),
    retrievedCounts,
    precisionAtRetrieved: meanCurve(atRetrieved),
  };
}
