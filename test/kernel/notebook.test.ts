import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Notebook, parseNotebook, readNotebook, serializeNotebook } from '../../lib/jupyter/runner/notebook-file';
import { makeNotebook } from './notebook-fixture';
import { runNotebook, runNotebookFile } from '../../lib/jupyter/runner/notebook-run';

describe('kernel/notebook-file', () => {
  it('gives one clear line for files that are not notebooks', () => {
    assert.throws(() => parseNotebook('{"cells": [', 'x.ipynb'), /^NotebookFormatError: x\.ipynb is not valid JSON/);
    assert.throws(() => parseNotebook('[1]', 'x.ipynb'), /x\.ipynb is not a Jupyter notebook/);
    assert.throws(() => parseNotebook('{"nbformat": 3, "cells": []}', 'x.ipynb'), /nbformat 3/);
    assert.throws(() => parseNotebook('{"nbformat": 4, "cells": [{"source": "1"}]}', 'x.ipynb'), /cell 0/);
    assert.throws(() => readNotebook('/no/such/file.ipynb'), /cannot read \/no\/such\/file\.ipynb: ENOENT/);
  });

  it('writes outputs as Jupyter does: text as line lists, images and JSON whole', () => {
    const nb = makeNotebook(['1']);
    nb.cells[0].outputs = [
      { output_type: 'stream', name: 'stdout', text: 'a\nb\n' },
      {
        output_type: 'display_data',
        data: {
          'text/html': '<p>\n</p>',
          'image/png': 'iVBOR\nw0',
          'application/vnd.vegalite.v5+json': { mark: 'bar' },
        },
        metadata: {},
      },
    ];
    const back = JSON.parse(serializeNotebook(nb)) as Notebook;
    assert.deepStrictEqual(back.cells[0].outputs, [
      { output_type: 'stream', name: 'stdout', text: ['a\n', 'b\n'] },
      {
        output_type: 'display_data',
        data: {
          'text/html': ['<p>\n', '</p>'],
          'image/png': 'iVBOR\nw0',
          'application/vnd.vegalite.v5+json': { mark: 'bar' },
        },
        metadata: {},
      },
    ]);
  });
});

describe('kernel/notebook-run (live kernel)', function () {
  this.timeout(90_000);

  it('runs cells in order, numbers them, updates displays across cells and stops at the first failure', async () => {
    const nb = makeNotebook([
      { md: '# title' },
      'import * as tslab from "tslab";\nconst d = tslab.newDisplay(); d.text("first");',
      '',
      'd.text("second"); console.log("two")',
      { code: 'throw new Error("expected")', tags: ['raises-exception'] },
      'const x: number = 1;\n// fails:\nthrow new TypeError("boom")',
      'console.log("never")',
    ]);
    const run = await runNotebook(nb, { cwd: os.tmpdir(), cellTimeoutMs: 30_000 });
    assert.strictEqual(run.ok, false);
    assert.deepStrictEqual(run.failure && { ...run.failure, error: undefined }, {
      cellIndex: 5,
      codeCellNumber: 5,
      firstLine: 'const x: number = 1;',
      status: 'error',
      error: undefined,
    });
    assert.deepStrictEqual([run.failure?.error.ename, run.failure?.error.evalue], ['TypeError', 'boom']);
    const cells = run.notebook.cells;
    assert.deepStrictEqual(
      cells.map((c) => c.execution_count),
      [undefined, 1, null, 2, 3, 4, null],
    );
    assert.deepStrictEqual(cells[1].outputs, [
      { output_type: 'display_data', data: { 'text/plain': 'second' }, metadata: {} },
    ]);
    assert.deepStrictEqual(cells[6].outputs, []);
    assert.strictEqual(run.cellsRun, 4);
    assert.strictEqual(nb.cells[1].outputs?.length, 0, 'the input notebook is left alone');
    assert.strictEqual((run.notebook.metadata.language_info as { name: string }).name, 'typescript');
  });

  it('reports a cell timeout and a notebook that is not JSON', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nb-'));
    try {
      fs.writeFileSync(path.join(dir, 'loop.ipynb'), serializeNotebook(makeNotebook(['1', 'while (true) {}'])));
      const run = await runNotebookFile(path.join(dir, 'loop.ipynb'), { cellTimeoutMs: 1000 });
      assert.deepStrictEqual(
        [run.ok, run.failure?.cellIndex, run.failure?.status, run.failure?.error.ename],
        [false, 1, 'timeout', 'Timeout'],
      );
      fs.writeFileSync(path.join(dir, 'bad.ipynb'), '{"cells":');
      const bad = await runNotebookFile(path.join(dir, 'bad.ipynb'));
      assert.deepStrictEqual([bad.ok, bad.failure?.status], [false, 'invalid']);
      assert.match(bad.failure?.error.evalue ?? '', /bad\.ipynb is not valid JSON/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says which kernelspec is missing', async () => {
    const nb = makeNotebook(['1']);
    nb.metadata.kernelspec = { name: 'python3' };
    const run = await runNotebook(nb);
    assert.strictEqual(run.failure?.status, 'start');
    assert.match(run.failure?.error.evalue ?? '', /kernelspec "python3" not found/);
  });
});
