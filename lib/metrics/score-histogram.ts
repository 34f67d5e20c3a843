// The equal-width binning is the charts' own (one copy); this adds the match / non-match split.
import { histogramBars } from '../viz/histogram-chart';

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
  let extent = range;
  if (!extent) {
    extent = [Infinity, -Infinity];
    for (let i = 0; i < scores.length; i++) extent = [Math.min(extent[0], scores[i]), Math.max(extent[1], scores[i])];
  }
  const of = (match: boolean): number[] => Array.from(scores).filter((_, i) => Boolean(isMatch[i]) === match);
  return [
    ...histogramBars(of(true), bins, extent).map((bar) => ({ ...bar, kind: 'match' as const })),
    ...histogramBars(of(false), bins, extent).map((bar) => ({ ...bar, kind: 'non-match' as const })),
  ];
}
