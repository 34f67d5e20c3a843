import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../project';
import { showMarkdown } from './markdown';
import type { ResultRecord } from './results-table';

/** One lesson's last full-budget run, as scripts/full-runs.js records it from the executed notebook. */
export interface FullRun {
  /** tf.getBackend() during the run: 'tensorflow' (tfjs-node), 'wasm', 'cpu'. */
  backend: string;
  /** Wall-clock length of the whole lesson. */
  seconds: number;
  /** When the run ended (ISO 8601). */
  finished: string;
  /** The machine and its load during the run: the time means little without it. */
  conditions: string;
  /** The lesson's keyed "published vs ours" rows from that run. */
  rows: ResultRecord[];
}

/** The checked-in record of full runs: lesson file name (without .ipynb) → its last full run. */
export interface FullRuns {
  about?: string[];
  lessons: Record<string, FullRun>;
}

/** Where the generated record lives (written by scripts/full-runs.js, never by hand). */
export function fullRunsFile(): string {
  return path.join(projectRoot(), 'notebooks', 'full-runs.json');
}

/** The recorded full runs (none when the file does not exist yet). */
export function loadFullRuns(file: string = fullRunsFile()): FullRuns {
  if (!fs.existsSync(file)) return { lessons: {} };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as FullRuns;
}

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');

/** Markdown for one lesson's last full run: when, how long, under what load, and its results rows. */
export function fullRunMarkdown(lesson: string, runs: FullRuns = loadFullRuns()): string {
  const run = runs.lessons[lesson];
  if (run === undefined)
    return (
      `No full run of ${lesson} is recorded yet: \`npx replearn run --full notebooks/${lesson}.ipynb\` makes one, ` +
      '`node scripts/full-runs.js` records it (environment.md, "Full runs").'
    );
  const backend = run.backend === 'tensorflow' ? 'tfjs-node' : run.backend;
  const lines = [
    `**Last full run** (\`npx replearn run --full\`, ${run.finished.slice(0, 10)}, ${backend}): ` +
      `${(run.seconds / 60).toFixed(1)} min, ${run.conditions}.`,
    '',
    '| result | published | full run | our set-up |',
    '|---|---|---|---|',
    ...run.rows.map((r) => `| ${[r.result, r.publishedText, r.oursText, r.setup].map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Show a lesson's last recorded full run (notebooks/full-runs.json) as a table, or say that none is recorded. */
export function showFullRuns(lesson: string, file?: string): void {
  showMarkdown(fullRunMarkdown(lesson, loadFullRuns(file)));
}
