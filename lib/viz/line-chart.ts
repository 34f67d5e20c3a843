import type { TopLevelSpec } from 'vega-lite';
import { asSpec, chartHeader, facetColumns, type ChartOptions, type FieldOf, type ScaleType } from './chart-options';

/** Options of {@link lineChart}: which fields go where, and how the axes read. */
export interface LineChartOptions<Row> extends ChartOptions {
  x: FieldOf<Row>;
  y: FieldOf<Row>;
  /** One line per value of this field. */
  color?: FieldOf<Row>;
  /** One panel per value of this field, side by side. */
  facet?: FieldOf<Row>;
  /** Order of the panels (default: as vega-lite sorts). */
  facetOrder?: readonly string[];
  /** Axis titles (default: the field names; null for none). */
  xTitle?: string | null;
  yTitle?: string | null;
  colorTitle?: string | null;
  /** Order of the colour legend (default: as vega-lite sorts). */
  colorOrder?: readonly string[];
  /** Draw a point on each value (default false). */
  points?: boolean;
  xScale?: ScaleType;
  yScale?: ScaleType;
  /** Fixed y range; otherwise the data's, starting at zero unless `yZero` is false. */
  yDomain?: readonly [number, number];
  yZero?: boolean;
  /** The x field is ordinal (epochs as categories) rather than quantitative. */
  xOrdinal?: boolean;
  /** Tick values of the x axis (e.g. the doubling recall levels of a log axis). */
  xAxisValues?: number[];
  /** Values of the `color` field whose lines are drawn dashed (e.g. the baselines). */
  dashed?: string[];
}

/** A vega-lite line chart of rows: x against y, one line per `color` value, optionally one panel per `facet`. */
export function lineChart<Row extends object>(rows: readonly Row[], options: LineChartOptions<Row>): TopLevelSpec {
  const yScale = {
    ...(options.yScale === 'log' ? { type: 'log' } : {}),
    ...(options.yDomain ? { domain: options.yDomain } : {}),
    ...(options.yZero === false ? { zero: false } : {}),
  };
  const spec = {
    ...chartHeader(options, 420, 220),
    data: { values: rows },
    mark: { type: 'line', tooltip: true, ...(options.points ? { point: true } : {}) },
    encoding: {
      x: {
        field: options.x,
        type: options.xOrdinal ? 'ordinal' : 'quantitative',
        ...(options.xTitle !== undefined ? { title: options.xTitle } : {}),
        ...(options.xScale === 'log' ? { scale: { type: 'log' } } : {}),
        ...(options.xAxisValues ? { axis: { values: options.xAxisValues } } : {}),
      },
      y: {
        field: options.y,
        type: 'quantitative',
        ...(options.yTitle !== undefined ? { title: options.yTitle } : {}),
        ...(Object.keys(yScale).length ? { scale: yScale } : {}),
      },
      ...(options.color
        ? {
            color: {
              field: options.color,
              type: 'nominal',
              ...(options.colorTitle !== undefined ? { title: options.colorTitle } : {}),
              ...(options.colorOrder ? { sort: options.colorOrder } : {}),
            },
          }
        : {}),
      ...(options.color && options.dashed?.length
        ? {
            strokeDash: {
              condition: {
                test: `indexof(${JSON.stringify(options.dashed)}, datum[${JSON.stringify(options.color)}]) >= 0`,
                value: [4, 3],
              },
              value: [1, 0],
            },
          }
        : {}),
    },
  };
  return options.facet ? facetColumns(spec, rows, options.facet, options.facetOrder) : asSpec(spec);
}

/** Options of {@link lossChart}. */
export interface LossChartOptions extends ChartOptions {
  /** The y axis title (default 'loss'). */
  yTitle?: string;
  /** What one step of x is (default 'epoch'). */
  x?: string;
}

/** Loss per epoch (or step) of named runs, one line each: `lossChart({ 'plain': losses, 'denoising': others })`. */
export function lossChart(runs: Record<string, ArrayLike<number>>, options: LossChartOptions = {}): TopLevelSpec {
  const x = options.x ?? 'epoch';
  const rows: Record<string, string | number>[] = Object.entries(runs).flatMap(([run, losses]) =>
    Array.from(losses, (loss, i) => ({ run, [x]: i + 1, loss })),
  );
  return lineChart(rows, {
    title: options.title,
    width: options.width,
    height: options.height,
    x,
    y: 'loss',
    color: 'run',
    colorTitle: null,
    colorOrder: Object.keys(runs),
    yTitle: options.yTitle ?? 'loss',
    yZero: false,
    points: rows.length <= 60,
  });
}
