import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Notebook } from '../../lib/jupyter/runner/notebook-file';
import { projectRoot } from '../../lib/project';
import {
  KERNELSPEC,
  LANGUAGE_INFO,
  normaliseNotebook,
  notebookText,
  run,
  sourceLines,
  titleLine,
} from '../../scripts/notebooks';

const FIXTURES = path.join(projectRoot(), 'test', 'fixtures', 'notebooks');
const OPTIONS = { printWidth: 120, singleQuote: true, trailingComma: 'all', arrowParens: 'always' } as const;
const read = (name: string): Notebook => JSON.parse(fs.readFileSync(path.join(FIXTURES, name), 'utf8')) as Notebook;
const text = (source: string | string[]): string => (Array.isArray(source) ? source.join('') : source);

/** A scratch copy of a fixture, removed after the test. */
function scratchCopy(name: string): { file: string; done(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nb-'));
  const file = path.join(dir, name);
  fs.copyFileSync(path.join(FIXTURES, name), file);
  return { file, done: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

describe('scripts/notebooks (normaliser)', () => {
  it('formats code cells with Prettier, strips outputs and counts, keeps and completes cell ids', async () => {
    const { notebook, problems } = await normaliseNotebook(read('messy.ipynb'), OPTIONS);
    assert.deepStrictEqual(problems, []);
    const [title, first, second, last] = notebook.cells;
    assert.deepStrictEqual(
      notebook.cells.map((c) => c.id),
      ['cell-00', 'abc', 'cell-02', 'cell-03'],
      'ids: kept where unique, fresh where missing or taken',
    );
    assert.strictEqual(
      text(first.source),
      "import { tf } from 'replearn';\nconst x = { a: 1, b: 2 };\nawait Promise.resolve(x);",
    );
    assert.deepStrictEqual(first.source, [
      "import { tf } from 'replearn';\n",
      'const x = { a: 1, b: 2 };\n',
      'await Promise.resolve(x);',
    ]);
    assert.strictEqual(text(last.source), 'const y: number[] = [1, 2, 3].map((v) => v * 2);\nconsole.log(y);');
    assert.deepStrictEqual([first.outputs, first.execution_count], [[], null]);
    assert.deepStrictEqual(first.metadata, { tags: ['keep-me'] }, 'transient metadata removed, tags kept');
    assert.strictEqual(text(title.source), '# 03 — Fixture lesson\n\nSome text.');
    assert.strictEqual(text(second.source), '## Part two', 'markdown is not reformatted');
    assert.ok(!('outputs' in second), 'a markdown cell has no outputs');
    assert.deepStrictEqual(notebook.metadata, {
      kernelspec: KERNELSPEC,
      language_info: LANGUAGE_INFO,
      authors: ['a teacher'],
    });
    assert.strictEqual(notebook.nbformat_minor, 5);
  });

  it('is idempotent: a normalised notebook has no changes and the same text', async () => {
    const once = await normaliseNotebook(read('messy.ipynb'), OPTIONS);
    const twice = await normaliseNotebook(once.notebook, OPTIONS);
    assert.deepStrictEqual(twice.changes, []);
    assert.strictEqual(notebookText(twice.notebook), notebookText(once.notebook));
  });

  it('writes Jupyter’s layout (sorted keys, one-space indent), the same as the committed normalised fixture', async () => {
    const { notebook } = await normaliseNotebook(read('messy.ipynb'), OPTIONS);
    assert.strictEqual(notebookText(notebook), fs.readFileSync(path.join(FIXTURES, 'normalised.ipynb'), 'utf8'));
  });

  it('--check reports a file that would change and leaves it alone; format then check passes', async () => {
    const copy = scratchCopy('messy.ipynb');
    try {
      const before = fs.readFileSync(copy.file, 'utf8');
      const lines: string[] = [];
      assert.strictEqual(await run([copy.file], true, (l) => lines.push(l)), 1);
      assert.strictEqual(fs.readFileSync(copy.file, 'utf8'), before);
      assert.match(lines.join('\n'), /messy\.ipynb: not normalised \(cell 0: id cell-00; .*formatted/);
      assert.strictEqual(await run([copy.file], false, () => undefined), 0);
      assert.strictEqual(await run([copy.file], true, () => undefined), 0);
    } finally {
      copy.done();
    }
  });

  it('a cell Prettier cannot parse and a missing title are reported, exit 1, the cell left as written', async () => {
    const { notebook, problems } = await normaliseNotebook(read('broken.ipynb'), OPTIONS);
    assert.strictEqual(problems.length, 2, problems.join('\n'));
    assert.match(problems[0], /^cell 1: Prettier cannot parse it/);
    assert.match(problems[1], /not a markdown title/);
    assert.strictEqual(text(notebook.cells[1].source), 'const = 1;');
    const lines: string[] = [];
    assert.strictEqual(await run([path.join(FIXTURES, 'broken.ipynb')], true, (l) => lines.push(l)), 1);
    assert.strictEqual(lines.length, 3, lines.join('\n'));
  });

  it('a file that is not JSON is one clear line, not a stack', async () => {
    const copy = scratchCopy('messy.ipynb');
    try {
      fs.writeFileSync(copy.file, '{ not json');
      const lines: string[] = [];
      assert.strictEqual(await run([copy.file], true, (l) => lines.push(l)), 1);
      assert.strictEqual(lines.length, 1);
      assert.match(lines[0], /cannot read it as JSON/);
    } finally {
      copy.done();
    }
  });

  it('titleLine and sourceLines', () => {
    assert.strictEqual(titleLine('# 7 · Conv autoencoder'), '# 07 — Conv autoencoder');
    assert.strictEqual(titleLine('# 10 — Search'), '# 10 — Search');
    assert.strictEqual(titleLine('## 10 — Search'), null);
    assert.deepStrictEqual(sourceLines('a\nb\n'), ['a\n', 'b\n']);
    assert.deepStrictEqual(sourceLines(''), []);
  });
});
