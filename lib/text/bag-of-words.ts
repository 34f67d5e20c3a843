import { CsrMatrix, csrFromRowMaps } from './sparse-matrix';
import type { Vocabulary } from './vocabulary';

/** How often each vocabulary term occurs in one tokenised document (terms outside the vocabulary are ignored):
 * the document's bag of words, with word order thrown away. */
export function countVector(tokens: readonly string[], vocabulary: Vocabulary): number[] {
  const counts = new Array<number>(vocabulary.terms.length).fill(0);
  for (const t of tokens) {
    const c = vocabulary.index.get(t);
    if (c !== undefined) counts[c]++;
  }
  return counts;
}

/** The document × term count matrix of tokenised documents, sparse: row d, column t = occurrences of term t in d. */
export function countMatrix(documents: readonly (readonly string[])[], vocabulary: Vocabulary): CsrMatrix {
  const rows = documents.map((tokens) => {
    const row = new Map<number, number>();
    for (const t of tokens) {
      const c = vocabulary.index.get(t);
      if (c !== undefined) row.set(c, (row.get(c) ?? 0) + 1);
    }
    return row;
  });
  return csrFromRowMaps(rows, vocabulary.terms.length);
}
