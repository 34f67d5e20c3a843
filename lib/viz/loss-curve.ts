import type { TopLevelSpec } from 'vega-lite';

/** One point of a loss curve: x in epochs (fractional for batches), the series it belongs to. */
export interface LossPoint {
  epoch: number;
  value: number;
  series: string;
}

/** Average consecutive batch points into at most `max` bins, so long runs stay light to draw. */
export function thinPoints(points: LossPoint[], max = 400): LossPoint[] {
  if (points.length <= max) return points;
  const size = Math.ceil(points.length / max);
  const out: LossPoint[] = [];
  for (let i = 0; i < points.length; i += size) {
    const bin = points.slice(i, i + size);
    out.push({
      epoch: bin[bin.length - 1].epoch,
      value: bin.reduce((s, p) => s + p.value, 0) / bin.length,
      series: bin[0].series,
    });
  }
  return out;
}

/** A vega-lite line chart of loss against epoch, one colour per series (batch loss, epoch loss, validation). */
export function lossCurveSpec(points: LossPoint[], title = 'training loss'): TopLevelSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title,
    width: 420,
    height: 220,
    data: { values: points.map((p) => ({ ...p })) },
    mark: { type: 'line', point: { size: 20 }, tooltip: true },
    encoding: {
      x: { field: 'epoch', type: 'quantitative', title: 'epoch' },
      y: { field: 'value', type: 'quantitative', title: 'loss', scale: { zero: false } },
      color: { field: 'series', type: 'nominal', title: null },
    },
  };
}
