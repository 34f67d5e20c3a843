// Reading precision-recall curves (lib/text/retrieval-evaluation.ts) the way a lesson compares methods: one value
// at a recall level or a retrieved count, and one method's lead over another across the recall levels.
import type { RetrievalCurves } from './retrieval-evaluation';

/** Mean precision at recall `level` (a fraction that must be one of the curves' recall levels). */
export function curvePrecisionAtRecall(curves: RetrievalCurves, level: number): number {
  const i = curves.recallLevels.findIndex((l) => Math.abs(l - level) < 1e-12);
  if (i < 0) throw new Error(`curvePrecisionAtRecall: ${level} is not one of the recall levels`);
  return curves.precisionAtRecall[i];
}

/** Mean precision among the first `k` retrieved (k must be one of the curves' retrieved counts). */
export function curvePrecisionAtRetrieved(curves: RetrievalCurves, k: number): number {
  const i = curves.retrievedCounts.indexOf(k);
  if (i < 0) throw new Error(`curvePrecisionAtRetrieved: ${k} is not one of the retrieved counts`);
  return curves.precisionAtRetrieved[i];
}

/** Mean precision over the recall levels below 100 % (at 100 % every method is at chance). */
export function meanPrecisionBelowFullRecall(curves: RetrievalCurves): number {
  const n = curves.recallLevels.filter((l) => l < 1).length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += curves.precisionAtRecall[i];
  return sum / n;
}

/** How much `a`'s precision exceeds `b`'s over the recall levels below 100 %: mean, smallest and largest. */
export function precisionAdvantage(a: RetrievalCurves, b: RetrievalCurves): { mean: number; min: number; max: number } {
  const n = a.recallLevels.filter((l) => l < 1).length;
  if (b.recallLevels.length !== a.recallLevels.length) throw new Error('precisionAdvantage: different recall levels');
  const d = Array.from({ length: n }, (_, i) => a.precisionAtRecall[i] - b.precisionAtRecall[i]);
  return { mean: d.reduce((s, v) => s + v, 0) / n, min: Math.min(...d), max: Math.max(...d) };
}
