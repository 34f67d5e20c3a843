// A standard Jupyter grader against the replearn kernel: nbgrader autogrades a TypeScript notebook with a
// passing cell, a partial-credit cell (its execute_result is the score) and an erroring cell (no points).
// Opt-in (REPLEARN_NBGRADER=1, set by .ci/run): it installs nbgrader into .venv on first use.
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { replearnNotebook } from '../../lib/jupyter/runner/notebook-file';
import { projectRoot } from '../../lib/project';

const ROOT = projectRoot();
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const REQUIREMENTS = path.join(ROOT, 'test', 'kernel', 'requirements-nbgrader.txt');

interface Cell {
  cell_type: 'code' | 'markdown';
  id: string;
  source: string;
  metadata: Record<string, unknown>;
}

function gradeCell(id: string, points: number, source: string): Cell {
  const nbgrader = { grade: true, grade_id: id, locked: true, points, schema_version: 3, solution: false, task: false };
  return { cell_type: 'code', id, source, metadata: { nbgrader } };
}

/** The assignment: square() to write, then three graded cells worth 2, 4 and 3 points. */
function notebook(solution: string): object {
  const cells: Cell[] = [
    {
      cell_type: 'code',
      id: 'square',
      source: `function square(x: number): number {\n  // BEGIN SOLUTION\n  ${solution}\n  // END SOLUTION\n}`,
      metadata: {
        nbgrader: { grade: false, grade_id: 'square', locked: false, schema_version: 3, solution: true, task: false },
      },
    },
    gradeCell('positive', 2, "if (square(3) !== 9) throw new Error('square(3) should be 9');"),
    // Partial credit: the cell's value (an execute_result) is the score.
    gradeCell(
      'partial',
      4,
      'const checks = [square(2) === 4, square(-1) === 1, square(-2) === 4, square(0) === 0];\n' +
        'checks.filter(Boolean).length',
    ),
    gradeCell('negative', 3, "if (square(-3) !== 9) throw new Error('square(-3) should be 9');"),
  ];
  return replearnNotebook(
    cells.map((c) => ({ ...c, ...(c.cell_type === 'code' ? { outputs: [], execution_count: null } : {}) })),
  );
}

const CONFIG = `c = get_config()
c.CourseDirectory.course_id = "replearn"
c.CourseDirectory.db_assignments = [dict(name="ps1")]
c.CourseDirectory.db_students = [dict(id="alice")]
c.ClearSolutions.code_stub = {"typescript": "// YOUR CODE HERE\\nthrow new Error('not implemented');"}
c.ExecutePreprocessor.timeout = 240
`;

const SCORES = `import json
from nbgrader.api import Gradebook
with Gradebook("sqlite:///gradebook.db") as gb:
    nb = gb.find_submission_notebook("squares", "ps1", "alice")
    print(json.dumps({"total": nb.score, "max": nb.max_score, "cells": {g.name: g.score for g in nb.grades}}))
`;

function hasNbgrader(): boolean {
  try {
    execFileSync(PYTHON, ['-c', 'import nbgrader'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('nbgrader autogrades a TypeScript notebook under the replearn kernel', function () {
  if (process.env.REPLEARN_NBGRADER !== '1' || !fs.existsSync(PYTHON)) {
    it.skip('skipped: set REPLEARN_NBGRADER=1 (needs .venv; installs nbgrader into it)');
    return;
  }
  this.timeout(15 * 60_000);
  let course: string;
  let scores: { total: number; max: number; cells: Record<string, number> };

  before(function () {
    if (!hasNbgrader()) {
      execFileSync(PYTHON, ['-m', 'pip', 'install', '-q', '--disable-pip-version-check', '-r', REQUIREMENTS], {
        stdio: 'inherit',
      });
    }
    course = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nbgrader-'));
    fs.writeFileSync(path.join(course, 'nbgrader_config.py'), CONFIG);
    const source = path.join(course, 'source', 'ps1');
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(path.join(source, 'squares.ipynb'), JSON.stringify(notebook('return x * x;'), null, 1));
    // alice's answer keeps the sign: right for positives and zero only.
    const submitted = path.join(course, 'submitted', 'alice', 'ps1');
    fs.mkdirSync(submitted, { recursive: true });
    fs.writeFileSync(
      path.join(submitted, 'squares.ipynb'),
      JSON.stringify(notebook('return x * Math.abs(x);'), null, 1),
    );
    // nbgrader runs the venv's `alembic` for its database: the venv's bin goes first on PATH.
    const env = {
      ...process.env,
      JUPYTER_PATH: path.join(ROOT, 'jupyter'),
      PATH: `${path.dirname(PYTHON)}${path.delimiter}${process.env.PATH ?? ''}`,
    };
    const nbgrader = (...args: string[]): void => {
      execFileSync(PYTHON, ['-m', 'nbgrader', ...args], { cwd: course, env, stdio: ['ignore', 'ignore', 'pipe'] });
    };
    nbgrader('generate_assignment', 'ps1', '--force');
    nbgrader('autograde', 'ps1', '--force');
    const out = execFileSync(PYTHON, ['-c', SCORES], { cwd: course, env, encoding: 'utf8' });
    scores = JSON.parse(out.trim().split('\n').pop() ?? '{}') as typeof scores;
  });
  after(() => {
    if (course) fs.rmSync(course, { recursive: true, force: true });
  });

  it('full points for the passing cell, the execute_result as partial credit, none for the error', () => {
    assert.deepStrictEqual(scores.cells, { positive: 2, partial: 2, negative: 0 });
    assert.deepStrictEqual([scores.total, scores.max], [4, 9]);
  });
});
