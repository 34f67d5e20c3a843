import { strict as assert } from 'assert';
import {
  answerHeader,
  HIDDEN_MARKERS,
  instructorExercises,
  markedRegions,
  MarkerError,
  testsHeader,
} from '../../lib/grading/markers';
import { code, notebook, sourceNotebook } from './fixtures';

describe('grading/markers (the authoring format)', () => {
  it('reads exercise and tests headers from the first line', () => {
    assert.deepEqual(answerHeader(code('a', '// EXERCISE 07-1 (3 points)\nfunction f() {}')), {
      id: '07-1',
      points: 3,
    });
    assert.deepEqual(answerHeader(code('a', '\n//EXERCISE x (1 point)')), { id: 'x', points: 1 });
    assert.equal(answerHeader(code('a', 'const x = 1; // EXERCISE y (1 point)')), null);
    assert.throws(() => answerHeader(code('a', '// EXERCISE y 3 points')), /malformed exercise header/);
    assert.equal(testsHeader(code('t', '// TESTS 07-1\nawait 1;')), '07-1');
  });

  it('finds marked regions and rejects unbalanced markers', () => {
    const src = 'a\n// BEGIN HIDDEN TESTS\nb\n  // END HIDDEN TESTS\nc';
    assert.deepEqual(markedRegions(src, HIDDEN_MARKERS), [{ begin: 1, end: 3 }]);
    assert.throws(() => markedRegions('// BEGIN HIDDEN TESTS\nx', HIDDEN_MARKERS), /never closed/);
    assert.throws(() => markedRegions('// END HIDDEN TESTS', HIDDEN_MARKERS), /without a BEGIN/);
  });

  it('lays out the exercises of a source notebook', () => {
    assert.deepEqual(
      instructorExercises(sourceNotebook(), 'synthetic').map((e) => [e.id, e.points, e.answerCell, e.testsCell]),
      [
        ['norm', 3, 2, 3],
        ['double', 2, 4, 5],
        ['safediv', 2, 6, 7],
      ],
    );
  });

  it('lists every problem of a broken source at once', () => {
    const nb = notebook([
      code('a1', '// EXERCISE a (2 points)\n// BEGIN SOLUTION\nx\n// END SOLUTION'),
      code('a2', '// EXERCISE a (2 points)\n// BEGIN SOLUTION\nx\n// END SOLUTION'),
      code('b', '// EXERCISE b (1 point)\nno markers'),
      code('t', '// TESTS c\n'),
    ]);
    try {
      instructorExercises(nb, 'broken.ipynb');
      assert.fail('expected a MarkerError');
    } catch (e) {
      assert.ok(e instanceof MarkerError);
      assert.match(e.message, /exercise a has two answer cells \(cells 1 and 2\)/);
      assert.match(e.message, /exercise b: the answer cell has no \/\/ BEGIN SOLUTION/);
      assert.match(e.message, /exercise a has no "\/\/ TESTS a" cell/);
      assert.match(e.message, /cell 4 tests exercise c, which has no/);
    }
  });
});
