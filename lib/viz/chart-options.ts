import type { TopLevelSpec } from 'vega-lite';
import { VEGA_LITE_SCHEMA } from './chart';

/** Options every chart builder takes: the title and the plot's size in pixels. */
export interface ChartOptions {
  title?: string;
  width?: number;
  height?: number;
}

/** Field names of a row type: what a builder may plot on an axis or colour by. */
export type FieldOf<Row> = Extract<keyof Row, string>;

/** A scale that is linear (the default) or logarithmic. */
export type ScaleType = 'linear' | 'log';

/**
 * A spec assembled from parts. vega-lite's spec types are deep unions a builder cannot name piece by piece;
 * each builder's test compiles its output with vega-lite's compile() instead.
 */
export function asSpec(parts: Record<string, unknown>): TopLevelSpec {
  return parts as unknown as TopLevelSpec;
}

/** The spec's header: schema, title (when given) and size; facets get the size per panel instead. */
export function chartHeader(options: ChartOptions, width: number, height: number): Record<string, unknown> {
  return {
    $schema: VEGA_LITE_SCHEMA,
    ...(options.title ? { title: options.title } : {}),
    width: options.width ?? width,
    height: options.height ?? height,
  };
}

/** The spec faceted into one column per value of `column`, in `order` if given (the header's size goes to each panel). */
export function facetColumns(
  spec: Record<string, unknown>,
  rows: readonly object[],
  column: string,
  order?: readonly string[],
): TopLevelSpec {
  const { $schema, title, data: _data, ...inner } = spec;
  return asSpec({
    $schema,
    ...(title ? { title } : {}),
    data: { values: rows },
    facet: { column: { field: column, type: 'nominal', title: null, ...(order ? { sort: order } : {}) } },
    spec: inner,
  });
}

/** Several charts side by side (or stacked), each keeping its own data, title and size. */
export function concatCharts(
  charts: TopLevelSpec[],
  direction: 'horizontal' | 'vertical' = 'horizontal',
): TopLevelSpec {
  const parts = charts.map((chart) => {
    const { $schema: _schema, ...rest } = chart;
    return rest;
  });
  const key = direction === 'horizontal' ? 'hconcat' : 'vconcat';
  return asSpec({ $schema: VEGA_LITE_SCHEMA, [key]: parts });
}
