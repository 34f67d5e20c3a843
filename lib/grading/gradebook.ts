// The gradebook: one row per student, notebook and exercise (points, max, status), as CSV for
// spreadsheets and as JSON with every test's outcome for scripts.
import * as fs from 'fs';
import * as path from 'path';
import { ExerciseResult } from './verdict';

/** One graded submission (one student's copy of one assignment notebook). */
export interface SubmissionResult {
  student: string;
  /** The assignment notebook's file name. */
  notebook: string;
  /** The submitted file. */
  file: string;
  /** Why the notebook as a whole could not be graded (invalid JSON, wrong kernel...). */
  error?: string;
  /** Other remarks (unknown exercise ids, rejected record lines, kernel restarts). */
  notes: string[];
  exercises: ExerciseResult[];
  points: number;
  max: number;
  durationMs: number;
}

/** A gradebook row. */
export interface GradebookRow {
  student: string;
  notebook: string;
  exercise: string;
  points: number;
  max: number;
  status: string;
  message: string;
}

/** Rows in submission order, exercises in notebook order. */
export function gradebookRows(results: SubmissionResult[]): GradebookRow[] {
  return results.flatMap((r) =>
    r.exercises.map((e) => ({
      student: r.student,
      notebook: r.notebook,
      exercise: e.id,
      points: round(e.points),
      max: e.max,
      status: e.status,
      message: e.message ?? '',
    })),
  );
}

/** RFC 4180 CSV with a header line. */
export function gradebookCsv(rows: GradebookRow[]): string {
  const columns: (keyof GradebookRow)[] = ['student', 'notebook', 'exercise', 'points', 'max', 'status', 'message'];
  const cell = (v: string | number): string => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [columns.join(','), ...rows.map((row) => columns.map((c) => cell(row[c])).join(','))].join('\n') + '\n';
}

/** Writes gradebook.csv and gradebook.json into `outDir`; returns their paths. */
export function writeGradebook(outDir: string, results: SubmissionResult[]): { csv: string; json: string } {
  fs.mkdirSync(outDir, { recursive: true });
  const csv = path.join(outDir, 'gradebook.csv');
  const json = path.join(outDir, 'gradebook.json');
  const rows = gradebookRows(results);
  fs.writeFileSync(csv, gradebookCsv(rows));
  const submissions = results.map((r) => ({
    student: r.student,
    notebook: r.notebook,
    file: r.file,
    points: round(r.points),
    max: r.max,
    ...(r.error ? { error: r.error } : {}),
    notes: r.notes,
    exercises: r.exercises,
  }));
  fs.writeFileSync(json, JSON.stringify({ rows, submissions }, null, 1) + '\n');
  return { csv, json };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
