import * as tf from '@tensorflow/tfjs';
import { distanceMatrix } from '../search/knn';
import { sparseDotScores } from './cosine';
import { CsrMatrix, csrNormalizeRows, csrTranspose } from './sparse-matrix';

/** Documents as vectors: sparse rows (bag of words, tf-idf) or a dense [docs, k] code tensor. */
export type DocumentVectors = CsrMatrix | tf.Tensor2D;

/** Whether the vectors are a dense tensor (else sparse rows). */
export function isTensor(v: DocumentVectors): v is tf.Tensor2D {
  return v instanceof tf.Tensor;
}

/** Calls `visit(q, scores)` with the cosine similarity of query q to every gallery document, query by query. */
export function forEachCosineRow(
  queries: DocumentVectors,
  gallery: DocumentVectors,
  batchSize: number,
  visit: (q: number, scores: Float32Array) => void,
): void {
  if (isTensor(queries) !== isTensor(gallery))
    throw new Error('queries and gallery must both be sparse or both be tensors');
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

/** Number of documents (rows). */
export function documentCount(v: DocumentVectors): number {
  return isTensor(v) ? v.shape[0] : v.rows;
}

/** The k gallery documents most similar (cosine) to each query, best first, with their cosines. */
export function nearestDocuments(
  queries: DocumentVectors,
  gallery: DocumentVectors,
  k: number,
): { indices: number[][]; scores: number[][] } {
  const n = documentCount(gallery);
  if (!(Number.isInteger(k) && k >= 1 && k <= n))
    throw new Error(`nearestDocuments: k must be an integer in 1..${n}, got ${k}`);
  const indices: number[][] = [];
  const scores: number[][] = [];
  forEachCosineRow(queries, gallery, 256, (_q, row) => {
    // Equal cosines keep gallery order, so the answer does not depend on the sort's internals.
    const best = Array.from({ length: n }, (_, i) => i)
      .sort((a, b) => row[b] - row[a] || a - b)
      .slice(0, k);
    indices.push(best);
    scores.push(best.map((i) => row[i]));
  });
  return { indices, scores };
}
