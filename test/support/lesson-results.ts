// Checks the "ours" numbers an executed lesson emitted (showResults' JSON rows) against notebooks/expected-results.json.
// notebooks.test.ts calls it right after running each lesson, so lessons run once; test/lesson-results.test.ts proves
// it fails on a broken lesson and checks notebooks executed elsewhere (REPLEARN_RESULTS_DIR, e.g. full runs).
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { LessonBudgetName } from '../../lib/lesson-budget';
import { LessonResults, resultsInNotebook } from '../../lib/viz/results-table';

/** One headline number's band under one budget. */
export interface Expectation {
  value: number;
  tolerance: number;
  /** tf.getBackend() names the band was measured on ('tensorflow', 'wasm'); others are not checked. */
  backends: string[];
  /** How the band was set (runs, seeds, backends): shown when the number leaves it. */
  set: string;
}

/** Per lesson (file name without .ipynb), per row key, per budget. */
export type ExpectedResults = Record<string, Record<string, Partial<Record<LessonBudgetName, Expectation>>>>;

/** The checked-in expected results (the "lessons" member of notebooks/expected-results.json). */
export function loadExpectedResults(
  file = path.join(projectRoot(), 'notebooks', 'expected-results.json'),
): ExpectedResults {
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { lessons: ExpectedResults }).lessons;
}

/** What a check found: numbers in their bands, failures (each one line), and numbers not checked and why. */
export interface ResultsCheck {
  passed: string[];
  failures: string[];
  skipped: string[];
}

/** Lesson name of a notebook path: '05-autoencoders' for notebooks/05-autoencoders.ipynb. */
export function lessonName(file: string): string {
  return path.basename(file).replace(/\.ipynb$/, '');
}

/**
 * Compares every keyed row of a lesson's results tables with its expectation for the run's budget and backend.
 * An expected key the lesson did not emit is a failure (the lesson and the file have drifted apart); a keyed row
 * with no band yet is skipped and listed.
 */
export function checkLessonResults(
  lesson: string,
  notebook: Parameters<typeof resultsInNotebook>[0],
  expected: ExpectedResults,
): ResultsCheck {
  const check: ResultsCheck = { passed: [], failures: [], skipped: [] };
  const bands = expected[lesson] ?? {};
  const tables: LessonResults[] = resultsInNotebook(notebook);
  if (tables.length === 0) {
    if (Object.keys(bands).length > 0) check.failures.push(`${lesson}: no results table in the executed notebook`);
    return check;
  }
  const { budget, backend } = tables[tables.length - 1];
  const emitted = new Map<string, number | string>();
  for (const table of tables) for (const row of table.rows) if (row.key !== undefined) emitted.set(row.key, row.ours);
  for (const [key, ours] of emitted) {
    const band = bands[key]?.[budget];
    if (!bands[key]) {
      // A new row has no band until runs have measured one; it is listed, not failed.
      check.skipped.push(`${lesson} ${key}: no band in notebooks/expected-results.json yet`);
      continue;
    }
    if (!band) {
      check.skipped.push(`${lesson} ${key}: no band for the ${budget} budget`);
      continue;
    }
    if (!band.backends.includes(backend)) {
      check.skipped.push(`${lesson} ${key}: band set on ${band.backends.join(', ')}, not ${backend}`);
      continue;
    }
    if (typeof ours !== 'number' || !Number.isFinite(ours)) {
      check.failures.push(`${lesson} ${key}: ours is ${JSON.stringify(ours)}, not a number`);
      continue;
    }
    const where = `${lesson} ${key} (${budget}, ${backend})`;
    if (Math.abs(ours - band.value) <= band.tolerance) check.passed.push(`${where}: ${ours}`);
    else check.failures.push(`${where}: ours ${ours} is outside ${band.value} ± ${band.tolerance} (band: ${band.set})`);
  }
  for (const [key, byBudget] of Object.entries(bands)) {
    const band = byBudget[budget];
    if (band && band.backends.includes(backend) && !emitted.has(key))
      check.failures.push(`${lesson} ${key}: expected for the ${budget} budget but not in the lesson's results`);
  }
  return check;
}
