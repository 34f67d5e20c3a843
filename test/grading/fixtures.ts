// Small synthetic exercise notebooks for the grading tests (fast: no tfjs), and helpers to write
// adversarial variants of them into a temporary folder.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeCell, markdownCell, Notebook, NotebookCell, replearnNotebook } from '../../lib/jupyter/runner';

/** A code cell with a stable id. */
export const code = (id: string, source: string): NotebookCell => codeCell(source, id);

/** A markdown cell. */
export const markdown = (id: string, source: string): NotebookCell => markdownCell(source, id);

/** A notebook on the replearn kernel. */
export const notebook = replearnNotebook;

/** The answers of the synthetic exercises, correct. */
export const SOLUTIONS = {
  norm: 'return Math.sqrt(v.reduce((s, x) => s + x * x, 0));',
  double: 'return xs.map((x) => 2 * x);',
  safediv: "if (b === 0) throw new Error('division by zero');\n  return a / b;",
};

/** Answer cells with `body` as each function's body (the solution markers around it when `marked`). */
export function answerCells(
  bodies: { norm: string; double: string; safediv: string },
  marked: boolean,
): NotebookCell[] {
  const wrap = (body: string): string => (marked ? `  // BEGIN SOLUTION\n  ${body}\n  // END SOLUTION` : `  ${body}`);
  return [
    code('ans-norm', `// EXERCISE norm (3 points)\nfunction norm(v: number[]): number {\n${wrap(bodies.norm)}\n}`),
    code(
      'ans-double',
      `// EXERCISE double (2 points)\nfunction double(xs: number[]): number[] {\n${wrap(bodies.double)}\n}`,
    ),
    code(
      'ans-safediv',
      `// EXERCISE safediv (2 points)\nfunction safeDiv(a: number, b: number): number {\n${wrap(bodies.safediv)}\n}`,
    ),
  ];
}

/** The instructor's tests cells, hidden tests included. */
export const TESTS = {
  norm: `// TESTS norm
await exercises.test('norm of [3, 4]', 1, () => {
  exercises.closeTo(norm([3, 4]), 5, 1e-9);
});
// BEGIN HIDDEN TESTS
await exercises.test('norm of [1, 2, 2]', 1, () => {
  exercises.closeTo(norm([1, 2, 2]), 3, 1e-9);
});
await exercises.test('norm of negative entries', 1, () => {
  exercises.isTrue(Math.abs(norm([-6, -8]) - 10) < 1e-9, 'norm([-6, -8]) should be 10');
});
// END HIDDEN TESTS`,
  double: `// TESTS double
await exercises.test('double([1, 2])', 1, () => {
  exercises.equals(double([1, 2]), [2, 4]);
});
// BEGIN HIDDEN TESTS
await exercises.test('double of mixed signs', 1, () => {
  const out = double([0.5, -1, 3]);
  exercises.equals(out.length, 3);
  exercises.closeTo(out, [1, -2, 6], 1e-12);
});
// END HIDDEN TESTS`,
  safediv: `// TESTS safediv
await exercises.test('6 / 3', 1, () => {
  exercises.closeTo(safeDiv(6, 3), 2);
});
// BEGIN HIDDEN TESTS
await exercises.test('division by zero throws', 1, () => {
  exercises.throws(() => safeDiv(1, 0), /division by zero/);
});
// END HIDDEN TESTS`,
};

/** The first cell: the assertion API without loading tfjs (the lessons import it from 'replearn'). */
export const IMPORT_CELL = code('setup', "import * as exercises from 'replearn/dist/lib/exercises';");

/** The three answer cells (norm, double, safediv), each followed by its tests cell. */
export function withTests([norm, double, safediv]: NotebookCell[]): NotebookCell[] {
  return [
    norm,
    code('tests-norm', TESTS.norm),
    double,
    code('tests-double', TESTS.double),
    safediv,
    code('tests-safediv', TESTS.safediv),
  ];
}

/** The instructor's source notebook of the synthetic assignment. */
export function sourceNotebook(): Notebook {
  return notebook([
    markdown('intro', '# Synthetic exercises'),
    IMPORT_CELL,
    ...withTests(answerCells(SOLUTIONS, true)),
  ]);
}

/** A fresh temporary folder (removed by the caller). */
export function tempDir(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Writes `nb` (or raw text) to `dir/name`, creating folders; returns the path. */
export function writeFile(dir: string, name: string, nb: Notebook | string): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof nb === 'string' ? nb : JSON.stringify(nb, null, 1));
  return file;
}
