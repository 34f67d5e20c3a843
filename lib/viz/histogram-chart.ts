import type { TopLevelSpec } from 'vega-lite';
import { asSpec, chartHeader, facetColumns, type ChartOptions } from './chart-options';

/** One bar of a histogram: the share of values in [start, end), optionally of one kind (e.g. match / non-match). */
export interface HistogramBar {
  start: number;
  end: number;
  fraction: number;
  kind?: string;
}

/** A vertical line drawn over a histogram (a threshold), named in its tooltip. */
export interface HistogramRule {
  name: string;
  value: number;
}

/** Options of {@link histogramChart} and {@link binnedHistogramChart}. */
export interface HistogramChartOptions extends ChartOptions {
  xTitle?: string;
  yTitle?: string;
  /** Dashed vertical lines, e.g. thresholds. */
  rules?: HistogramRule[];
}

/** Options of {@link histogramChart}: bins of equal width over `extent` (default: the values' range). */
export interface HistogramBinning extends HistogramChartOptions {
  bins?: number;
  extent?: [number, number];
}

/** Equal-width bins of `values` over `extent`, each holding the fraction of values in it (ends clamp in). */
export function histogramBars(values: ArrayLike<number>, bins: number, extent?: [number, number]): HistogramBar[] {
  let [min, max] = extent ?? [Infinity, -Infinity];
  if (!extent)
    for (let i = 0; i < values.length; i++) {
      min = Math.min(min, values[i]);
      max = Math.max(max, values[i]);
    }
  const width = (max - min) / bins || 1;
  const counts = new Float64Array(bins);
  for (let i = 0; i < values.length; i++)
    counts[Math.min(bins - 1, Math.max(0, Math.floor((values[i] - min) / width)))]++;
  return Array.from(counts, (c, b) => ({
    start: min + b * width,
    end: min + (b + 1) * width,
    fraction: c / (values.length || 1),
  }));
}

/**
 * A vega-lite histogram of already binned bars (e.g. `scoreHistogram`'s match / non-match bins, overlaid by
 * kind), with optional threshold rules; `facet` splits it into panels by a further field of the bars.
 */
export function binnedHistogramChart<Bar extends HistogramBar>(
  bars: readonly Bar[],
  options: HistogramChartOptions & { facet?: Extract<keyof Bar, string> } = {},
): TopLevelSpec {
  const kinds = bars.some((b) => b.kind !== undefined);
  const barLayer = {
    mark: { type: 'bar', opacity: kinds ? 0.6 : 1, tooltip: true },
    encoding: {
      x: { field: 'start', type: 'quantitative', bin: { binned: true }, title: options.xTitle ?? 'value' },
      x2: { field: 'end' },
      y: { field: 'fraction', type: 'quantitative', stack: null, title: options.yTitle ?? 'fraction' },
      ...(kinds ? { color: { field: 'kind', type: 'nominal', title: null } } : {}),
    },
  };
  const ruleLayer = options.rules?.length
    ? [
        {
          data: { values: options.rules },
          mark: { type: 'rule', strokeDash: [4, 3] },
          encoding: { x: { field: 'value', type: 'quantitative' }, tooltip: [{ field: 'name' }] },
        },
      ]
    : [];
  const spec = {
    ...chartHeader(options, 300, 200),
    data: { values: bars },
    layer: [barLayer, ...ruleLayer],
  };
  return options.facet ? facetColumns(spec, bars, options.facet) : asSpec(spec);
}

/** A vega-lite histogram of raw values in `bins` equal bins (default 20) over `extent`. */
export function histogramChart(values: ArrayLike<number>, options: HistogramBinning = {}): TopLevelSpec {
  return binnedHistogramChart(histogramBars(values, options.bins ?? 20, options.extent), options);
}
