import * as assert from 'assert';
import type { TopLevelSpec } from 'vega-lite';
import { barChart } from '../../lib/viz/bar-chart';
import { chartSvg, showChart } from '../../lib/viz/chart';
import { concatCharts } from '../../lib/viz/chart-options';
import { lossChart } from '../../lib/viz/line-chart';
import { captureDisplays } from '../../lib/viz/display';
import { balancedTags } from '../support/svg-check';

const bars: TopLevelSpec = {
  $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
  title: 'three bars',
  data: {
    values: [
      { k: 'a', v: 3 },
      { k: 'b', v: 1 },
      { k: 'c', v: 2 },
    ],
  },
  mark: 'bar',
  encoding: { x: { field: 'k', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
};

describe('viz/chart', () => {
  it('showChart sends ONE output holding vega-lite v5 JSON and an SVG', async () => {
    const cap = captureDisplays();
    try {
      await showChart(bars);
    } finally {
      cap.restore();
    }
    assert.strictEqual(cap.messages.length, 1);
    const data = cap.messages[0].data;
    assert.deepStrictEqual(Object.keys(data).sort(), [
      'application/vnd.vegalite.v5+json',
      'image/svg+xml',
      'text/plain',
    ]);
    const spec = data['application/vnd.vegalite.v5+json'] as { $schema: string; data: unknown };
    assert.strictEqual(spec.$schema, 'https://vega.github.io/schema/vega-lite/v5.json');
    assert.deepStrictEqual(spec.data, bars.data);
    assert.strictEqual(data['text/plain'], '[three bars]');
    assert.match(String(data['image/svg+xml']), /^<svg [^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
  });

  it('the SVG is well-formed and draws one rect mark per bar, plus axes and the title', async () => {
    const svg = await chartSvg(bars);
    const tags = balancedTags(svg);
    assert.strictEqual(tags[0], 'svg');
    const rectGroup = /<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg);
    assert.ok(rectGroup, 'no rect mark group');
    assert.strictEqual((rectGroup[1].match(/<path /g) ?? []).length, 3);
    assert.ok(svg.includes('three bars') && svg.includes('role-axis'), 'title or axes missing');
  });

  it('a line chart draws a path through its points', async () => {
    const svg = await chartSvg({
      data: {
        values: [
          { x: 0, y: 1 },
          { x: 1, y: 3 },
          { x: 2, y: 2 },
        ],
      },
      mark: 'line',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    });
    const line = /<g class="mark-line role-mark[^"]*"[^>]*><path [^>]*d="(M[^"]+)"/.exec(svg);
    assert.ok(line, 'no line path');
    assert.strictEqual((line[1].match(/[ML]/g) ?? []).length, 3);
  });

  it('draws concatenated charts that share a colour scale without writing vega-lite warnings to the cell', async () => {
    const curves = lossChart({ 'Keras blog': [0.3, 0.2], transposed: [0.3, 0.25] }, { title: 'loss', yTitle: 'BCE' });
    const rows = [
      { model: 'Keras blog', bce: 0.1 },
      { model: 'transposed', bce: 0.12 },
    ];
    const scores = barChart(rows, { title: 'test', category: 'model', value: 'bce', color: 'model' });
    const written: unknown[][] = [];
    const [warn, error] = [console.warn, console.error];
    console.warn = (...args: unknown[]) => written.push(args);
    console.error = (...args: unknown[]) => written.push(args);
    try {
      assert.match(await chartSvg(concatCharts([curves, scores])), /<svg/);
    } finally {
      [console.warn, console.error] = [warn, error];
    }
    assert.deepStrictEqual(written, []);
  });
});
