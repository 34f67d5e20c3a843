import type { TopLevelSpec } from 'vega-lite';
import { asSpec, chartHeader, type ChartOptions } from './chart-options';

/** A ROC curve as the chart needs it: false-positive and true-positive rates, point by point. */
export interface RocLine {
  fpr: ArrayLike<number>;
  tpr: ArrayLike<number>;
}

/** A marked point on the ROC plane (an operating point, a published threshold). */
export interface RocMark {
  name: string;
  fpr: number;
  tpr: number;
}

/** Options of {@link rocChart}. */
export interface RocChartOptions extends ChartOptions {
  /** Points drawn per curve at most (default 300): enough to draw, small enough to store in the notebook. */
  maxPoints?: number;
  /** Operating points drawn as filled dots, coloured by name. */
  marks?: RocMark[];
  /** A dashed vertical line at this false-positive rate (a target FAR). */
  fprRule?: number;
  xTitle?: string;
  yTitle?: string;
}

/** Indices 0..n-1 thinned to at most `max`, evenly spaced, always keeping the first and the last. */
export function thinnedIndices(n: number, max: number): number[] {
  if (n <= max) return Array.from({ length: n }, (_, i) => i);
  const step = (n - 1) / (max - 1);
  return Array.from({ length: max }, (_, j) => Math.round(j * step));
}

/**
 * A vega-lite ROC chart of named curves (`rocChart({ 'face-api': roc })`), each thinned to `maxPoints`,
 * with optional operating points and a FAR rule.
 */
export function rocChart(curves: Record<string, RocLine>, options: RocChartOptions = {}): TopLevelSpec {
  const max = options.maxPoints ?? 300;
  const rows = Object.entries(curves).flatMap(([curve, roc]) =>
    thinnedIndices(roc.fpr.length, max).map((i) => ({ curve, fpr: roc.fpr[i], tpr: roc.tpr[i] })),
  );
  const x = { field: 'fpr', type: 'quantitative', title: options.xTitle ?? 'false-positive rate' } as const;
  const y = { field: 'tpr', type: 'quantitative', title: options.yTitle ?? 'true-positive rate' } as const;
  const single = Object.keys(curves).length === 1;
  const layers: unknown[] = [
    {
      data: { values: rows },
      mark: { type: 'line' },
      encoding: {
        x,
        y,
        ...(single
          ? {}
          : {
              color: {
                field: 'curve',
                type: 'nominal',
                title: null,
                sort: Object.keys(curves),
                legend: { labelLimit: 400 },
              },
            }),
      },
    },
  ];
  if (options.marks?.length)
    layers.push({
      data: { values: options.marks },
      mark: { type: 'point', filled: true, size: 90 },
      encoding: {
        x: { field: 'fpr', type: 'quantitative' },
        y: { field: 'tpr', type: 'quantitative' },
        shape: { field: 'name', type: 'nominal', title: null },
      },
    });
  if (options.fprRule !== undefined)
    layers.push({
      data: { values: [{ fpr: options.fprRule }] },
      mark: { type: 'rule', strokeDash: [4, 4] },
      encoding: { x: { field: 'fpr', type: 'quantitative' } },
    });
  return asSpec({ ...chartHeader(options, 300, 280), layer: layers });
}
