// Precision against recall for one query, as in document retrieval (Salakhutdinov & Hinton's semantic-hashing
// plots): at recall level ρ a query with R relevant items has retrieved ⌈ρR⌉ of them; precision is that count over
// the rank where the last of them appeared. Averaging these per-query values over queries gives the curve.
import type { RankedRelevance } from './retrieval';

/** Recall levels of the usual log-scale axis: 0.1 %, 0.2 %, 0.4 % … 51.2 %, 100 %. */
export const DOUBLING_RECALL_LEVELS: readonly number[] = [...Array.from({ length: 10 }, (_, i) => 0.001 * 2 ** i), 1];

/** Numbers of retrieved items 1, 3, 7 … 2^n − 1 up to `max`: the x axis of Hinton & Salakhutdinov (2006), Fig. 4A. */
export function doublingRetrievedCounts(max: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= max; k = 2 * k + 1) out.push(k);
  return out;
}

function relevantNeeded(level: number, relevant: number): number {
  if (!(level > 0 && level <= 1)) throw new Error(`recall levels must be in (0, 1], got ${level}`);
  // The small tolerance keeps 0.3 × 10 = 3.0000000000000004 at 3 items, not 4.
  return Math.max(1, Math.ceil(level * relevant - 1e-9));
}

/**
 * Precision at each recall level of one explicit ranking (entry r truthy when the item at rank r + 1 is relevant;
 * rank the whole gallery). NaN at every level when nothing in it is relevant (such a query has no recall).
 */
export function precisionAtRecall(
  ranked: RankedRelevance,
  levels: readonly number[] = DOUBLING_RECALL_LEVELS,
): Float64Array {
  let total = 0;
  for (let r = 0; r < ranked.length; r++) if (ranked[r]) total++;
  const out = new Float64Array(levels.length).fill(NaN);
  if (total === 0) return out;
  const needed = levels.map((l) => relevantNeeded(l, total));
  let hits = 0;
  for (let r = 0; r < ranked.length; r++) {
    if (!ranked[r]) continue;
    hits++;
    needed.forEach((m, i) => {
      if (m === hits) out[i] = hits / (r + 1);
    });
  }
  return out;
}

/** Scores of one query's relevant and non-relevant gallery items, each sorted best (highest) first. */
interface SplitScores {
  relevant: Float64Array;
  other: Float64Array;
}

function splitScores(scores: ArrayLike<number>, relevant: ArrayLike<boolean | number>): SplitScores {
  if (scores.length !== relevant.length)
    throw new Error(`${scores.length} scores for ${relevant.length} relevance flags`);
  let nRel = 0;
  for (let i = 0; i < relevant.length; i++) if (relevant[i]) nRel++;
  const rel = new Float64Array(nRel);
  const other = new Float64Array(scores.length - nRel);
  for (let i = 0, a = 0, b = 0; i < scores.length; i++) {
    if (Number.isNaN(scores[i])) throw new Error(`score ${i} is NaN`);
    if (relevant[i]) rel[a++] = -scores[i];
    else other[b++] = -scores[i];
  }
  // Typed-array sort is native and numeric; sorting the negated scores ascending puts the best first.
  return { relevant: rel.sort(), other: other.sort() };
}

/** How many entries of a best-first array of negated scores are better than, and equal to, the negated score s. */
function aboveAndTied(sorted: Float64Array, s: number): [number, number] {
  let lo = 0,
    hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  let end = lo;
  while (end < sorted.length && sorted[end] === s) end++;
  return [lo, end - lo];
}

/**
 * Precision at each recall level when the gallery is ranked by `scores` (higher = more similar). Items with equal
 * scores come in random order: the rank of the m-th relevant item is its expected rank over those orders (a tie block
 * of t_r relevant and t_n other items puts, on average, j·t_n/(t_r + 1) other items before its j-th relevant one), so
 * a code that gives many documents the same score gains nothing from the order they happen to be stored in.
 */
export function precisionAtRecallFromScores(
  scores: ArrayLike<number>,
  relevant: ArrayLike<boolean | number>,
  levels: readonly number[] = DOUBLING_RECALL_LEVELS,
): Float64Array {
  return atRecall(splitScores(scores, relevant), levels);
}

function atRecall({ relevant: rel, other }: SplitScores, levels: readonly number[]): Float64Array {
  const out = new Float64Array(levels.length).fill(NaN);
  if (rel.length === 0) return out;
  levels.forEach((level, i) => {
    const m = relevantNeeded(level, rel.length);
    const s = rel[m - 1];
    const [relAbove, relTied] = aboveAndTied(rel, s);
    const [otherAbove, otherTied] = aboveAndTied(other, s);
    const j = m - relAbove;
    out[i] = m / (relAbove + otherAbove + j + (j * otherTied) / (relTied + 1));
  });
  return out;
}

/**
 * Precision among the first k retrieved items, for each k, when the gallery is ranked by `scores` (higher = more
 * similar); a tie block cut by k contributes its expected share of relevant items.
 */
export function precisionAtRetrievedFromScores(
  scores: ArrayLike<number>,
  relevant: ArrayLike<boolean | number>,
  counts: readonly number[],
): Float64Array {
  return atRetrieved(splitScores(scores, relevant), counts);
}

function atRetrieved({ relevant: rel, other }: SplitScores, counts: readonly number[]): Float64Array {
  const n = rel.length + other.length;
  return Float64Array.from(counts, (k) => {
    if (!(k >= 1 && k <= n)) throw new Error(`retrieved counts must be in 1..${n}, got ${k}`);
    // Walk tie blocks best first until k items are covered.
    let a = 0,
      b = 0,
      hits = 0;
    while (a + b < k) {
      const s = Math.min(a < rel.length ? rel[a] : Infinity, b < other.length ? other[b] : Infinity);
      let ta = 0,
        tb = 0;
      while (a + ta < rel.length && rel[a + ta] === s) ta++;
      while (b + tb < other.length && other[b + tb] === s) tb++;
      const take = Math.min(ta + tb, k - a - b);
      hits += (take * ta) / (ta + tb);
      a += ta;
      b += tb;
    }
    return hits / k;
  });
}

/** Both curves of one query from one sort: precision at each recall level and among the first k retrieved. */
export function precisionCurvesFromScores(
  scores: ArrayLike<number>,
  relevant: ArrayLike<boolean | number>,
  levels: readonly number[],
  counts: readonly number[],
): { atRecall: Float64Array; atRetrieved: Float64Array } {
  const split = splitScores(scores, relevant);
  return { atRecall: atRecall(split, levels), atRetrieved: atRetrieved(split, counts) };
}

/** The element-wise mean of per-query curves, skipping NaN entries (queries with nothing relevant). */
export function meanCurve(curves: readonly Float64Array[]): Float64Array {
  const length = curves[0]?.length ?? 0;
  const sum = new Float64Array(length);
  const n = new Float64Array(length);
  for (const c of curves) {
    if (c.length !== length) throw new Error(`meanCurve: curves of lengths ${length} and ${c.length}`);
    for (let i = 0; i < length; i++)
      if (!Number.isNaN(c[i])) {
        sum[i] += c[i];
        n[i]++;
      }
  }
  return Float64Array.from(sum, (s, i) => (n[i] ? s / n[i] : NaN));
}
