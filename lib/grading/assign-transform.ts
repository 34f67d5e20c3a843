// The two notebooks `assign` writes from an instructor's source: the student version (solutions
// replaced by a stub that throws, hidden tests removed) and the autograder version (everything kept).
// Both have their outputs cleared and keep every cell id, which is how `grade` finds cells again.
import { cellSource, Notebook, NotebookCell } from '../jupyter/runner';
import { ExerciseLayout, HIDDEN_MARKERS, markedRegions, SOLUTION_MARKERS } from './markers';

/** The message a stub throws; grading feedback shows it for untouched exercises. */
export function notImplementedMessage(id: string): string {
  return `exercise ${id}: not implemented`;
}

/** The student version of `source`. */
export function studentVersion(source: Notebook, layouts: ExerciseLayout[]): Notebook {
  const nb = withoutOutputs(source);
  for (const ex of layouts) {
    const answer = nb.cells[ex.answerCell];
    answer.source = toLines(
      replaceRegions(cellSource(answer), SOLUTION_MARKERS, (indent) => [
        `${indent}// YOUR CODE HERE`,
        `${indent}throw new Error(${JSON.stringify(notImplementedMessage(ex.id))});`,
      ]),
    );
    const tests = nb.cells[ex.testsCell];
    tests.source = toLines(
      replaceRegions(cellSource(tests), HIDDEN_MARKERS, (indent) => [
        `${indent}// (hidden tests run when your notebook is graded)`,
      ]),
    );
  }
  return nb;
}

/** The autograder version: the source with solutions and hidden tests, outputs cleared. */
export function autograderVersion(source: Notebook): Notebook {
  return withoutOutputs(source);
}

/** `source` with each marked region (markers included) replaced by `replacement(indent of its BEGIN line)`. */
export function replaceRegions(
  source: string,
  markers: typeof SOLUTION_MARKERS,
  replacement: (indent: string) => string[],
): string {
  const lines = source.split('\n');
  const regions = markedRegions(source, markers);
  for (const region of [...regions].reverse()) {
    const indent = /^\s*/.exec(lines[region.begin])?.[0] ?? '';
    lines.splice(region.begin, region.end - region.begin + 1, ...replacement(indent));
  }
  return lines.join('\n');
}

/** A copy of `nb` with every code cell's outputs and execution count cleared. */
export function withoutOutputs(nb: Notebook): Notebook {
  const copy = structuredClone(nb);
  copy.cells = copy.cells.map((cell): NotebookCell =>
    cell.cell_type === 'code' ? { ...cell, outputs: [], execution_count: null } : cell,
  );
  return copy;
}

/** Text as nbformat's list of lines (each but the last keeps its newline). */
export function toLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
