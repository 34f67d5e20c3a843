// `assign` refuses a source notebook that fails its own tests or breaks the format, writing nothing.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { AssignError, assignNotebooks, DEFAULT_SANDBOX } from '../../lib/grading';
import { code, IMPORT_CELL, notebook, sourceNotebook, tempDir, writeFile } from './fixtures';

describe('grading/assign (verification before writing)', function () {
  this.timeout(10 * 60_000);
  const sandbox = { ...DEFAULT_SANDBOX, memoryMb: 512 };
  // Kernel runs take minutes on a busy machine: REPLEARN_SKIP_GRADING_E2E=1 skips them in quick local runs.
  before(function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
  });

  it('a source with broken markers is refused before any kernel runs', async () => {
    const dir = tempDir('replearn-assign-');
    const src = writeFile(
      dir,
      'broken.ipynb',
      notebook([
        IMPORT_CELL,
        code('a', '// EXERCISE a (1 point)\n// BEGIN SOLUTION\nconst a = 1;'),
        code('t', '// TESTS a\n'),
      ]),
    );
    const started = Date.now();
    await assert.rejects(
      assignNotebooks([src], { outDir: path.join(dir, 'out'), jobs: 1, cellTimeoutMs: 30_000, sandbox }),
      (e: Error) => e instanceof AssignError && e.message.includes('BEGIN SOLUTION on line 2 is never closed'),
    );
    assert.ok(Date.now() - started < 5000);
    assert.equal(fs.existsSync(path.join(dir, 'out')), false);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('a source whose solution fails a hidden test is refused, naming the test; nothing is written', async () => {
    const dir = tempDir('replearn-assign-');
    const nb = sourceNotebook();
    nb.cells[6] = {
      ...nb.cells[6],
      source: String(nb.cells[6].source).replace("if (b === 0) throw new Error('division by zero');\n", ''),
    };
    const src = writeFile(dir, 'wrong.ipynb', nb);
    await assert.rejects(
      assignNotebooks([src], { outDir: path.join(dir, 'out'), jobs: 1, cellTimeoutMs: 60_000, sandbox }),
      (e: Error) =>
        e instanceof AssignError &&
        e.message.includes('exercise safediv, test "division by zero throws": expected the call to throw'),
    );
    assert.equal(fs.existsSync(path.join(dir, 'out')), false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
