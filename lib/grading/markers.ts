// The authoring format, read from plain comments: an answer cell starts `// EXERCISE <id> (<n> points)`
// and marks its solution between `// BEGIN SOLUTION` and `// END SOLUTION`; a tests cell starts
// `// TESTS <id>` and keeps hidden tests between `// BEGIN HIDDEN TESTS` and `// END HIDDEN TESTS`.
import { cellSource, Notebook, NotebookCell } from '../jupyter/runner';

/** An answer cell's header. */
export interface ExerciseHeader {
  id: string;
  points: number;
}

/** Where one exercise lives in an instructor's notebook. */
export interface ExerciseLayout extends ExerciseHeader {
  answerCell: number;
  testsCell: number;
}

/** A marker pair's lines (0-based, inclusive of both marker lines). */
export interface MarkedRegion {
  begin: number;
  end: number;
}

/** A problem with the markers of an instructor's notebook. */
export class MarkerError extends Error {
  override name = 'MarkerError';
}

const EXERCISE = /^\/\/\s*EXERCISE\s+([A-Za-z0-9_.-]+)\s*\(\s*(\d+(?:\.\d+)?)\s*points?\s*\)\s*$/;
const EXERCISE_LOOSE = /^\/\/\s*EXERCISE\b/;
const TESTS = /^\/\/\s*TESTS\s+([A-Za-z0-9_.-]+)\s*$/;

/** The solution marker pair of answer cells. */
export const SOLUTION_MARKERS = {
  begin: /^\s*\/\/\s*BEGIN SOLUTION\s*$/,
  end: /^\s*\/\/\s*END SOLUTION\s*$/,
  what: 'SOLUTION',
};
/** The hidden-tests marker pair of tests cells. */
export const HIDDEN_MARKERS = {
  begin: /^\s*\/\/\s*BEGIN HIDDEN TESTS\s*$/,
  end: /^\s*\/\/\s*END HIDDEN TESTS\s*$/,
  what: 'HIDDEN TESTS',
};

/** The first non-blank line of `source`, trimmed. */
export function firstLine(source: string): string {
  return (
    source
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

/** The EXERCISE header of a code cell, or null; a malformed header throws. */
export function answerHeader(cell: NotebookCell): ExerciseHeader | null {
  if (cell.cell_type !== 'code') return null;
  const line = firstLine(cellSource(cell));
  const m = EXERCISE.exec(line);
  if (m) return { id: m[1], points: Number(m[2]) };
  if (EXERCISE_LOOSE.test(line))
    throw new MarkerError(`malformed exercise header "${line}" (write: // EXERCISE <id> (<points> points))`);
  return null;
}

/** The exercise id of a TESTS cell, or null. */
export function testsHeader(cell: NotebookCell): string | null {
  if (cell.cell_type !== 'code') return null;
  return TESTS.exec(firstLine(cellSource(cell)))?.[1] ?? null;
}

/** The marker pairs of one kind in `source`; unbalanced or nested markers throw. */
export function markedRegions(source: string, markers: { begin: RegExp; end: RegExp; what: string }): MarkedRegion[] {
  const regions: MarkedRegion[] = [];
  let open = -1;
  source.split('\n').forEach((line, i) => {
    if (markers.begin.test(line)) {
      if (open >= 0)
        throw new MarkerError(`BEGIN ${markers.what} on line ${i + 1} inside another one (opened on line ${open + 1})`);
      open = i;
    } else if (markers.end.test(line)) {
      if (open < 0) throw new MarkerError(`END ${markers.what} on line ${i + 1} without a BEGIN`);
      regions.push({ begin: open, end: i });
      open = -1;
    }
  });
  if (open >= 0) throw new MarkerError(`BEGIN ${markers.what} on line ${open + 1} is never closed`);
  return regions;
}

/** Every exercise of an instructor's notebook, checked: unique ids, one tests cell after each answer. */
export function instructorExercises(nb: Notebook, where: string): ExerciseLayout[] {
  const problems: string[] = [];
  const answers = new Map<string, { header: ExerciseHeader; cell: number }>();
  const tests = new Map<string, number>();
  nb.cells.forEach((cell, i) => {
    try {
      const header = answerHeader(cell);
      if (header) {
        if (answers.has(header.id))
          problems.push(
            `exercise ${header.id} has two answer cells (cells ${answers.get(header.id)!.cell + 1} and ${i + 1})`,
          );
        else answers.set(header.id, { header, cell: i });
        if (!(header.points > 0)) problems.push(`exercise ${header.id}: points must be above 0`);
        if (markedRegions(cellSource(cell), SOLUTION_MARKERS).length === 0)
          problems.push(`exercise ${header.id}: the answer cell has no // BEGIN SOLUTION ... // END SOLUTION`);
      }
      const id = testsHeader(cell);
      if (id !== null) {
        if (tests.has(id))
          problems.push(`exercise ${id} has two TESTS cells (cells ${tests.get(id)! + 1} and ${i + 1})`);
        else tests.set(id, i);
        markedRegions(cellSource(cell), HIDDEN_MARKERS);
      }
    } catch (e) {
      problems.push(`cell ${i + 1}: ${(e as Error).message}`);
    }
  });
  const layouts: ExerciseLayout[] = [];
  for (const [id, { header, cell }] of answers) {
    const testsCell = tests.get(id);
    if (testsCell === undefined) problems.push(`exercise ${id} has no "// TESTS ${id}" cell`);
    else if (testsCell < cell)
      problems.push(
        `the TESTS cell of exercise ${id} (cell ${testsCell + 1}) comes before its answer cell (cell ${cell + 1})`,
      );
    else layouts.push({ ...header, answerCell: cell, testsCell });
  }
  for (const [id, cell] of tests)
    if (!answers.has(id))
      problems.push(`cell ${cell + 1} tests exercise ${id}, which has no "// EXERCISE ${id} (N points)" cell`);
  if (problems.length > 0) throw new MarkerError(`${where}:\n  ${problems.join('\n  ')}`);
  return layouts.sort((a, b) => a.answerCell - b.answerCell);
}
