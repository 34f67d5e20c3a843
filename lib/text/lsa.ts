import * as tf from '@tensorflow/tfjs';
import { CsrMatrix, csrMulDense } from './sparse-matrix';
import { truncatedSvd, type TruncatedSvd, type TruncatedSvdOptions } from './truncated-svd';

/** Latent semantic analysis (Deerwester et al. 1990): the k strongest directions ("topics") of a document × term
 * (tf-idf) matrix, from its truncated SVD. */
export interface LsaModel {
  k: number;
  terms: number;
  /** Largest first. */
  singularValues: Float64Array;
  /** Term weights of each topic: [terms, k], row-major (the right singular vectors). */
  termVectors: Float64Array;
}

/** Fit LSA with k topics to the training documents' (tf-idf) rows. */
export function fitLsa(documents: CsrMatrix, k: number, options: TruncatedSvdOptions = {}): LsaModel {
  const svd: TruncatedSvd = truncatedSvd(documents, k, options);
  return { k, terms: documents.cols, singularValues: svd.singularValues, termVectors: svd.rightVectors };
}

/**
 * Coordinates of documents on the first k topics: x · V_k ([docs, k]). For a training document this is its row of
 * U_k S_k; an unseen document is "folded in" the same way, so training and new documents are comparable by cosine.
 */
export function lsaProject(model: LsaModel, documents: CsrMatrix, k: number = model.k): tf.Tensor2D {
  if (documents.cols !== model.terms)
    throw new Error(`lsaProject: documents have ${documents.cols} terms, the model ${model.terms}`);
  if (!Number.isInteger(k) || k < 1 || k > model.k)
    throw new Error(`lsaProject: k must be an integer in 1..${model.k}, got ${k}`);
  const basis = new Float64Array(model.terms * k);
  for (let t = 0; t < model.terms; t++)
    for (let j = 0; j < k; j++) basis[t * k + j] = model.termVectors[t * model.k + j];
  return tf.tensor2d(Float32Array.from(csrMulDense(documents, basis, k)), [documents.rows, k]);
}

/** The `count` terms with the largest weights (by absolute value, sign kept) in topic j: what a topic is "about". */
export function lsaTopTerms(
  model: LsaModel,
  terms: readonly string[],
  j: number,
  count = 10,
): { term: string; weight: number }[] {
  if (terms.length !== model.terms) throw new Error(`lsaTopTerms: ${terms.length} terms for a model of ${model.terms}`);
  return terms
    .map((term, t) => ({ term, weight: model.termVectors[t * model.k + j] }))
    .sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight))
    .slice(0, count);
}
