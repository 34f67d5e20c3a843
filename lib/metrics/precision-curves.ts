import { meanPrecisionAtK, relevanceOf } from './retrieval';

/** One point of a precision@k curve. */
export interface PrecisionPoint {
  method: string;
  k: number;
  precision: number;
}

/** Precision@k curves of several searches, as chart rows, with a look-up of one method at one k. */
export interface PrecisionCurves {
  rows: PrecisionPoint[];
  at(method: string, k: number): number;
}

/**
 * Mean precision@k for k = 1..maxK of each named search (neighbour lists, one per query, nearest first): a
 * neighbour counts when its label equals the query's.
 */
export function precisionAtKCurves(
  searches: Record<string, { indices: ArrayLike<number>[] }>,
  queryLabels: ArrayLike<number>,
  labels: ArrayLike<number>,
  maxK: number,
): PrecisionCurves {
  const rows = Object.entries(searches).flatMap(([method, lists]) => {
    const relevance = relevanceOf(lists.indices, queryLabels, labels);
    return Array.from({ length: maxK }, (_, i) => ({
      method,
      k: i + 1,
      precision: meanPrecisionAtK(relevance, i + 1),
    }));
  });
  const at = (method: string, k: number): number => {
    const point = rows.find((p) => p.method === method && p.k === k);
    if (!point) throw new Error(`precisionAtKCurves: no curve "${method}" at k = ${k}`);
    return point.precision;
  };
  return { rows, at };
}
