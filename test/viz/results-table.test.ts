import * as assert from 'assert';
import { captureDisplays } from '../../lib/viz/display';
import {
  formatResult,
  lessonResults,
  RESULTS_MIME,
  ResultRow,
  resultsInNotebook,
  showResults,
  LessonResults,
} from '../../lib/viz/results-table';

const ROWS: ResultRow[] = [
  {
    key: 'pair-accuracy',
    result: 'Siamese MLP, test pair accuracy',
    source: 'Keras example mnist_siamese',
    published: 0.972,
    ours: 0.95512,
    setup: '4 epochs',
    format: 'percent',
  },
  { key: 'bce', result: 'test BCE', source: 'blog <post>', published: '≈0.09', ours: 0.10234567, setup: '20 epochs' },
  { result: 'no number', source: '—', published: '—', ours: 'untied 40.0%, tied 45.0%', setup: 'views' },
];

describe('viz/results-table', () => {
  it('formats percentages, fixed decimals and 4 significant digits; text stays as it is', () => {
    assert.strictEqual(formatResult(0.95512, 'percent'), '95.5%');
    assert.strictEqual(formatResult(7.7421, 2), '7.74');
    assert.strictEqual(formatResult(0.10234567), '0.1023');
    assert.strictEqual(formatResult(13), '13');
    assert.strictEqual(formatResult('—'), '—');
  });

  it('records the budget, the backend and each row with its number and its shown text', () => {
    const r = lessonResults(ROWS, { REPLEARN_BUDGET: 'full' });
    assert.strictEqual(r.budget, 'full');
    assert.strictEqual(typeof r.backend, 'string');
    assert.deepStrictEqual(r.rows[0], {
      key: 'pair-accuracy',
      result: 'Siamese MLP, test pair accuracy',
      source: 'Keras example mnist_siamese',
      published: 0.972,
      publishedText: '97.2%',
      ours: 0.95512,
      oursText: '95.5%',
      setup: '4 epochs',
    });
    assert.ok(!('key' in r.rows[2]));
  });

  it('refuses two rows with one key', () => {
    assert.throws(() => lessonResults([ROWS[0], { ...ROWS[1], key: 'pair-accuracy' }], {}), /two result rows/);
  });

  it('shows HTML, text and the JSON rows in one output, and reads them back from a notebook', () => {
    const cap = captureDisplays();
    try {
      showResults(ROWS);
    } finally {
      cap.restore();
    }
    assert.strictEqual(cap.messages.length, 1);
    const data = cap.messages[0].data;
    assert.deepStrictEqual(Object.keys(data).sort(), [RESULTS_MIME, 'text/html', 'text/plain'].sort());
    const html = String(data['text/html']);
    assert.ok(html.includes('<td>95.5%</td>') && html.includes('<td>blog &lt;post&gt;</td>'), html);
    assert.match(String(data['text/plain']), /0\.1023/);
    // Through JSON, as an executed notebook stores it.
    const notebook = JSON.parse(
      JSON.stringify({ cells: [{ outputs: [] }, { outputs: [{ data: { 'text/plain': 'x' } }, { data }] }] }),
    ) as Parameters<typeof resultsInNotebook>[0];
    const found: LessonResults[] = resultsInNotebook(notebook);
    assert.strictEqual(found.length, 1);
    assert.strictEqual(found[0].rows[1].ours, 0.10234567);
    assert.strictEqual(found[0].rows[1].key, 'bce');
  });

  it('rejects a results output that is not a table', () => {
    const notebook = { cells: [{ outputs: [{ data: { [RESULTS_MIME]: { rows: 3 } } }] }] };
    assert.throws(() => resultsInNotebook(notebook), /not a results table/);
  });
});
