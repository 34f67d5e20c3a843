import pl from 'nodejs-polars';
import type { CsrMatrix } from './sparse-matrix';
import type { Vocabulary } from './vocabulary';

/** Per-newsgroup counts of a tokenised corpus: documents, tokens per document and, given the count matrix, how many
 * of those tokens the vocabulary keeps (the rest are rare words or stop words a bag of words never sees). */
export function corpusStatistics(
  labels: ArrayLike<number>,
  groupNames: readonly string[],
  documents: readonly (readonly string[])[],
  counts?: CsrMatrix,
): pl.DataFrame {
  if (labels.length !== documents.length)
    throw new Error(`corpusStatistics: ${labels.length} labels for ${documents.length} documents`);
  const docs = new Float64Array(groupNames.length);
  const tokens = new Float64Array(groupNames.length);
  const kept = new Float64Array(groupNames.length);
  for (let d = 0; d < documents.length; d++) {
    docs[labels[d]]++;
    tokens[labels[d]] += documents[d].length;
    if (counts) for (let k = counts.indptr[d]; k < counts.indptr[d + 1]; k++) kept[labels[d]] += counts.values[k];
  }
  const frame: Record<string, ArrayLike<unknown>> = {
    newsgroup: [...groupNames],
    documents: Int32Array.from(docs),
    'tokens per document': Array.from(tokens, (t, g) => (docs[g] ? t / docs[g] : 0)),
  };
  if (counts) frame['in vocabulary'] = Array.from(kept, (k, g) => (tokens[g] ? k / tokens[g] : 0));
  return pl.DataFrame(frame);
}

/** The first `count` vocabulary terms (most frequent first) with their corpus count, document count and, given one,
 * their idf weight. */
export function vocabularyTable(vocabulary: Vocabulary, count = 20, idf?: Float64Array): pl.DataFrame {
  const n = Math.min(count, vocabulary.terms.length);
  const frame: Record<string, ArrayLike<unknown>> = {
    term: vocabulary.terms.slice(0, n),
    count: vocabulary.counts.slice(0, n),
    documents: vocabulary.documentCounts.slice(0, n),
  };
  if (idf) frame.idf = Array.from(idf.subarray(0, n));
  return pl.DataFrame(frame);
}
