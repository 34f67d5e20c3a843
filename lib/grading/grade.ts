// `replearn grade`: the reference run of each autograder notebook, then every submission on its own
// kernel (up to `jobs` at once), judged against the reference in this process. A submission that is
// not a notebook, uses another kernel, or breaks its kernel costs only its own row: the batch goes on.
import * as fs from 'fs';
import * as path from 'path';
import { NotebookFormatError, parseNotebook } from '../jupyter/runner';
import { writeFeedback } from './feedback';
import { SubmissionResult, writeGradebook } from './gradebook';
import { Assignment, loadAssignment, submissionPlan } from './plan';
import { inPool } from '../pool';
import { readSubmission } from './submission-file';
import { runReference } from './reference';
import { requireSandbox, SandboxOptions } from './sandbox';
import { inShard, Shard, submissionKey, writeShardHeader } from './shard';
import { PlannedCell, runSession, SessionResult } from './session';
import { judgeSubmission, Reference, ungradable } from './verdict';

/** How to grade. */
export interface GradeOptions {
  outDir: string;
  jobs: number;
  /** Per-cell limit; default: 5 × the slowest reference cell, at least 60 s. */
  cellTimeoutMs?: number;
  /** Per-submission limit; default: 4 × the reference run, at least 120 s. */
  submissionTimeoutMs?: number;
  sandbox: SandboxOptions;
  /** Grade only this slice and write a partial gradebook (with DIR/shard.json). */
  shard?: Shard;
  log?: (line: string) => void;
}

/** What grading produced. */
export interface GradeReport {
  results: SubmissionResult[];
  gradebook: { csv: string; json: string };
  feedback: string[];
  durationMs: number;
}

/** A submitted file and whose it is. */
export interface SubmissionFile {
  file: string;
  student: string;
  assignment: Assignment | null;
  /** Why no assignment matches. */
  problem?: string;
}

const REFERENCE_CELL_LIMIT_MS = 600_000;

/** Grades `submissions` (files or folders of .ipynb) against the notebooks of `autograderDir`. */
export async function gradeSubmissions(
  autograderDir: string,
  submissions: string[],
  opts: GradeOptions,
): Promise<GradeReport> {
  const started = Date.now();
  requireSandbox(opts.sandbox);
  const references = await runReferences(loadAssignments(autograderDir), opts);
  const report = await gradeAgainst(references, submissions, opts);
  return { ...report, durationMs: Date.now() - started };
}

/** The reference run of each assignment (in parallel up to `jobs`), by notebook name. */
export async function runReferences(assignments: Assignment[], opts: GradeOptions): Promise<Map<string, Reference>> {
  const log = opts.log ?? (() => undefined);
  log(`reference run of ${assignments.map((a) => a.name).join(', ')}`);
  const references = new Map<string, Reference>();
  await inPool(assignments, opts.jobs, async (a) => {
    const ref = await runReference(a, {
      sandbox: opts.sandbox,
      cellTimeoutMs: opts.cellTimeoutMs ?? REFERENCE_CELL_LIMIT_MS,
    });
    references.set(a.name, ref);
    log(`reference ${a.name}: ${ref.exercises.size} exercises in ${seconds(ref.durationMs)}`);
  });
  return references;
}

/** Grades `submissions` against references already run; writes the gradebook and feedback. */
export async function gradeAgainst(
  references: Map<string, Reference>,
  submissions: string[],
  opts: GradeOptions,
): Promise<GradeReport> {
  const started = Date.now();
  requireSandbox(opts.sandbox);
  const log = opts.log ?? (() => undefined);
  const assignments = [...references.values()].map((r) => r.assignment);
  const all = matchSubmissions(expandSubmissions(submissions), assignments);
  const files = opts.shard ? inShard(all, opts.shard, shardKey) : all;
  if (opts.shard) log(`shard ${opts.shard.index}/${opts.shard.count}: ${files.length} of ${all.length} submissions`);
  const results = await inPool(files, opts.jobs, async (s) => {
    const result = await gradeOne(s, references, opts);
    log(
      `graded ${s.file}: ${fmt(result.points)}/${fmt(result.max)}${result.error ? ` (${result.error})` : ''} in ${seconds(result.durationMs)}`,
    );
    return result;
  });
  const gradebook = writeGradebook(opts.outDir, results);
  if (opts.shard) writeShardHeader(opts.outDir, { shard: opts.shard, submissions: all.map(shardKey) });
  const feedback = results.map((r) => writeFeedback(opts.outDir, r));
  return { results, gradebook, feedback, durationMs: Date.now() - started };
}

/** The notebooks of an autograder folder (or one notebook file), parsed and compiled. */
export function loadAssignments(autograderDir: string): Assignment[] {
  const stat = fs.statSync(autograderDir);
  const files = stat.isDirectory()
    ? fs
        .readdirSync(autograderDir)
        .filter((f) => f.endsWith('.ipynb'))
        .sort()
        .map((f) => path.join(autograderDir, f))
    : [autograderDir];
  if (files.length === 0) throw new Error(`${autograderDir} holds no .ipynb notebook`);
  return files.map(loadAssignment);
}

/** Files as given, folders searched (recursively) for .ipynb, checkpoints skipped. */
export function expandSubmissions(inputs: string[]): string[] {
  const out: string[] = [];
  // Inside the folders, lstat: a link is listed as itself (and refused when read), never followed.
  // The paths the instructor names are taken as given.
  const walk = (p: string, named = false): void => {
    const stat = (named ? fs.statSync : fs.lstatSync)(p, { throwIfNoEntry: false });
    if (!stat) {
      out.push(p);
      return;
    }
    if (!stat.isDirectory()) {
      out.push(p);
      return;
    }
    for (const entry of fs.readdirSync(p).sort()) {
      if (entry === '.ipynb_checkpoints' || entry.startsWith('.')) continue;
      const child = path.join(p, entry);
      if (fs.lstatSync(child).isDirectory() || entry.endsWith('.ipynb')) walk(child);
    }
  };
  for (const input of inputs) walk(input, true);
  return out;
}

/**
 * Which assignment each file answers and whose it is: a file named like an assignment notebook belongs
 * to the student its folder is named after (alice/03-x.ipynb); with a single assignment, any other
 * file name is the student's name (alice.ipynb).
 */
export function matchSubmissions(files: string[], assignments: Assignment[]): SubmissionFile[] {
  return files.map((file) => {
    const base = path.basename(file);
    const byName = assignments.find((a) => a.name === base);
    if (byName) return { file, student: path.basename(path.dirname(path.resolve(file))), assignment: byName };
    const student = base.replace(/\.ipynb$/, '');
    if (assignments.length === 1) return { file, student, assignment: assignments[0] };
    return {
      file,
      student,
      assignment: null,
      problem: `${base} matches none of the assignment notebooks (${assignments.map((a) => a.name).join(', ')})`,
    };
  });
}

/** The key `--shard` and `gradebook merge` use: student and notebook, as the gradebook names them. */
export function shardKey(s: SubmissionFile): string {
  return submissionKey(s.student, s.assignment?.name ?? path.basename(s.file));
}

async function gradeOne(
  s: SubmissionFile,
  references: Map<string, Reference>,
  opts: GradeOptions,
): Promise<SubmissionResult> {
  const started = Date.now();
  const ref = s.assignment ? references.get(s.assignment.name) : undefined;
  const base = {
    student: s.student,
    notebook: s.assignment?.name ?? path.basename(s.file),
    file: s.file,
    notes: [] as string[],
  };
  const finish = (r: Omit<SubmissionResult, 'points' | 'max' | 'durationMs'>): SubmissionResult => ({
    ...r,
    points: r.exercises.reduce((t, e) => t + e.points, 0),
    max: r.exercises.reduce((t, e) => t + e.max, 0),
    durationMs: Date.now() - started,
  });
  if (!ref || !s.assignment) return finish({ ...base, error: s.problem ?? 'no assignment matches', exercises: [] });
  const read = readSubmission(s.file);
  if (!read.ok) return finish({ ...base, error: read.reason, exercises: ungradable(ref, 'invalid', read.reason) });
  const text = read.text;
  let problem: string | null;
  let plan;
  try {
    const nb = parseNotebook(text, s.file);
    problem = kernelProblem(nb.metadata);
    plan = problem ? null : submissionPlan(s.assignment, nb);
  } catch (e) {
    problem = e instanceof NotebookFormatError ? e.message : `${s.file}: ${(e as Error).message}`;
  }
  if (problem || !plan) {
    const error = problem ?? 'unreadable notebook';
    return finish({ ...base, error, exercises: ungradable(ref, 'invalid', error) });
  }
  const session = await runSession(plan.cells, {
    sandbox: opts.sandbox,
    cellTimeoutMs: opts.cellTimeoutMs ?? Math.max(60_000, 5 * ref.slowestCellMs),
    totalTimeoutMs: opts.submissionTimeoutMs ?? Math.max(120_000, 4 * ref.durationMs),
    tensors: s.assignment.usesTensors,
  });
  const notes = [...plan.notes, ...session.notes, ...cellErrors(plan.cells, session)];
  for (const u of plan.unavailable.values()) notes.push(u.message);
  if (session.restarts > 0) notes.push(`the kernel was restarted ${session.restarts} time(s)`);
  // Neutral on purpose: which lines were genuine is exactly what a rejection cannot tell.
  if (session.rejectedLines > 0)
    notes.push(
      `${session.rejectedLines} record line(s) on the grading channel were rejected (${[...new Set(session.rejectedReasons)].slice(0, 3).join('; ')})`,
    );
  return finish({ ...base, notes, exercises: judgeSubmission(ref, plan, session) });
}

/** One note per cell that failed (shown in the feedback: often the reason an exercise failed). */
function cellErrors(cells: PlannedCell[], session: SessionResult): string[] {
  const notes: string[] = [];
  session.cells.forEach((run, i) => {
    if (run.status !== 'error' || !run.error || notes.length >= 10) return;
    notes.push(`${cells[i].label} failed: ${run.error.ename}: ${run.error.evalue.split('\n')[0].slice(0, 300)}`);
  });
  return notes;
}

/** Why a notebook's metadata names a kernel other than replearn's TypeScript, or null. */
export function kernelProblem(metadata: Record<string, unknown>): string | null {
  const spec = metadata.kernelspec as { name?: unknown } | undefined;
  const lang = metadata.language_info as { name?: unknown } | undefined;
  if (spec && typeof spec.name === 'string' && spec.name !== 'replearn') {
    return `the notebook uses the kernel "${spec.name}"; it must use "replearn" (TypeScript — replearn)`;
  }
  if (lang && typeof lang.name === 'string' && !['typescript', 'javascript'].includes(lang.name.toLowerCase())) {
    return `the notebook is written in ${lang.name}; it must be TypeScript on the "replearn" kernel`;
  }
  return null;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

function fmt(x: number): string {
  return String(Math.round(x * 100) / 100);
}
