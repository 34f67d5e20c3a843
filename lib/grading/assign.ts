// `replearn assign`: checks each instructor notebook (markers, tests that compile), proves it passes
// its own tests on a graded kernel, and only then writes DIR/student/<name> and DIR/autograder/<name>.
import * as path from 'path';
import * as ts from 'typescript';
import { cellSource, readNotebook, writeNotebook } from '../jupyter/runner';
import { autograderVersion, studentVersion } from './assign-transform';
import { Assignment, assignmentFromNotebook } from './plan';
import { inPool } from '../pool';
import { runReference } from './reference';
import { requireSandbox, SandboxOptions } from './sandbox';
import { Reference } from './verdict';

/** How to assign. */
export interface AssignOptions {
  outDir: string;
  jobs: number;
  cellTimeoutMs: number;
  sandbox: SandboxOptions;
  log?: (line: string) => void;
}

/** One notebook assigned. */
export interface AssignedNotebook {
  source: string;
  student: string;
  autograder: string;
  exercises: { id: string; points: number; tests: number; hidden: number }[];
  verifyMs: number;
  /** The verification run's expected values (grading on this machine may reuse them). */
  reference: Reference;
}

/** A source notebook that cannot be assigned (nothing was written). */
export class AssignError extends Error {
  override name = 'AssignError';
}

/** Assigns `sources`; throws AssignError listing every problem before anything is written. */
export async function assignNotebooks(sources: string[], opts: AssignOptions): Promise<AssignedNotebook[]> {
  const log = opts.log ?? (() => undefined);
  const problems: string[] = [];
  const assignments: Assignment[] = [];
  for (const file of sources) {
    try {
      const a = assignmentFromNotebook(readNotebook(file), file);
      problems.push(...studentSyntaxProblems(a));
      assignments.push(a);
    } catch (e) {
      problems.push((e as Error).message);
    }
  }
  const names = new Map<string, string>();
  for (const a of assignments) {
    if (names.has(a.name)) problems.push(`${a.file} and ${names.get(a.name)} have the same file name`);
    names.set(a.name, a.file);
  }
  if (problems.length > 0) throw new AssignError(problems.join('\n'));
  requireSandbox(opts.sandbox);

  const references = await inPool(assignments, opts.jobs, async (a) => {
    log(`verify ${a.file}`);
    try {
      return await runReference(a, { sandbox: opts.sandbox, cellTimeoutMs: opts.cellTimeoutMs });
    } catch (e) {
      problems.push((e as Error).message);
      return null;
    }
  });
  if (problems.length > 0) throw new AssignError(problems.join('\n'));

  return assignments.map((a, i) => {
    const ref = references[i]!;
    const student = path.join(opts.outDir, 'student', a.name);
    const autograder = path.join(opts.outDir, 'autograder', a.name);
    writeNotebook(studentVersion(a.notebook, a.exercises), student);
    writeNotebook(autograderVersion(a.notebook), autograder);
    const exercises = [...ref.exercises.values()].map((e) => ({
      id: e.id,
      points: e.max,
      tests: e.tests.length,
      hidden: e.tests.filter((t) => t.hidden).length,
    }));
    log(`wrote ${student} and ${autograder}`);
    return { source: a.file, student, autograder, exercises, verifyMs: ref.durationMs, reference: ref };
  });
}

/** Syntax errors in the student version's answer cells (markers that split a construct). */
function studentSyntaxProblems(a: Assignment): string[] {
  const student = studentVersion(a.notebook, a.exercises);
  const problems: string[] = [];
  for (const ex of a.exercises) {
    const out = ts.transpileModule(cellSource(student.cells[ex.answerCell]), {
      reportDiagnostics: true,
      compilerOptions: {
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleDetection: ts.ModuleDetectionKind.Force,
      },
    });
    const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
    if (errors.length > 0) {
      problems.push(
        `${a.file}, exercise ${ex.id}: the student version of the answer cell does not parse (${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}); put the solution markers around whole statements`,
      );
    }
  }
  return problems;
}
