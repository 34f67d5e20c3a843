import type { TopLevelSpec } from 'vega-lite';

/** One panel of a {@link classScatterSpec}: 2-D points with a class index each. */
export interface ClassScatterPanel {
  title: string;
  /** [N][2] coordinates. */
  points: ArrayLike<ArrayLike<number>>;
  /** Class index of each point (same order as `points`). */
  labels: ArrayLike<number>;
}

/** Options of {@link classScatterSpec}. */
export interface ClassScatterOptions {
  /** Name of each class index, shown in the legend (default: the index itself). */
  classNames?: string[];
  /** Side of each panel in pixels (default 260). */
  size?: number;
  /** Title of the whole figure. */
  title?: string;
  /** Legend title (default 'class'). */
  legend?: string;
}

/** A vega-lite spec of 2-D maps side by side, one point per example, coloured by class (one shared legend). */
export function classScatterSpec(panels: ClassScatterPanel[], options: ClassScatterOptions = {}): TopLevelSpec {
  const { classNames, size = 260, legend = 'class' } = options;
  const values = panels.flatMap((panel) =>
    Array.from({ length: panel.labels.length }, (_, i) => ({
      panel: panel.title,
      x: Number(panel.points[i][0]),
      y: Number(panel.points[i][1]),
      [legend]: classNames ? classNames[panel.labels[i]] : String(panel.labels[i]),
    })),
  );
  const order =
    classNames ?? [...new Set(Array.from(panels[0]?.labels ?? [], String))].sort((a, b) => Number(a) - Number(b));
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    ...(options.title ? { title: options.title } : {}),
    data: { values },
    facet: { field: 'panel', type: 'nominal', title: null, sort: panels.map((p) => p.title) },
    columns: panels.length,
    spec: {
      width: size,
      height: size,
      mark: { type: 'circle', size: 12, opacity: 0.7 },
      encoding: {
        x: { field: 'x', type: 'quantitative', axis: null, scale: { zero: false } },
        y: { field: 'y', type: 'quantitative', axis: null, scale: { zero: false } },
        color: {
          field: legend,
          type: 'nominal',
          scale: { scheme: order.length > 10 ? 'category20' : 'category10' },
          sort: order,
        },
      },
    },
    resolve: { scale: { x: 'independent', y: 'independent' } },
  };
}
