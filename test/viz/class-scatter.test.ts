import * as assert from 'assert';
import { compile } from 'vega-lite';
import { classScatterSpec } from '../../lib/viz/class-scatter';

describe('viz/class-scatter', () => {
  it('builds one faceted, valid vega-lite spec with a row per point and class names in the legend', () => {
    const spec = classScatterSpec(
      [
        {
          title: 'a',
          points: [
            [0, 1],
            [2, 3],
          ],
          labels: [0, 1],
        },
        {
          title: 'b',
          points: [
            [5, 5],
            [6, 7],
          ],
          labels: [1, 1],
        },
      ],
      { classNames: ['zero', 'one'], title: 'two maps' },
    );
    const values = (spec as { data: { values: Record<string, unknown>[] } }).data.values;
    assert.strictEqual(values.length, 4);
    assert.deepStrictEqual(values[1], { panel: 'a', x: 2, y: 3, class: 'one' });
    assert.deepStrictEqual(
      values.map((v) => v.panel),
      ['a', 'a', 'b', 'b'],
    );
    const vg = compile(spec).spec;
    assert.ok(JSON.stringify(vg).includes('"zero"'), 'legend domain lacks the class names');
  });
});
