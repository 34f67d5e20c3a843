import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeCell, markdownCell, type Notebook, type NotebookCell } from '../../lib/jupyter/runner/notebook-file';
import { projectRoot } from '../../lib/project';
import { cellAt, findingLine, LINT_DIR, lintNotebooks, notebookModule } from '../../scripts/notebook-lint';
import { run } from '../../scripts/notebooks';

const notebook = (cells: NotebookCell[]): Notebook => ({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** Two code cells around a markdown cell: the second declares with `let` what it never reassigns. */
const FLAGGED = notebook([
  markdownCell('# 01 — Fixture', 'title'),
  codeCell('const sizes = [1, 2, 3];\nconsole.log(sizes.length);', 'first'),
  markdownCell('Some text.', 'text'),
  codeCell('// a comment\nlet total = 0;\nconsole.log(total + sizes[0]);\nawait Promise.resolve(total);', 'second'),
]);

describe('scripts/notebook-lint (ESLint over code cells)', () => {
  it('joins the code cells into one module and maps its lines back to cell and line', () => {
    const module = notebookModule(FLAGGED);
    assert.deepStrictEqual(module.cells, [
      { index: 1, id: 'first', firstLine: 1 },
      { index: 3, id: 'second', firstLine: 4 },
    ]);
    const lines = module.text.split('\n');
    assert.strictEqual(lines[3], '// a comment', 'the second cell starts where its entry says');
    assert.deepStrictEqual(cellAt(module, 2), { index: 1, id: 'first', line: 2 });
    assert.deepStrictEqual(cellAt(module, 5), { index: 3, id: 'second', line: 2 });
    assert.match(module.text, /export \{\};\n$/, 'a module, so top-level await parses');
  });

  it('reports the project rules (type-aware ones too) at the cell and line they concern; a clean notebook has none', async () => {
    const clean = notebook([codeCell("import { tf } from 'replearn';\nconsole.log(tf.version.tfjs);", 'only')]);
    const typed = notebook([
      codeCell('const xs: number[] = [1];\nconst ys = xs as number[];\nconsole.log(ys);', 'cast'),
    ]);
    const root = projectRoot();
    const found = await lintNotebooks(
      new Map([
        ['flagged.ipynb', FLAGGED],
        ['clean.ipynb', clean],
        ['typed.ipynb', typed],
      ]),
      root,
    );
    const flagged = found.get('flagged.ipynb') ?? [];
    assert.deepStrictEqual(
      flagged.map((f) => [f.cell, f.id, f.line, f.rule]),
      [[3, 'second', 2, 'prefer-const']],
    );
    assert.match(findingLine(flagged[0]), /^cell 3 \(id second\) line 2:5: .*\(prefer-const\)$/);
    assert.deepStrictEqual(found.get('clean.ipynb'), [], 'imports of replearn resolve and lint clean');
    assert.deepStrictEqual(
      (found.get('typed.ipynb') ?? []).map((f) => [f.id, f.line, f.rule]),
      [['cast', 2, '@typescript-eslint/no-unnecessary-type-assertion']],
      'type-aware rules run',
    );
    assert.ok(!fs.existsSync(path.join(root, LINT_DIR)), 'the scratch folder is removed');
  });

  it('`run` with lint fails on a finding and names the file, cell and rule', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nblint-'));
    try {
      const file = path.join(dir, 'flagged.ipynb');
      fs.writeFileSync(file, JSON.stringify(FLAGGED));
      const lines: string[] = [];
      assert.strictEqual(await run([file], false, (l) => lines.push(l), true), 1);
      assert.ok(
        lines.some((l) => l.startsWith(`${file}: cell 3 (id second) line 2:`) && l.endsWith('(prefer-const)')),
        lines.join('\n'),
      );
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
