import * as tf from '@tensorflow/tfjs';
import pl from 'nodejs-polars';
import { lessonBudgetName, LessonBudgetName } from '../lesson-budget';
import { displayBundle } from './display';
import { tableHtml } from './table';

/** The MIME type under which {@link showResults} puts its rows as JSON, beside the HTML and text tables. */
export const RESULTS_MIME = 'application/vnd.replearn.results+json';

/** One row of a lesson's "published vs ours" table. */
export interface ResultRow {
  /** Stable name for tools and tests (e.g. 'simple-ae-test-bce'); rows without one are shown, never checked. */
  key?: string;
  /** What is measured. */
  result: string;
  /** Where the published number comes from. */
  source: string;
  /** The published number ('—' when there is none); a number is shown with `format`. */
  published: number | string;
  /** Our number, as measured in this run; text only where the result is not one number. */
  ours: number | string;
  /** How ours differs from the source's set-up (data, epochs, model size). */
  setup: string;
  /** How numbers are shown: 'percent' (0.972 → 97.2%) or a count of decimals (default: 4 significant digits). */
  format?: 'percent' | number;
}

/** A row as the JSON output carries it: `ours` and `published` as given, plus the text shown for them. */
export interface ResultRecord {
  key?: string;
  result: string;
  source: string;
  published: number | string;
  publishedText: string;
  ours: number | string;
  oursText: string;
  setup: string;
}

/** The JSON output of one results table: its rows and the conditions they were measured under. */
export interface LessonResults {
  budget: LessonBudgetName;
  /** tf.getBackend() when the table was shown: 'tensorflow' (tfjs-node), 'wasm', 'cpu', or 'none'. */
  backend: string;
  rows: ResultRecord[];
}

/** A number or text as the table shows it. */
export function formatResult(value: number | string, format?: 'percent' | number): string {
  if (typeof value === 'string') return value;
  if (!Number.isFinite(value)) return String(value);
  if (format === 'percent') return `${(100 * value).toFixed(1)}%`;
  if (typeof format === 'number') return value.toFixed(format);
  return Number.isInteger(value) ? String(value) : Number(value.toPrecision(4)).toString();
}

/** The JSON payload of a results table (what {@link showResults} emits under {@link RESULTS_MIME}). */
export function lessonResults(rows: ResultRow[], env: NodeJS.ProcessEnv = process.env): LessonResults {
  const keys = new Set<string>();
  for (const r of rows) {
    if (r.key === undefined) continue;
    if (keys.has(r.key)) throw new Error(`two result rows have the key "${r.key}"`);
    keys.add(r.key);
  }
  return {
    budget: lessonBudgetName(env),
    // Unset until a backend has run something (tfjs initialises one lazily).
    backend: tf.getBackend() ?? 'none',
    rows: rows.map((r) => ({
      ...(r.key === undefined ? {} : { key: r.key }),
      result: r.result,
      source: r.source,
      published: r.published,
      publishedText: formatResult(r.published, r.format),
      ours: r.ours,
      oursText: formatResult(r.ours, r.format),
      setup: r.setup,
    })),
  };
}

/** Show a "published vs ours" table as HTML and text, with its rows as JSON ({@link RESULTS_MIME}) in the same output. */
export function showResults(rows: ResultRow[]): void {
  const results = lessonResults(rows);
  const df = pl.DataFrame({
    result: results.rows.map((r) => r.result),
    published: results.rows.map((r) => r.publishedText),
    ours: results.rows.map((r) => r.oursText),
    'our set-up': results.rows.map((r) => r.setup),
    source: results.rows.map((r) => r.source),
  });
  const maxRows = Math.max(20, rows.length);
  displayBundle({
    'text/html': tableHtml(df, { maxRows }),
    'text/plain': df.toString(),
    [RESULTS_MIME]: results,
  });
}

/** The shape of a notebook as far as reading results needs it (nbformat 4). */
interface NotebookOutputs {
  cells: { outputs?: object[] }[];
}

function isResults(value: unknown): value is LessonResults {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<LessonResults>;
  return typeof v.budget === 'string' && typeof v.backend === 'string' && Array.isArray(v.rows);
}

/** Every results table in an executed notebook (parsed nbformat JSON), in cell order. */
export function resultsInNotebook(notebook: NotebookOutputs): LessonResults[] {
  const found: LessonResults[] = [];
  for (const cell of notebook.cells)
    for (const output of cell.outputs ?? []) {
      const payload = (output as { data?: Record<string, unknown> }).data?.[RESULTS_MIME];
      if (payload === undefined) continue;
      if (!isResults(payload)) throw new Error(`a ${RESULTS_MIME} output is not a results table`);
      found.push(payload);
    }
  return found;
}
