import { ENGLISH_STOP_WORDS } from './stop-words';

/** A vocabulary: its terms, most frequent first, and where each term sits. */
export interface Vocabulary {
  /** The terms; terms[i] is column i of a bag-of-words matrix. */
  terms: string[];
  /** term → column. */
  index: Map<string, number>;
  /** Occurrences of each term in the corpus it was built from. */
  counts: Int32Array;
  /** Documents of that corpus containing each term. */
  documentCounts: Int32Array;
}

/** Options of {@link buildVocabulary}. */
export interface VocabularyOptions {
  /** Keep the `size` most frequent terms (default 2,000, as Hinton & Salakhutdinov 2006). */
  size?: number;
  /** Terms never kept (default {@link ENGLISH_STOP_WORDS}; pass an empty set to keep all). */
  stopWords?: ReadonlySet<string>;
}

/** The `size` most frequent terms of tokenised documents, stop words left out; equal counts go in alphabetical order,
 * so the same corpus always gives the same columns. */
export function buildVocabulary(
  documents: readonly (readonly string[])[],
  options: VocabularyOptions = {},
): Vocabulary {
  const { size = 2000, stopWords = ENGLISH_STOP_WORDS } = options;
  if (!Number.isInteger(size) || size < 1)
    throw new Error(`buildVocabulary: size must be a positive integer, got ${size}`);
  const counts = new Map<string, number>();
  const docCounts = new Map<string, number>();
  for (const doc of documents) {
    for (const t of doc) if (!stopWords.has(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
    for (const t of new Set(doc)) if (!stopWords.has(t)) docCounts.set(t, (docCounts.get(t) ?? 0) + 1);
  }
  const terms = [...counts.keys()]
    .sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0) || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, size);
  return {
    terms,
    index: new Map(terms.map((t, i) => [t, i])),
    counts: Int32Array.from(terms, (t) => counts.get(t) ?? 0),
    documentCounts: Int32Array.from(terms, (t) => docCounts.get(t) ?? 0),
  };
}
