/** What a verification score means: a similarity (higher = match) or a distance (lower = match). */
export type ScoreKind = 'similarity' | 'distance';

/**
 * A ROC curve: at thresholds[i] the true-positive rate is tpr[i] and the false-positive rate fpr[i].
 * A pair is accepted as a match when its similarity ≥ threshold, or its distance ≤ threshold.
 * The curve runs from (0, 0) (accept nothing) to (1, 1) (accept everything).
 */
export interface RocCurve {
  fpr: number[];
  tpr: number[];
  thresholds: number[];
  kind: ScoreKind;
}

function checkInputs(scores: ArrayLike<number>, isMatch: ArrayLike<number>): { pos: number; neg: number } {
  if (scores.length !== isMatch.length) throw new Error(`roc: ${scores.length} scores but ${isMatch.length} labels`);
  let pos = 0;
  for (let i = 0; i < isMatch.length; i++) if (isMatch[i]) pos++;
  const neg = isMatch.length - pos;
  if (pos === 0 || neg === 0)
    throw new Error(`roc: needs both matching and non-matching pairs (got ${pos} and ${neg})`);
  return { pos, neg };
}

/** The ROC curve of verification scores against ground truth (isMatch[i] nonzero = a matching pair). */
export function rocCurve(
  scores: ArrayLike<number>,
  isMatch: ArrayLike<number>,
  kind: ScoreKind = 'similarity',
): RocCurve {
  const { pos, neg } = checkInputs(scores, isMatch);
  const sign = kind === 'similarity' ? 1 : -1;
  const order = Array.from(scores, (_, i) => i).sort((a, b) => sign * (scores[b] - scores[a]));
  const fpr = [0];
  const tpr = [0];
  const thresholds = [sign * Infinity];
  let tp = 0;
  let fp = 0;
  for (let r = 0; r < order.length; r++) {
    const i = order[r];
    if (isMatch[i]) tp++;
    else fp++;
    // Tied scores are accepted together, so one point per distinct score.
    if (r + 1 < order.length && scores[order[r + 1]] === scores[i]) continue;
    fpr.push(fp / neg);
    tpr.push(tp / pos);
    thresholds.push(scores[i]);
  }
  return { fpr, tpr, thresholds, kind };
}

/** Area under a ROC curve (trapezoids): the probability that a random match outscores a random non-match, ties ½. */
export function rocAuc(roc: RocCurve): number {
  let area = 0;
  for (let i = 1; i < roc.fpr.length; i++) area += ((roc.fpr[i] - roc.fpr[i - 1]) * (roc.tpr[i] + roc.tpr[i - 1])) / 2;
  return area;
}

/** The equal-error operating point: false accepts = false rejects, and the threshold that gives it. */
export interface EqualErrorPoint {
  eer: number;
  threshold: number;
}

/**
 * Equal-error rate: where the false-positive rate meets the false-negative rate 1 − TPR, linearly
 * interpolated between the two ROC points that straddle it (threshold interpolated the same way).
 */
export function equalErrorRate(roc: RocCurve): EqualErrorPoint {
  const gap = (i: number): number => roc.fpr[i] - (1 - roc.tpr[i]);
  let i = 1;
  while (gap(i) < 0) i++;
  const g0 = gap(i - 1);
  const g1 = gap(i);
  const s = g1 === g0 ? 1 : -g0 / (g1 - g0);
  const lerp = (a: number[]): number => a[i - 1] + s * (a[i] - a[i - 1]);
  const t0 = roc.thresholds[i - 1];
  const threshold = Number.isFinite(t0) ? lerp(roc.thresholds) : roc.thresholds[i];
  return { eer: (lerp(roc.fpr) + 1 - lerp(roc.tpr)) / 2, threshold };
}

/** Error rates of one fixed threshold. */
export interface OperatingPoint {
  /** False-accept rate: non-matching pairs accepted. */
  far: number;
  /** False-reject rate: matching pairs rejected. */
  frr: number;
  /** Fraction of all pairs decided correctly. */
  accuracy: number;
}

/** FAR, FRR and accuracy when pairs are accepted at `threshold` (similarity ≥ t, or distance ≤ t). */
export function operatingPoint(
  scores: ArrayLike<number>,
  isMatch: ArrayLike<number>,
  threshold: number,
  kind: ScoreKind = 'similarity',
): OperatingPoint {
  const { pos, neg } = checkInputs(scores, isMatch);
  let falseAccepts = 0;
  let falseRejects = 0;
  for (let i = 0; i < scores.length; i++) {
    const accepted = kind === 'similarity' ? scores[i] >= threshold : scores[i] <= threshold;
    if (accepted && !isMatch[i]) falseAccepts++;
    if (!accepted && isMatch[i]) falseRejects++;
  }
  return {
    far: falseAccepts / neg,
    frr: falseRejects / pos,
    accuracy: 1 - (falseAccepts + falseRejects) / (pos + neg),
  };
}

/** The threshold chosen on a validation set: the one at its equal-error rate (apply it to test pairs unchanged). */
export function thresholdAtEer(
  scores: ArrayLike<number>,
  isMatch: ArrayLike<number>,
  kind: ScoreKind = 'similarity',
): number {
  return equalErrorRate(rocCurve(scores, isMatch, kind)).threshold;
}

/** One point of a ROC curve, for charts. */
export interface RocPoint {
  fpr: number;
  tpr: number;
  threshold: number;
}

/** At most `max` points of a ROC curve, evenly spaced along it and keeping both ends: enough for a chart. */
export function rocPoints(roc: RocCurve, max = 300): RocPoint[] {
  const n = roc.fpr.length;
  const step = Math.max(1, (n - 1) / (max - 1));
  const points: RocPoint[] = [];
  for (let x = 0; Math.round(x) < n; x += step) {
    const i = Math.round(x);
    points.push({ fpr: roc.fpr[i], tpr: roc.tpr[i], threshold: roc.thresholds[i] });
  }
  if (points[points.length - 1].fpr !== roc.fpr[n - 1] || points[points.length - 1].tpr !== roc.tpr[n - 1]) {
    points.push({ fpr: roc.fpr[n - 1], tpr: roc.tpr[n - 1], threshold: roc.thresholds[n - 1] });
  }
  return points;
}
