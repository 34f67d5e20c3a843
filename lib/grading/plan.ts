// What a graded kernel runs. The reference plan is the autograder notebook itself; a submission's plan
// is the student's notebook with every tests cell dropped and the instructor's put back by exercise id
// (where the student's tests cell was, else right after the answer cell), so editing or deleting a
// tests cell gains nothing. Answer cells are found by their header, else by their cell id.
import * as path from 'path';
import { cellSource, Notebook, NotebookCell, readNotebook } from '../jupyter/runner';
import { TestsMessage } from '../exercises/recorder';
import { answerHeader, ExerciseLayout, instructorExercises, MarkerError, testsHeader } from './markers';
import { PlannedCell, RUN_TESTS_CELL } from './session';
import { compileTests, rewriteTestsCell, TestSite } from './test-rewrite';

/** One exercise's tests, compiled both ways. */
export interface ExerciseTests {
  reference: TestsMessage;
  submission: TestsMessage;
  sites: TestSite[];
}

/** An autograder notebook, parsed and checked. */
export interface Assignment {
  file: string;
  /** The notebook's file name (how submissions are matched to it). */
  name: string;
  notebook: Notebook;
  exercises: ExerciseLayout[];
  tests: Map<string, ExerciseTests>;
  /** The notebook uses tfjs (graded kernels then load it first and lock tf.Tensor.prototype). */
  usesTensors: boolean;
}

/** Exercises a submission cannot be graded on, with why. */
export interface Unavailable {
  status: 'missing' | 'invalid';
  message: string;
}

/** A submission's plan. */
export interface SubmissionPlan {
  cells: PlannedCell[];
  unavailable: Map<string, Unavailable>;
  notes: string[];
}

/** Reads an instructor's (source or autograder) notebook and compiles its tests. */
export function loadAssignment(file: string): Assignment {
  return assignmentFromNotebook(readNotebook(file), file);
}

/** As loadAssignment, for a notebook already in memory. */
export function assignmentFromNotebook(notebook: Notebook, file: string): Assignment {
  const exercises = instructorExercises(notebook, file);
  const tests = new Map<string, ExerciseTests>();
  for (const ex of exercises) {
    const source = cellSource(notebook.cells[ex.testsCell]);
    const where = `${file}, TESTS ${ex.id}`;
    const reference = rewriteTestsCell(source, 'reference');
    const submission = rewriteTestsCell(source, 'submission');
    if (reference.problems.length > 0) throw new MarkerError(`${where}: ${reference.problems.join('; ')}`);
    if (reference.tests.length === 0) throw new MarkerError(`${where}: no exercises.test(...) call`);
    const literalPoints = reference.tests.map((t) => t.points);
    if (literalPoints.every((p): p is number => p !== null)) {
      const sum = literalPoints.reduce((a, b) => a + b, 0);
      if (Math.abs(sum - ex.points) > 1e-9)
        throw new MarkerError(`${where}: the tests are worth ${sum} points but the exercise header says ${ex.points}`);
    }
    tests.set(ex.id, {
      reference: { type: 'tests', ex: ex.id, code: compileTests(reference.code, where) },
      submission: { type: 'tests', ex: ex.id, code: compileTests(submission.code, where) },
      sites: reference.tests,
    });
  }
  const usesTensors = notebook.cells.some((c) => c.cell_type === 'code' && /@tensorflow|\btf\b/.test(cellSource(c)));
  return { file, name: path.basename(file), notebook, exercises, tests, usesTensors };
}

/** The autograder notebook as its own submission: the run that yields the expected values. */
export function referencePlan(a: Assignment): PlannedCell[] {
  const answers = new Map(a.exercises.map((e) => [e.answerCell, e.id]));
  const testsCells = new Map(a.exercises.map((e) => [e.testsCell, e.id]));
  const plan: PlannedCell[] = [];
  a.notebook.cells.forEach((cell, i) => {
    if (!isRunnable(cell)) return;
    const label = `cell ${i + 1}`;
    const testsOf = testsCells.get(i);
    if (testsOf !== undefined)
      plan.push({
        role: 'tests',
        exercise: testsOf,
        code: RUN_TESTS_CELL,
        tests: a.tests.get(testsOf)!.reference,
        label,
      });
    else
      plan.push({
        role: answers.has(i) ? 'answer' : 'other',
        exercise: answers.get(i),
        code: cellSource(cell),
        label,
        allowError: raisesException(cell),
      });
  });
  return plan;
}

/** The plan for a student's notebook. */
export function submissionPlan(a: Assignment, nb: Notebook): SubmissionPlan {
  const notes: string[] = [];
  const known = new Map(a.exercises.map((e) => [e.id, e]));
  const answerIds = new Map(a.exercises.map((e) => [a.notebook.cells[e.answerCell].id, e.id]));
  const testsIds = new Set(a.exercises.map((e) => a.notebook.cells[e.testsCell].id).filter((id) => id !== undefined));
  const answersOf = new Map<string, number[]>();
  const studentTests = new Map<string, number[]>();
  const dropped = new Set<number>();
  const withHeader = new Set<number>();

  nb.cells.forEach((cell, i) => {
    if (cell.cell_type !== 'code') return;
    let header: ReturnType<typeof answerHeader> = null;
    try {
      header = answerHeader(cell);
    } catch (e) {
      notes.push(`cell ${i + 1}: ${(e as Error).message}`);
    }
    const testsId = testsHeader(cell);
    if (testsId !== null || (cell.id !== undefined && testsIds.has(cell.id))) {
      dropped.add(i);
      if (testsId !== null) studentTests.set(testsId, [...(studentTests.get(testsId) ?? []), i]);
      return;
    }
    if (header) {
      withHeader.add(i);
      if (!known.has(header.id)) notes.push(`cell ${i + 1}: exercise ${header.id} is not part of ${a.name}`);
      else answersOf.set(header.id, [...(answersOf.get(header.id) ?? []), i]);
    }
  });
  // An answer cell whose header the student deleted is still found by its cell id.
  nb.cells.forEach((cell, i) => {
    const id = cell.id !== undefined ? answerIds.get(cell.id) : undefined;
    if (id === undefined || answersOf.has(id) || dropped.has(i) || withHeader.has(i) || cell.cell_type !== 'code')
      return;
    answersOf.set(id, [i]);
  });

  const unavailable = new Map<string, Unavailable>();
  const answerCell = new Map<number, string>();
  const testsAt = new Map<number, string[]>();
  const testsAfter = new Map<number, string[]>();
  for (const ex of a.exercises) {
    const cells = answersOf.get(ex.id) ?? [];
    if (cells.length === 0) {
      unavailable.set(ex.id, {
        status: 'missing',
        message: `no answer cell for exercise ${ex.id} (its first line should be "// EXERCISE ${ex.id} (${ex.points} points)")`,
      });
      continue;
    }
    if (cells.length > 1) {
      unavailable.set(ex.id, {
        status: 'invalid',
        message: `exercise ${ex.id} appears in ${cells.length} answer cells (cells ${cells.map((c) => c + 1).join(', ')}); keep exactly one`,
      });
      continue;
    }
    answerCell.set(cells[0], ex.id);
    const own = (studentTests.get(ex.id) ?? []).find((c) => c > cells[0]);
    const target = own !== undefined ? testsAt : testsAfter;
    const at = own ?? cells[0];
    target.set(at, [...(target.get(at) ?? []), ex.id]);
  }

  const cells: PlannedCell[] = [];
  const pushTests = (ids: string[] | undefined, label: string): void => {
    for (const id of ids ?? [])
      cells.push({
        role: 'tests',
        exercise: id,
        code: RUN_TESTS_CELL,
        tests: a.tests.get(id)!.submission,
        label: `the tests of exercise ${id} (${label})`,
      });
  };
  nb.cells.forEach((cell, i) => {
    const label = `cell ${i + 1}`;
    if (dropped.has(i)) return pushTests(testsAt.get(i), label);
    if (isRunnable(cell)) {
      const ex = answerCell.get(i);
      cells.push({
        role: ex ? 'answer' : 'other',
        exercise: ex,
        code: cellSource(cell),
        label: ex ? `the answer cell of exercise ${ex} (${label})` : label,
      });
    }
    pushTests(testsAfter.get(i), `after ${label}`);
  });
  return { cells, unavailable, notes };
}

function raisesException(cell: NotebookCell): boolean {
  const tags = cell.metadata.tags;
  return Array.isArray(tags) && tags.includes('raises-exception');
}

function isRunnable(cell: NotebookCell): boolean {
  return cell.cell_type === 'code' && cellSource(cell).trim() !== '';
}
