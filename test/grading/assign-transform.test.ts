import { strict as assert } from 'assert';
import { autograderVersion, studentVersion } from '../../lib/grading/assign-transform';
import { instructorExercises } from '../../lib/grading/markers';
import { cellSource } from '../../lib/jupyter/runner';
import { sourceNotebook } from './fixtures';

describe('grading/assign-transform (student and autograder versions)', () => {
  const source = sourceNotebook();
  source.cells[2].outputs = [{ output_type: 'stream', name: 'stdout', text: 'old output' }];
  source.cells[2].execution_count = 4;
  const layouts = instructorExercises(source, 'synthetic');

  it('replaces solutions with a stub that throws, keeping the indentation', () => {
    const student = studentVersion(source, layouts);
    const answer = cellSource(student.cells[2]);
    assert.equal(
      answer,
      '// EXERCISE norm (3 points)\nfunction norm(v: number[]): number {\n  // YOUR CODE HERE\n  throw new Error("exercise norm: not implemented");\n}',
    );
    assert.doesNotMatch(JSON.stringify(student), /Math\.sqrt|BEGIN SOLUTION/);
  });

  it('removes hidden tests, keeps visible ones, clears outputs and keeps every cell id', () => {
    const student = studentVersion(source, layouts);
    const tests = cellSource(student.cells[3]);
    assert.match(tests, /norm of \[3, 4\]/);
    assert.doesNotMatch(tests, /norm of \[1, 2, 2\]|HIDDEN/);
    assert.match(tests, /hidden tests run when your notebook is graded/);
    assert.deepEqual(
      student.cells.map((c) => c.id),
      source.cells.map((c) => c.id),
    );
    assert.deepEqual(student.cells[2].outputs, []);
    assert.equal(student.cells[2].execution_count, null);
  });

  it('the autograder version keeps solutions and hidden tests, without outputs', () => {
    const auto = autograderVersion(source);
    assert.match(cellSource(auto.cells[3]), /BEGIN HIDDEN TESTS/);
    assert.match(cellSource(auto.cells[2]), /Math\.sqrt/);
    assert.deepEqual(auto.cells[2].outputs, []);
    assert.equal(source.cells[2].execution_count, 4, 'the source is not modified');
  });
});
