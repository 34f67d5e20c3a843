/** One bar of a score histogram: the share of one kind of pair whose score falls in [start, end). */
export interface HistogramBin {
  start: number;
  end: number;
  kind: 'match' | 'non-match';
  /** Fraction of that kind's pairs in the bin (each kind sums to 1, so unequal counts compare). */
  fraction: number;
}

/**
 * Histograms of verification scores for matching and non-matching pairs, each normalised to sum to 1 — the two
 * overlapping humps a threshold has to split. Scores outside [min, max] go to the end bins.
 */
export function scoreHistogram(
  scores: ArrayLike<number>,
  isMatch: ArrayLike<number>,
  bins = 40,
  range?: [number, number],
): HistogramBin[] {
  if (scores.length !== isMatch.length)
    throw new Error(`scoreHistogram: ${scores.length} scores but ${isMatch.length} labels`);
  let [min, max] = range ?? [Infinity, -Infinity];
  if (!range)
    for (let i = 0; i < scores.length; i++) {
      min = Math.min(min, scores[i]);
      max = Math.max(max, scores[i]);
    }
  const width = (max - min) / bins || 1;
  const counts = { match: new Float64Array(bins), 'non-match': new Float64Array(bins) };
  for (let i = 0; i < scores.length; i++) {
    const b = Math.min(bins - 1, Math.max(0, Math.floor((scores[i] - min) / width)));
    counts[isMatch[i] ? 'match' : 'non-match'][b]++;
  }
  const out: HistogramBin[] = [];
  for (const kind of ['match', 'non-match'] as const) {
    const total = counts[kind].reduce((s, c) => s + c, 0) || 1;
    counts[kind].forEach((c, b) =>
      out.push({ start: min + b * width, end: min + (b + 1) * width, kind, fraction: c / total }),
    );
  }
  return out;
}
