// A lesson never dies of missing data: in a real kernel, with no dataset found and downloads off, the cells that
// need the dataset print one line and the rest of the notebook, an exercise included, still runs.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeCell, replearnNotebook, runNotebook, type NotebookCell } from '../../lib/jupyter/runner';
import { declaredNames, usedNames } from '../../lib/jupyter/kernel/cell-names';
import { accessDeniedLine } from '../../lib/jupyter/kernel/missing-data-cells';
import { textField } from '../../lib/jupyter/client/wire';

function text(cell: NotebookCell): string {
  return (cell.outputs ?? [])
    .map((o) => ('text' in o ? [o.text].flat().join('') : 'data' in o ? textField(o.data['text/plain']) : ''))
    .join('');
}

describe('data/missing-data cells: a lesson runs to its last cell without its dataset', function () {
  this.timeout(180_000);

  it('cell names: top-level declarations, and uses that leave out property names', () => {
    assert.deepStrictEqual(
      [...declaredNames('const a = 1, { b, c: [d] } = x; function f() {}\ntype T = number; import g from "g";')],
      ['a', 'b', 'd', 'f', 'T', 'g'],
    );
    assert.deepStrictEqual([...usedNames('const y = { k: fashion.images, m };')].sort(), ['fashion', 'm', 'y']);
  });

  it("a refusal of Node's permission model names what was refused and why, not just 'restricted'", () => {
    const err = Object.assign(new Error('Access to this API has been restricted'), {
      code: 'ERR_ACCESS_DENIED',
      permission: 'FileSystemRead',
      resource: '/home/grader/answers.json',
    });
    const line = accessDeniedLine(err) ?? '';
    assert.match(
      line,
      /refused by the grading sandbox .*: FileSystemRead on \/home\/grader\/answers\.json\. Graded kernels may read only/,
    );
    assert.ok(!line.includes('\n'));
    assert.strictEqual(accessDeniedLine(new Error('other')), null);
  });

  it('dependent cells say "skipped: needs NAME"; independent cells and exercises run', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nodata-'));
    try {
      const nb = replearnNotebook([
        codeCell(`import { loadFashionMnist, loadPokemon } from 'replearn';\nconst ready = 'yes';`),
        codeCell(`const fashion = await loadFashionMnist({ limit: 10 });\nconst n = 3;`),
        codeCell(`const first = fashion.images.shape;\nconsole.log('never printed', first);`),
        codeCell(`const again = first.length + 1;`),
        codeCell(`console.log('independent', n + 1);`),
        codeCell(`const table = await loadPokemon();\nconsole.log(table.height);`),
        codeCell(`const first = [1, 2];\nconsole.log('redeclared', first.length, again === undefined);`),
      ]);
      // The last cell redeclares `first` but still needs `again`: skipped too.
      const run = await runNotebook(nb, {
        env: { REPLEARN_DATA: empty, REPLEARN_SYSTEM_DATA: '0', REPLEARN_FETCH: '0' },
        cellTimeoutMs: 120_000,
      });
      assert.ok(run.ok, JSON.stringify(run.failure));
      const out = run.notebook.cells.map(text);
      assert.match(
        out[1],
        /^dataset "fashion-mnist" not found: no train-images-idx3-ubyte\.gz under .*npx replearn data fetch fashion-mnist`\n$/,
      );
      assert.strictEqual(out[2], 'skipped: needs fashion-mnist (npx replearn data fetch fashion-mnist)\n');
      assert.strictEqual(out[3], 'skipped: needs fashion-mnist (npx replearn data fetch fashion-mnist)\n');
      assert.strictEqual(out[4], 'independent 4\n');
      assert.match(
        out[5],
        /^dataset "pokemon" not found: .*\nskipped: needs pokemon \(npx replearn data fetch pokemon\)\n$/,
      );
      assert.strictEqual(out[6], 'skipped: needs fashion-mnist (npx replearn data fetch fashion-mnist)\n');
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
