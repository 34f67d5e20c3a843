import type { IndexPairs } from './pairs';
import { seededRandom } from './seeded-random';

/** Options of {@link crossViewPairs}. */
export interface CrossViewPairsOptions {
  /** Non-matching pairs per matching pair (default 1). */
  negatives?: number;
  /** Added to every right index: n when the two views are stacked as one tensor [view A; view B] (default n). */
  rightOffset?: number;
  seed?: number;
}

/**
 * Pairs across two views of the same n items: (A_i, B_i) matches, (A_i, B_j) with j ≠ i does not. Left indices
 * point into view A, right indices into view B (shifted by rightOffset), so an untied network keeps each view on its branch.
 */
export function crossViewPairs(n: number, options: CrossViewPairsOptions = {}): IndexPairs {
  const { negatives = 1, rightOffset = n, seed = 0 } = options;
  if (n < 2) throw new Error('crossViewPairs: needs at least 2 items');
  const rand = seededRandom(seed);
  const size = n * (1 + negatives);
  const left = new Int32Array(size);
  const right = new Int32Array(size);
  const same = new Float32Array(size);
  let k = 0;
  for (let i = 0; i < n; i++) {
    left[k] = i;
    right[k] = rightOffset + i;
    same[k] = 1;
    k++;
    for (let r = 0; r < negatives; r++, k++) {
      const j = (i + 1 + Math.floor(rand() * (n - 1))) % n;
      left[k] = i;
      right[k] = rightOffset + j;
    }
  }
  return { left, right, same };
}
