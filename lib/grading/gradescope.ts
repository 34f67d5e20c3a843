// Gradescope's side of grading: inside its container, `run_autograder` calls `replearn gradescope run`,
// which grades the student's notebooks like `replearn grade` and writes results.json in Gradescope's
// format (one Gradescope test per notebook test; hidden tests visible once the grades are published).
// results.json is written whatever happens: without it the student sees only "autograder failed".
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { gradeAgainst, loadAssignments, matchSubmissions, expandSubmissions, runReferences } from './grade';
import { SubmissionResult } from './gradebook';
import { Assignment } from './plan';
import { SandboxOptions } from './sandbox';
import { ExerciseResult, Reference, ungradable } from './verdict';

/** Gradescope's test visibility values. */
export type GradescopeVisibility = 'hidden' | 'after_due_date' | 'after_published' | 'visible';

/** One test of results.json. */
export interface GradescopeTest {
  name: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: GradescopeVisibility;
  tags: string[];
}

/** results.json as Gradescope reads it (the fields used here). */
export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  stdout_visibility: GradescopeVisibility;
  tests: GradescopeTest[];
}

/** How to run inside Gradescope's container. */
export interface GradescopeRunOptions {
  /** The /autograder tree: source/autograder/*.ipynb in, submission/ in, results/ out. */
  root: string;
  sandbox: SandboxOptions;
  jobs: number;
  log?: (line: string) => void;
}

/** Gradescope tests for graded notebooks: each notebook test is one Gradescope test. */
export function gradescopeResults(results: SubmissionResult[], remarks: string[], seconds: number): GradescopeResults {
  const several = new Set(results.map((r) => r.notebook)).size > 1;
  const tests = results.flatMap((r) =>
    r.exercises.flatMap((e) => exerciseTests(e, several ? `${r.notebook.replace(/\.ipynb$/, '')} · ` : '')),
  );
  const score = round(tests.reduce((s, t) => s + t.score, 0));
  const max = round(tests.reduce((s, t) => s + t.max_score, 0));
  const lines = results.map((r) => `${r.notebook}: ${round(r.points)} / ${round(r.max)} points`);
  for (const r of results) {
    if (r.error) lines.push(`${r.notebook}: ${r.error}`);
    for (const n of r.notes) lines.push(`${r.notebook}: ${n}`);
  }
  return {
    score,
    execution_time: Math.round(seconds),
    output: [`${score} / ${max} points`, ...lines, ...remarks].join('\n'),
    // The grader's log names files and timings of the container; students see results.json only.
    stdout_visibility: 'hidden',
    tests,
  };
}

function exerciseTests(e: ExerciseResult, prefix: string): GradescopeTest[] {
  if (e.tests.length === 0) {
    return [
      {
        name: `${prefix}${e.id}`,
        score: round(e.points),
        max_score: e.max,
        status: e.points >= e.max ? 'passed' : 'failed',
        output: `${e.status}${e.message ? `: ${e.message}` : ''}`,
        visibility: 'visible',
        tags: [e.id],
      },
    ];
  }
  return e.tests.map((t) => ({
    name: `${prefix}${e.id}: ${t.name}`,
    score: round(t.earned),
    max_score: t.points,
    status: t.passed ? 'passed' : 'failed',
    output: t.passed ? '' : (t.message ?? e.message ?? e.status),
    visibility: t.hidden ? 'after_published' : 'visible',
    tags: [e.id],
  }));
}

/**
 * Grades ROOT/submission against ROOT/source/autograder and writes ROOT/results/results.json; returns
 * its contents. A missing notebook scores 0 on its tests; a broken autograder scores 0 with the reason.
 */
export async function runGradescope(opts: GradescopeRunOptions): Promise<GradescopeResults> {
  const started = Date.now();
  const log = opts.log ?? (() => undefined);
  const resultsDir = path.join(opts.root, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-gradescope-'));
  let out: GradescopeResults;
  try {
    out = await gradeForGradescope(opts, work, started, log);
  } catch (e) {
    log(`autograder failure: ${(e as Error).stack ?? String(e)}`);
    out = {
      score: 0,
      execution_time: Math.round((Date.now() - started) / 1000),
      output: `The autograder could not grade this submission (tell your instructor): ${firstLine((e as Error).message)}`,
      stdout_visibility: 'hidden',
      tests: [],
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  fs.writeFileSync(path.join(resultsDir, 'results.json'), JSON.stringify(out, null, 1) + '\n');
  return out;
}

async function gradeForGradescope(
  opts: GradescopeRunOptions,
  work: string,
  started: number,
  log: (line: string) => void,
): Promise<GradescopeResults> {
  const gradeOpts = { outDir: work, jobs: opts.jobs, sandbox: opts.sandbox, log };
  const references = await runReferences(loadAssignments(path.join(opts.root, 'source', 'autograder')), gradeOpts);
  const assignments = [...references.values()].map((r) => r.assignment);
  const submissionDir = path.join(opts.root, 'submission');
  const files = fs.existsSync(submissionDir) ? expandSubmissions([submissionDir]) : [];
  const { chosen, remarks, missing } = chooseSubmissions(files, assignments);
  const graded = chosen.length > 0 ? (await gradeAgainst(references, chosen, gradeOpts)).results : [];
  const notSubmitted = missing.map((m) => notSubmittedResult(references.get(m.a.name)!, m.why));
  const byName = (r: SubmissionResult): number => assignments.findIndex((a) => a.name === r.notebook);
  const all = [...graded, ...notSubmitted].sort((x, y) => byName(x) - byName(y));
  return gradescopeResults(all, remarks, (Date.now() - started) / 1000);
}

/** One file per assignment: the one named like it, or the only notebook when there is one assignment. */
function chooseSubmissions(
  files: string[],
  assignments: Assignment[],
): { chosen: string[]; remarks: string[]; missing: { a: Assignment; why: string }[] } {
  const notebooks = files.filter((f) => f.endsWith('.ipynb'));
  const matched = matchSubmissions(notebooks, assignments);
  const remarks = matched.filter((m) => !m.assignment).map((m) => `ignored: ${m.problem}`);
  const chosen: string[] = [];
  const missing: { a: Assignment; why: string }[] = [];
  for (const a of assignments) {
    const mine = matched.filter((m) => m.assignment === a);
    const exact = mine.filter((m) => path.basename(m.file) === a.name);
    const pick = exact.length === 1 ? exact : mine;
    if (pick.length === 1) chosen.push(pick[0].file);
    else if (pick.length === 0) missing.push({ a, why: `${a.name} was not submitted` });
    else {
      const names = pick.map((m) => path.relative(path.dirname(m.file), m.file)).join(', ');
      missing.push({ a, why: `several notebooks could be ${a.name} (${names}): submit one, named ${a.name}` });
    }
  }
  return { chosen, remarks, missing };
}

function notSubmittedResult(ref: Reference, why: string): SubmissionResult {
  const exercises = ungradable(ref, 'invalid', why);
  return {
    student: 'submission',
    notebook: ref.assignment.name,
    file: '',
    error: why,
    notes: [],
    exercises,
    points: 0,
    max: exercises.reduce((s, e) => s + e.max, 0),
    durationMs: 0,
  };
}

function firstLine(s: string): string {
  return s.split('\n')[0].slice(0, 500);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
