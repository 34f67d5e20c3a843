import { strict as assert } from 'assert';
import { compileTests, rewriteTestsCell } from '../../lib/grading/test-rewrite';
import { TESTS } from './fixtures';

describe('grading/test-rewrite (TESTS cells as the graded kernel runs them)', () => {
  it('points test() and assertions at the capability, numbering sites in source order', () => {
    const r = rewriteTestsCell(TESTS.norm, 'reference');
    assert.match(r.code, /__rl\.test\(0, 'norm of \[3, 4\]', 1,/);
    assert.match(r.code, /__rl\.closeTo\(0, norm\(\[3, 4\]\), 5, 1e-9\)/);
    assert.match(r.code, /__rl\.isTrue\(2, Math\.abs/);
    assert.doesNotMatch(r.code, /exercises\./);
    assert.deepEqual(
      r.tests.map((t) => [t.index, t.name, t.points, t.hidden]),
      [
        [0, 'norm of [3, 4]', 1, false],
        [1, 'norm of [1, 2, 2]', 1, true],
        [2, 'norm of negative entries', 1, true],
      ],
    );
    assert.equal(r.assertionSites, 3);
  });

  it("cuts the expected values and tolerances out of a submission's run (messages of isTrue stay)", () => {
    const r = rewriteTestsCell(TESTS.norm + '\n' + TESTS.safediv.replace('// TESTS safediv', ''), 'submission');
    assert.match(r.code, /__rl\.closeTo\(0, norm\(\[3, 4\]\)\);/);
    assert.match(r.code, /__rl\.closeTo\(1, norm\(\[1, 2, 2\]\)\);/);
    assert.match(r.code, /'norm\(\[-6, -8\]\) should be 10'/);
    assert.match(r.code, /__rl\.throws\(4, \(\) => safeDiv\(1, 0\)\);/);
    assert.doesNotMatch(r.code, /, 5, 1e-9|, 3, 1e-9|\/division by zero\//);
  });

  it('handles destructured helpers, leaves RegExp.test alone, drops calls nested in removed expected values', () => {
    const src =
      "const { closeTo } = exercises;\nawait exercises.test('t', 1, () => {\n  closeTo(f(1), g(exercises.equals(1, 2)));\n  if (/x/.test('x')) closeTo(1, 1);\n});";
    const r = rewriteTestsCell(src, 'submission');
    assert.match(r.code, /__rl\.closeTo\(0, f\(1\)\);/);
    assert.match(r.code, /\/x\/\.test\('x'\)/);
    assert.equal(r.assertionSites, 3);
  });

  it('compiles to plain JavaScript: types stripped, imports as require, no "use strict"', () => {
    const js = compileTests(
      "import { tf } from 'replearn';\nconst x: number = 1;\nawait __rl.test(0, 'a', 1, () => { __rl.closeTo(0, tf.scalar(x)); });",
      'cell',
    );
    assert.doesNotMatch(js, /use strict|: number/);
    assert.match(js, /require\("replearn"\)/);
    assert.throws(() => compileTests('const = ;', 'bad cell'), /bad cell/);
  });
});
