import * as assert from 'assert';
import pl from 'nodejs-polars';
import { captureDisplays } from '../../lib/viz/display';
import { showTable, tableHtml, tableText } from '../../lib/viz/table';

describe('viz/table', () => {
  const df = pl.DataFrame({
    digit: [0, 1, 2, 3],
    count: [980, 1135, 1032, 1010],
    share: [0.098, 0.1135, 0.1032, 0.101],
    note: ['a', 'b<c', null, 'd'],
  });

  it('renders every row and column as an HTML table, escaped, with the shape', () => {
    const html = tableHtml(df);
    assert.strictEqual((html.match(/<tr>/g) ?? []).length, 5); // header + 4 rows
    assert.ok(html.includes('<th title="Float64">count</th>'), html);
    assert.ok(
      html.includes('<td>1135</td>') && html.includes('<td>0.1135</td>') && html.includes('<td>b&lt;c</td>'),
      html,
    );
    assert.ok(html.includes('shape: (4, 4)'));
  });

  it('shows at most maxRows rows and says how many are left out', () => {
    const html = tableHtml(df, { maxRows: 2 });
    assert.strictEqual((html.match(/<tr>/g) ?? []).length, 3);
    assert.ok(html.includes('… 2 more rows'));
  });

  it('showTable sends text/html and polars text in one output', () => {
    const cap = captureDisplays();
    try {
      showTable(df);
    } finally {
      cap.restore();
    }
    assert.strictEqual(cap.messages.length, 1);
    assert.deepStrictEqual(Object.keys(cap.messages[0].data).sort(), ['text/html', 'text/plain']);
    assert.match(String(cap.messages[0].data['text/plain']), /shape: \(4, 4\)[\s\S]*1135/);
  });

  describe('plain row objects (no polars)', () => {
    const rows = [
      { method: 'pixels', 'P@10': 0.7512, bytes: 3136 },
      { method: 'codes <32>', 'P@10': 0.8, bytes: 128, note: 'best' },
      { method: 'bits', 'P@10': 0.69, bytes: 4 },
    ];

    it('HTML: columns in order of first appearance, kinds as header titles, escaped, missing cells empty', () => {
      const html = tableHtml(rows);
      assert.ok(html.includes('shape: (3, 4)'), html);
      assert.ok(html.includes('<th title="string">method</th><th title="number">P@10</th>'), html);
      assert.ok(html.includes('<td>codes &lt;32&gt;</td>') && html.includes('<td>0.7512</td>'), html);
      assert.strictEqual((html.match(/<td><\/td>/g) ?? []).length, 2, 'note is empty in two rows');
    });

    it('text: aligned columns, a rule under the header, rows left out counted', () => {
      const text = tableText(rows, { maxRows: 2 });
      assert.deepStrictEqual(text.split('\n'), [
        'shape: (3, 4)',
        'method      P@10    bytes  note',
        '----------  ------  -----  ----',
        'pixels      0.7512  3136',
        'codes <32>  0.8     128    best',
        '… 1 more rows',
      ]);
    });

    it('showTable takes rows and sends HTML and the aligned text in one output', () => {
      const cap = captureDisplays();
      try {
        showTable(rows);
      } finally {
        cap.restore();
      }
      assert.strictEqual(cap.messages.length, 1);
      assert.strictEqual(cap.messages[0].data['text/plain'], tableText(rows));
      assert.match(String(cap.messages[0].data['text/html']), /<table class="dataframe">/);
    });
  });
});
