// The replearn kernel's pure parts: history queries, traceback mapping, ESM detection, result bundles.
import * as assert from 'assert';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';
import { JUPYTER_DISPLAY } from '../../lib/jupyter/kernel/api';
import { cellFileName } from '../../lib/jupyter/kernel/engine';
import { esmEntry, importedPackages } from '../../lib/jupyter/kernel/esm';
import { createHistory } from '../../lib/jupyter/kernel/history';
import { mimeBundle } from '../../lib/jupyter/kernel/mime';
import { cellLine, errorFromDiagnostics, errorFromThrown } from '../../lib/jupyter/kernel/traceback';
import { projectRoot } from '../../lib/project';

describe('jupyter/kernel parts', () => {
  it('history answers tail, range and search (glob, unique, n) with or without outputs', () => {
    const h = createHistory();
    ['1 + 2', 'const a = 1', '1 + 2', 'a * 3'].forEach((input, i) => h.add({ line: i + 1, input, output: null }));
    h.setOutput(4, '3');
    assert.deepStrictEqual(h.query({ hist_access_type: 'tail', n: 2 }), [
      [1, 3, '1 + 2'],
      [1, 4, 'a * 3'],
    ]);
    assert.deepStrictEqual(h.query({ hist_access_type: 'tail', n: 1, output: true }), [[1, 4, ['a * 3', '3']]]);
    assert.deepStrictEqual(h.query({ hist_access_type: 'range', session: 0, start: 2, stop: 3 }), [
      [1, 2, 'const a = 1'],
    ]);
    assert.strictEqual(h.query({ hist_access_type: 'search', pattern: '1 ?*' }).length, 2);
    assert.deepStrictEqual(h.query({ hist_access_type: 'search', pattern: '1*', unique: true }), [[1, 3, '1 + 2']]);
    assert.deepStrictEqual(h.query({ hist_access_type: 'search', pattern: '*a*', n: 1 }), [[1, 4, 'a * 3']]);
  });

  it('maps a JavaScript line back to the TypeScript line it came from', () => {
    const source =
      'interface P { x: number }\nconst p: P = { x: 1 };\nfunction f(q: P) {\n  return q.x.toFixed(200);\n}\nf(p)';
    const js = [
      '(function(exports, require) { Object.defineProperty(exports, "__esModule", { value: true });',
      'exports.f = exports.p = exports.tsLastExpr = void 0;',
      'const p = { x: 1 };',
      'exports.p = p;',
      'function f(q) {',
      '    return q.x.toFixed(200);',
      '}',
      'exports.f = f;',
      'exports.tsLastExpr = f(p);',
      '})(__tslab__.exports, __tslab__.require)',
    ].join('\n');
    const code = { cell: 4, source, js };
    assert.deepStrictEqual(
      [6, 3, 9].map((l) => cellLine(code, l)),
      [4, 2, 6],
    );
  });

  it('names cell frames by cell and line and drops the frames of the kernel, tslab and Node', () => {
    const file = cellFileName(2);
    const cells = new Map([
      [
        file,
        {
          cell: 2,
          source: 'const z = 0;\nthrow new RangeError("bad " + z)',
          js: '(function(exports, require) { const z = 0;\nthrow new RangeError("bad " + z)\n})(__tslab__.exports, __tslab__.require)',
        },
      ],
    ]);
    const err = new RangeError('bad 0');
    err.stack = [
      'RangeError: bad 0',
      `    at ${file}:2:7`,
      `    at ${file}:3:3`,
      '    at Script.runInThisContext (node:vm:135:14)',
      `    at Object.execute (${projectRoot()}/node_modules/tslab/dist/executor.js:160:38)`,
      `    at run (${path.join(projectRoot(), 'dist', 'lib', 'jupyter', 'kernel', 'engine.js')}:80:3)`,
      `    at helper (${projectRoot()}/dist/lib/viz/table.js:10:5)`,
    ].join('\n');
    const e = errorFromThrown(err, cells, projectRoot());
    assert.deepStrictEqual(e.traceback, [
      'RangeError: bad 0',
      '    at (cell [2], line 2)',
      '        2 | throw new RangeError("bad " + z)',
      '    at helper (dist/lib/viz/table.js:10:5)',
    ]);
    assert.deepStrictEqual([e.ename, e.evalue], ['RangeError', 'bad 0']);
    const thrown = errorFromThrown('plain', cells, projectRoot());
    assert.deepStrictEqual([thrown.ename, thrown.evalue], ['Error', "Uncaught 'plain'"]);
  });

  it('reports TypeScript errors with line:col, the source line and a caret', () => {
    const e = errorFromDiagnostics(
      [{ line: 2, column: 7, message: "Cannot find name 'q'." }],
      5,
      'const a = 1;\nconst b = q;',
    );
    assert.strictEqual(e.ename, 'TypeScriptError');
    assert.strictEqual(e.evalue, "Cannot find name 'q'. (line 2:7)");
    assert.deepStrictEqual(e.traceback.slice(1), [
      "cell [5], line 2:7 - Cannot find name 'q'.",
      '  2 | const b = q;',
      '    |       ^',
    ]);
  });

  it('finds the packages a cell imports and which of them only import() can load', () => {
    assert.deepStrictEqual(
      importedPackages(
        "import * as fs from 'fs';\nimport x, { y } from \"esm-only-fixture\";\nimport './local';\nimport '@scope/pkg/sub';",
      ),
      ['esm-only-fixture', '@scope/pkg/sub'],
    );
    const fixtures = path.join(projectRoot(), 'test', 'fixtures');
    // The fixture folder stands in for node_modules: look it up from a folder whose node_modules is a link to it.
    assert.strictEqual(esmEntry('mocha', projectRoot()), undefined, 'a CommonJS package is left to require()');
    assert.strictEqual(esmEntry('no-such-package-here', fixtures), undefined);
  });

  it('renders tensors (values, HTML, PNG for images), the display hook, and other values as text', async () => {
    const t = tf.tensor([
      [1, 2],
      [3, 4],
    ]);
    const b = await mimeBundle(t);
    assert.strictEqual(b['text/plain'], 'Tensor shape [2, 2] float32\n[[1, 2],\n [3, 4]]');
    assert.match(String(b['text/html']), /<pre>\[\[1, 2\],/);
    assert.strictEqual(b['image/png'], undefined, 'too small for an image');
    const img = tf.fill([8, 8, 1], 0.5);
    assert.ok(typeof (await mimeBundle(img))['image/png'] === 'string');
    const big = tf.range(0, 1000);
    assert.match(String((await mimeBundle(big))['text/plain']), /\.\.\./, 'large tensors are summarised');
    tf.dispose([t, img, big]);
    assert.deepStrictEqual(await mimeBundle({ [JUPYTER_DISPLAY]: () => ({ 'text/html': '<b>me</b>' }) }), {
      'text/html': '<b>me</b>',
    });
    assert.deepStrictEqual(await mimeBundle({ a: [1, 'x'] }), { 'text/plain': "{ a: [ 1, 'x' ] }" });
  });
});
