import { CsrMatrix, csrMapValues, csrNormalizeRows } from './sparse-matrix';

/** Inverse document frequency of each column of a document × term count matrix: idf(t) = ln(N / df(t)), N documents,
 * df(t) of them containing t. A term in every document gets 0; a term in none gets 0 too (it carries nothing). */
export function inverseDocumentFrequency(counts: CsrMatrix): Float64Array {
  const df = new Int32Array(counts.cols);
  for (let k = 0; k < counts.indices.length; k++) if (counts.values[k] !== 0) df[counts.indices[k]]++;
  return Float64Array.from(df, (d) => (d > 0 ? Math.log(counts.rows / d) : 0));
}

/** Options of {@link tfidfMatrix}. */
export interface TfidfOptions {
  /** Scale each row to unit length, so a dot product is a cosine (default true). */
  normalize?: boolean;
}

/** tf-idf weights: count × idf (idf from the TRAINING documents, also for unseen ones), rows scaled to unit length. */
export function tfidfMatrix(counts: CsrMatrix, idf: Float64Array, options: TfidfOptions = {}): CsrMatrix {
  if (idf.length !== counts.cols) throw new Error(`tfidfMatrix: ${idf.length} idf weights for ${counts.cols} terms`);
  const weighted = csrMapValues(counts, (v, _r, c) => v * idf[c]);
  return options.normalize === false ? weighted : csrNormalizeRows(weighted);
}
