import type { TopLevelSpec } from 'vega-lite';
import { asSpec, chartHeader, type ChartOptions, type FieldOf, type ScaleType } from './chart-options';

/** Options of {@link barChart}. */
export interface BarChartOptions<Row> extends ChartOptions {
  /** The category of each bar. */
  category: FieldOf<Row>;
  /** The bar's length. */
  value: FieldOf<Row>;
  /** Colour bars by this field (e.g. the category again, for a legend). */
  color?: FieldOf<Row>;
  /** Bars run left to right, categories down the y axis (for long names). Default false. */
  horizontal?: boolean;
  /** Keep the rows' order (default); 'ascending' / 'descending' sort by value. */
  order?: 'rows' | 'ascending' | 'descending';
  valueScale?: ScaleType;
  categoryTitle?: string | null;
  valueTitle?: string | null;
}

/** A vega-lite bar chart: one bar per row, `category` along one axis and `value` along the other. */
export function barChart<Row extends object>(rows: readonly Row[], options: BarChartOptions<Row>): TopLevelSpec {
  const order = options.order ?? 'rows';
  const category = {
    field: options.category,
    type: 'nominal',
    sort: order === 'rows' ? null : { field: options.value, order: order },
    ...(options.categoryTitle !== undefined ? { title: options.categoryTitle } : {}),
  };
  const value = {
    field: options.value,
    type: 'quantitative',
    ...(options.valueTitle !== undefined ? { title: options.valueTitle } : {}),
    ...(options.valueScale === 'log' ? { scale: { type: 'log' } } : {}),
  };
  const horizontal = options.horizontal ?? false;
  return asSpec({
    ...chartHeader(options, horizontal ? 420 : 360, horizontal ? Math.max(120, 24 * rows.length) : 200),
    data: { values: rows },
    mark: { type: 'bar', tooltip: true },
    encoding: {
      x: horizontal ? value : category,
      y: horizontal ? category : value,
      ...(options.color ? { color: { field: options.color, type: 'nominal' } } : {}),
    },
  });
}
