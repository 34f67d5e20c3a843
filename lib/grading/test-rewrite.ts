// Rewrites an instructor's TESTS cell for a graded kernel. Every `exercises.test(...)` and assertion
// call is pointed at `__rl`, the capability the kernel's recorder hands only to this code, with the
// call site's index added; then the cell is compiled to JavaScript here, in the grader. In a
// submission's run the expected values and tolerances are cut out of the calls: they never enter the
// student's kernel, so no patched helper can echo them back. The reference run (the instructor's
// solution) keeps them and records them.
import * as ts from 'typescript';
import { AssertionKind } from '../exercises/record-line';
import { HIDDEN_MARKERS, markedRegions, MarkerError } from './markers';

/** 'reference': the instructor's run, expected values kept; 'submission': expected values removed. */
export type RewriteMode = 'reference' | 'submission';

/** A test() call site of a TESTS cell. */
export interface TestSite {
  index: number;
  /** The name when written as a literal (else known only from the reference run). */
  name: string | null;
  points: number | null;
  hidden: boolean;
  /** 1-based line in the cell. */
  line: number;
}

/** A rewritten TESTS cell. */
export interface RewrittenTests {
  code: string;
  tests: TestSite[];
  assertionSites: number;
  /** Calls the rewrite could not handle (wrong argument count...). */
  problems: string[];
}

const ASSERTIONS: ReadonlySet<string> = new Set<AssertionKind>(['closeTo', 'shapeIs', 'throws', 'isTrue', 'equals']);
/** Assertions whose arguments after the first are expected values (removed in a submission's run). */
const EXPECTATION_ARGS: ReadonlySet<string> = new Set(['closeTo', 'shapeIs', 'throws', 'equals']);

/** The name the compiled test code calls the recorder's capability by. */
const CAPABILITY = '__rl';

interface Edit {
  start: number;
  end: number;
  text: string;
}

/** The rewritten cell, plus what it holds. */
export function rewriteTestsCell(source: string, mode: RewriteMode): RewrittenTests {
  const hidden = markedRegions(source, HIDDEN_MARKERS);
  const file = ts.createSourceFile('tests.ts', source, ts.ScriptTarget.ES2022, true, ts.ScriptKind.TS);
  const edits: Edit[] = [];
  const tests: TestSite[] = [];
  const problems: string[] = [];
  let sites = 0;

  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const name = apiName(node.expression);
      const line = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      if (name === 'test') {
        if (node.arguments.length !== 3) problems.push(`line ${line + 1}: test() takes (name, points, body)`);
        const [nameArg, pointsArg] = node.arguments;
        tests.push({
          index: tests.length,
          name:
            nameArg && (ts.isStringLiteral(nameArg) || ts.isNoSubstitutionTemplateLiteral(nameArg))
              ? nameArg.text
              : null,
          points: pointsArg && ts.isNumericLiteral(pointsArg) ? Number(pointsArg.text) : null,
          hidden: hidden.some((r) => line > r.begin && line < r.end),
          line: line + 1,
        });
        edits.push({ start: node.expression.getStart(file), end: node.expression.end, text: `${CAPABILITY}.test` });
        edits.push({ start: node.arguments.pos, end: node.arguments.pos, text: `${tests.length - 1}, ` });
      } else if (name !== null && ASSERTIONS.has(name)) {
        if (node.arguments.length === 0) problems.push(`line ${line + 1}: ${name}() needs arguments`);
        edits.push({ start: node.expression.getStart(file), end: node.expression.end, text: `${CAPABILITY}.${name}` });
        edits.push({ start: node.arguments.pos, end: node.arguments.pos, text: `${sites++}, ` });
        const args = node.arguments;
        if (mode === 'submission' && EXPECTATION_ARGS.has(name) && args.length > 1) {
          edits.push({ start: args[0].end, end: args[args.length - 1].end, text: '' });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);

  // Calls nested inside removed expected values go with them.
  const removed = edits.filter((e) => e.text === '' && e.end > e.start);
  const kept = edits.filter((e) => !removed.some((r) => r !== e && e.start >= r.start && e.end <= r.end));
  let code = source;
  for (const edit of kept.sort((a, b) => b.start - a.start || b.end - a.end)) {
    code = code.slice(0, edit.start) + edit.text + code.slice(edit.end);
  }
  return { code, tests, assertionSites: sites, problems };
}

/** TypeScript test code as the JavaScript the recorder runs (types stripped, imports as require). */
export function compileTests(code: string, where: string): string {
  const out = ts.transpileModule(code, {
    compilerOptions: {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.CommonJS,
      esModuleInterop: true,
      sourceMap: false,
    },
    reportDiagnostics: true,
  });
  const errors = (out.diagnostics ?? []).filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length > 0) {
    throw new MarkerError(
      `${where}: ${errors.map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' ')).join('; ')}`,
    );
  }
  // The recorder runs it inside `with` (sloppy mode), which a "use strict" prologue would forbid.
  return out.outputText.replace(/^"use strict";\r?\n/, '');
}

/** 'closeTo' for `closeTo(...)`, `exercises.closeTo(...)` or `x.exercises.closeTo(...)`; else null. */
function apiName(callee: ts.Expression): string | null {
  if (ts.isIdentifier(callee)) return callee.text === 'test' || ASSERTIONS.has(callee.text) ? callee.text : null;
  if (!ts.isPropertyAccessExpression(callee)) return null;
  const name = callee.name.text;
  if (name !== 'test' && !ASSERTIONS.has(name)) return null;
  const owner = callee.expression;
  const ownerName = ts.isIdentifier(owner) ? owner.text : ts.isPropertyAccessExpression(owner) ? owner.name.text : null;
  return ownerName === 'exercises' ? name : null;
}
