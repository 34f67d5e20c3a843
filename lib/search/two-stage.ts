// Krizhevsky & Hinton's two-stage search: a short binary code used as an address finds candidates in a time set by
// the lookup radius (semantic hashing); a longer code of the same images re-ranks them by Hamming distance.
import { hammingDistance, type PackedCodes } from './hamming';
import { semanticHashLookup, type AddressTable } from './semantic-hash';

/** Options of {@link lookupThenRerank}. */
export interface TwoStageOptions {
  /** Hamming radius of the address lookup (default 2). */
  radius?: number;
  /** How many re-ranked images to return (default 10). */
  keep?: number;
}

/** What one two-stage query returned: the best `keep` indices, nearest first, and how many candidates it ranked. */
export interface TwoStageResult {
  indices: number[];
  candidates: number;
}

/**
 * The images whose short code lies within `radius` of image `query`'s (looked up in `table`, the query itself left
 * out), ranked by the Hamming distance of their long codes to the query's (ties by index).
 */
export function lookupThenRerank(
  table: AddressTable,
  shortCodes: PackedCodes,
  longCodes: PackedCodes,
  query: number,
  options: TwoStageOptions = {},
): TwoStageResult {
  const { radius = 2, keep = 10 } = options;
  const found = semanticHashLookup(table, shortCodes.words[query * shortCodes.wordsPerCode], shortCodes.bits, radius);
  const ranked = found
    .filter((i) => i !== query)
    .map((i) => ({ i, d: hammingDistance(longCodes, query, longCodes, i) }))
    .sort((a, b) => a.d - b.d || a.i - b.i);
  return { indices: ranked.slice(0, keep).map((r) => r.i), candidates: ranked.length };
}
