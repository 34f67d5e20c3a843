import type { CsrMatrix } from './sparse-matrix';

/** Cosine of the angle between two plain vectors (tensors: see cosineSimilarity in losses): a·b / (|a| |b|); 0 when either is all zeros. */
export function vectorCosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`vectorCosine: lengths ${a.length} and ${b.length} differ`);
  let dot = 0,
    aa = 0,
    bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? dot / Math.sqrt(aa * bb) : 0;
}

/**
 * Dot products of row `row` of `queries` with every document of an inverted index (the transpose of a document × term
 * matrix, see csrTranspose), written into `out` (length = documents). Only documents sharing a term with the query are
 * touched, so a sparse query costs the summed lengths of its terms' posting lists, not documents × terms.
 * With unit-length rows on both sides the products are cosines.
 */
export function sparseDotScores(
  queries: CsrMatrix,
  row: number,
  invertedIndex: CsrMatrix,
  out: Float32Array,
): Float32Array {
  if (queries.cols !== invertedIndex.rows)
    throw new Error(`sparseDotScores: queries have ${queries.cols} terms, the index ${invertedIndex.rows}`);
  if (out.length !== invertedIndex.cols)
    throw new Error(`sparseDotScores: out has ${out.length} entries for ${invertedIndex.cols} documents`);
  out.fill(0);
  for (let k = queries.indptr[row]; k < queries.indptr[row + 1]; k++) {
    const term = queries.indices[k],
      w = queries.values[k];
    for (let p = invertedIndex.indptr[term]; p < invertedIndex.indptr[term + 1]; p++)
      out[invertedIndex.indices[p]] += w * invertedIndex.values[p];
  }
  return out;
}
