import * as assert from 'assert';
import pl from 'nodejs-polars';
import { captureDisplays } from '../../lib/viz/display';
import { showTable, tableHtml } from '../../lib/viz/table';

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
});
