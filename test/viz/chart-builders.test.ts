import * as assert from 'assert';
import { compile, type TopLevelSpec } from 'vega-lite';
import { barChart } from '../../lib/viz/bar-chart';
import { chartSvg, VEGA_LITE_SCHEMA } from '../../lib/viz/chart';
import { concatCharts } from '../../lib/viz/chart-options';
import { binnedHistogramChart, histogramBars, histogramChart } from '../../lib/viz/histogram-chart';
import { lineChart, lossChart } from '../../lib/viz/line-chart';
import { rocChart, thinnedIndices } from '../../lib/viz/roc-chart';

/** An encoding channel as the tests read it. */
interface Channel {
  field?: string;
  sort?: unknown;
  scale?: Record<string, unknown>;
  [key: string]: unknown;
}

/** The parts of a spec the tests read (a part a spec lacks reads as undefined). */
interface SpecJson {
  $schema?: string;
  title?: string;
  width?: number;
  data: { values: Record<string, unknown>[] };
  mark: unknown;
  encoding: Record<string, Channel>;
  layer: SpecJson[];
  facet: { column: Channel };
  spec: SpecJson;
  hconcat: SpecJson[];
}

/** The spec as plain JSON, to read fields the vega-lite types make unions of. */
const json = (spec: TopLevelSpec): SpecJson => JSON.parse(JSON.stringify(spec)) as SpecJson;

/** The spec compiles to a vega spec, and the names of its vega marks' types. */
function compiledMarks(spec: TopLevelSpec): string[] {
  const vg = compile(spec).spec;
  const types: string[] = [];
  const walk = (marks: unknown): void => {
    for (const m of (marks ?? []) as { type: string; marks?: unknown }[]) {
      types.push(m.type);
      walk(m.marks);
    }
  };
  walk(vg.marks);
  return types;
}

describe('viz/chart builders', () => {
  it('lineChart: x, y and colour fields, log scale, fixed domain, points; compiles to a line mark', () => {
    const rows = [
      { epoch: 1, auc: 0.7, signers: 'train' },
      { epoch: 2, auc: 0.8, signers: 'train' },
      { epoch: 1, auc: 0.6, signers: 'test' },
    ];
    const spec = json(
      lineChart(rows, {
        title: 'AUC',
        x: 'epoch',
        y: 'auc',
        color: 'signers',
        points: true,
        yDomain: [0.5, 1],
        xScale: 'log',
        colorOrder: ['train', 'test'],
      }),
    );
    assert.strictEqual(spec.$schema, VEGA_LITE_SCHEMA);
    assert.strictEqual(spec.title, 'AUC');
    assert.deepStrictEqual(spec.data.values, rows);
    assert.deepStrictEqual(spec.mark, { type: 'line', tooltip: true, point: true });
    assert.deepStrictEqual(spec.encoding.x, { field: 'epoch', type: 'quantitative', scale: { type: 'log' } });
    assert.deepStrictEqual(spec.encoding.y, { field: 'auc', type: 'quantitative', scale: { domain: [0.5, 1] } });
    assert.deepStrictEqual(spec.encoding.color, { field: 'signers', type: 'nominal', sort: ['train', 'test'] });
    assert.ok(compiledMarks(spec).includes('line'));
  });

  it('lineChart with facet: one panel per value, the size per panel, data at the top', () => {
    const rows = [
      { level: 0, bce: 0.1, noise: 'masking', model: 'a' },
      { level: 0.5, bce: 0.3, noise: 'gaussian', model: 'a' },
    ];
    const spec = json(lineChart(rows, { x: 'level', y: 'bce', color: 'model', facet: 'noise', width: 300 }));
    assert.deepStrictEqual(spec.facet, { column: { field: 'noise', type: 'nominal', title: null } });
    const ordered = json(
      lineChart(rows, { x: 'level', y: 'bce', facet: 'noise', facetOrder: ['masking', 'gaussian'] }),
    );
    assert.deepStrictEqual(ordered.facet.column.sort, ['masking', 'gaussian']);
    assert.strictEqual(spec.spec.width, 300);
    assert.strictEqual(spec.spec.data, undefined);
    assert.deepStrictEqual(spec.data.values, rows);
    const vg = JSON.stringify(compile(spec).spec);
    assert.ok(vg.includes('"facet"'), 'no facet in the compiled spec');
  });

  it('lineChart: dashed series and x axis tick values; the SVG dashes only those lines', async () => {
    const rows = [
      { recall: 0.1, precision: 0.5, method: 'LSA 2-D' },
      { recall: 1, precision: 0.2, method: 'LSA 2-D' },
      { recall: 0.1, precision: 0.6, method: 'autoencoder 2-D' },
      { recall: 1, precision: 0.3, method: 'autoencoder 2-D' },
    ];
    const spec = lineChart(rows, {
      x: 'recall',
      y: 'precision',
      color: 'method',
      xScale: 'log',
      xAxisValues: [0.1, 1],
      dashed: ['LSA 2-D'],
    });
    const encoding = json(spec).encoding;
    assert.deepStrictEqual(encoding.x.axis, { values: [0.1, 1] });
    assert.deepStrictEqual(encoding.strokeDash, {
      condition: { test: 'indexof(["LSA 2-D"], datum["method"]) >= 0', value: [4, 3] },
      value: [1, 0],
    });
    const svg = await chartSvg(spec);
    assert.strictEqual((svg.match(/stroke-dasharray="4,3"/g) ?? []).length, 1, 'one dashed line');
    assert.strictEqual(json(lineChart(rows, { x: 'recall', y: 'precision' })).encoding.strokeDash, undefined);
  });

  it('lossChart: one line per run, epochs counted from 1, in the given order', () => {
    const spec = json(lossChart({ plain: [0.5, 0.3], denoising: [0.6, 0.4, 0.35] }, { title: 'BCE' }));
    assert.strictEqual(spec.data.values.length, 5);
    assert.deepStrictEqual(spec.data.values[4], { run: 'denoising', epoch: 3, loss: 0.35 });
    assert.deepStrictEqual(spec.encoding.color.sort, ['plain', 'denoising']);
    assert.strictEqual(spec.encoding.y.scale?.zero, false);
    assert.ok(compiledMarks(spec).includes('line'));
  });

  it('thinnedIndices keeps both ends and at most max points, evenly spread', () => {
    assert.deepStrictEqual(thinnedIndices(4, 10), [0, 1, 2, 3]);
    const kept = thinnedIndices(1001, 5);
    assert.deepStrictEqual(kept, [0, 250, 500, 750, 1000]);
    assert.deepStrictEqual(thinnedIndices(11, 4), [0, 3, 7, 10], 'nearest index, not rounded down');
  });

  it('rocChart: thinned curves, operating points and a FAR rule as layers; draws in SVG', async () => {
    const n = 1000;
    const fpr = Array.from({ length: n }, (_, i) => i / (n - 1));
    const tpr = fpr.map((f) => Math.sqrt(f));
    const spec = rocChart(
      { model: { fpr, tpr }, chance: { fpr: [0, 1], tpr: [0, 1] } },
      { title: 'ROC', maxPoints: 100, marks: [{ name: 'EER', fpr: 0.4, tpr: 0.6 }], fprRule: 0.2 },
    );
    const j = json(spec);
    assert.strictEqual(j.layer.length, 3);
    const rows = j.layer[0].data.values as { curve: string; fpr: number; tpr: number }[];
    assert.strictEqual(rows.filter((r) => r.curve === 'model').length, 100);
    assert.deepStrictEqual(rows.filter((r) => r.curve === 'chance').length, 2);
    assert.deepStrictEqual(rows[99], { curve: 'model', fpr: 1, tpr: 1 });
    assert.deepStrictEqual(j.layer[2].data.values, [{ fpr: 0.2 }]);
    assert.deepStrictEqual(
      compiledMarks(spec).filter((m) => m !== 'group'),
      ['line', 'symbol', 'rule'],
    );
    const svg = await chartSvg(spec);
    assert.ok(svg.includes('mark-line') && svg.includes('mark-rule'), 'line or rule missing from the SVG');
  });

  it('barChart: rows order kept by default, horizontal swaps the axes, log value scale', () => {
    const rows = [
      { method: 'scan', ms: 3.5 },
      { method: 'lookup', ms: 0.02 },
    ];
    const upright = json(barChart(rows, { category: 'method', value: 'ms' }));
    assert.deepStrictEqual(upright.encoding.x, { field: 'method', type: 'nominal', sort: null });
    assert.deepStrictEqual(upright.encoding.y, { field: 'ms', type: 'quantitative' });
    const flat = json(barChart(rows, { category: 'method', value: 'ms', horizontal: true, valueScale: 'log' }));
    assert.strictEqual(flat.encoding.y.field, 'method');
    assert.deepStrictEqual(flat.encoding.x.scale, { type: 'log' });
    const sorted = json(barChart(rows, { category: 'method', value: 'ms', order: 'ascending' }));
    assert.deepStrictEqual(sorted.encoding.x.sort, { field: 'ms', order: 'ascending' });
    assert.ok(compiledMarks(flat).includes('rect'));
  });

  it('histogramBars: equal bins over the extent, fractions summing to 1, out-of-range values clamped in', () => {
    const bars = histogramBars([0, 0.1, 0.55, 0.99, 1, 2, -1], 2, [0, 1]);
    assert.deepStrictEqual(
      bars.map((b) => [b.start, b.end]),
      [
        [0, 0.5],
        [0.5, 1],
      ],
    );
    assert.deepStrictEqual(
      bars.map((b) => b.fraction * 7),
      [3, 4],
    );
  });

  it('histogramChart / binnedHistogramChart: binned bars, kinds overlaid, threshold rules, facets', () => {
    const plain = json(histogramChart([0.1, 0.2, 0.9], { bins: 4, extent: [0, 1], xTitle: 'activity' }));
    assert.strictEqual(plain.data.values.length, 4);
    assert.strictEqual(plain.layer[0].encoding.color, undefined);
    assert.ok(compiledMarks(plain).includes('rect'));

    const bars = [
      { start: 0, end: 1, fraction: 0.7, kind: 'match', set: 'seen' },
      { start: 1, end: 2, fraction: 0.3, kind: 'non-match', set: 'unseen' },
    ];
    const spec = binnedHistogramChart(bars, { facet: 'set', rules: [{ name: 'chosen', value: 0.8 }] });
    const j = json(spec);
    assert.deepStrictEqual(j.facet.column.field, 'set');
    assert.strictEqual(j.spec.layer.length, 2);
    assert.deepStrictEqual(j.spec.layer[0].encoding.color, { field: 'kind', type: 'nominal', title: null });
    assert.deepStrictEqual(j.spec.layer[1].data.values, [{ name: 'chosen', value: 0.8 }]);
    const vg = JSON.stringify(compile(spec).spec);
    assert.ok(vg.includes('"rule"') && vg.includes('"facet"'), 'rule layer or facet missing after compile');
  });

  it('concatCharts: charts side by side, one $schema at the top', () => {
    const a = lossChart({ run: [1, 0.5] });
    const b = barChart([{ k: 'a', v: 1 }], { category: 'k', value: 'v' });
    const spec = json(concatCharts([a, b]));
    assert.strictEqual(spec.hconcat.length, 2);
    assert.ok(spec.hconcat.every((c) => c.$schema === undefined));
    assert.strictEqual(spec.$schema, VEGA_LITE_SCHEMA);
    assert.deepStrictEqual(
      compiledMarks(spec as TopLevelSpec).filter((m) => m !== 'group'),
      ['line', 'symbol', 'rect'],
    );
  });
});
