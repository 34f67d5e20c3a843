// Where only 'replearn' resolves (a hub user's lesson folder, a graded kernel), a cell's `const x = f(…)` compiles
// only if the type of x can be named through 'replearn': a return type from another package (vega-lite's spec,
// nodejs-polars' DataFrame) has to be re-exported by lib/public.ts. This declares the result of every exported
// function in such a folder and asks TypeScript to write its declarations, which is where "cannot be named" arises.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';
import { projectRoot } from '../../lib/project';

const OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  target: ts.ScriptTarget.ES2022,
  declaration: true,
  emitDeclarationOnly: true,
  strict: true,
  skipLibCheck: true,
  types: [],
};

/** The exported names of 'replearn' whose values are callable, as seen from `file`. */
function exportedFunctions(program: ts.Program, file: ts.SourceFile): string[] {
  const checker = program.getTypeChecker();
  const importDecl = file.statements.find(ts.isImportDeclaration);
  assert.ok(importDecl, 'the probe file starts with an import');
  const moduleSymbol = checker.getSymbolAtLocation(importDecl.moduleSpecifier);
  assert.ok(moduleSymbol, "'replearn' does not resolve from a folder that links it as node_modules/replearn");
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((s) => {
      const symbol = s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s;
      if (!(symbol.flags & ts.SymbolFlags.Function)) return false;
      const type = checker.getTypeOfSymbolAtLocation(symbol, importDecl);
      return type.getCallSignatures().length > 0;
    })
    .map((s) => s.name)
    .sort();
}

/** TypeScript's declaration diagnostics for `source` in a folder where only 'replearn' resolves. */
function declarationErrors(dir: string, source: string): { names: string[]; errors: string[] } {
  const probe = path.join(dir, 'probe.ts');
  fs.writeFileSync(probe, source);
  const program = ts.createProgram([probe], OPTIONS);
  const file = program.getSourceFile(probe);
  assert.ok(file);
  const names = exportedFunctions(program, file);
  const lines = names.map((n) => `export const result_${n} = null as unknown as Awaited<ReturnType<typeof r.${n}>>;`);
  fs.writeFileSync(probe, `${source}\n${lines.join('\n')}\n`);
  const full = ts.createProgram([probe], OPTIONS, undefined, program); // reuses the parsed library files
  const emitted = full.emit(undefined, () => undefined, undefined, true);
  const errors = [...ts.getPreEmitDiagnostics(full), ...emitted.diagnostics]
    .filter((d) => d.file?.fileName === probe)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, ' '));
  return { names, errors };
}

describe('layout: the types of replearn values can be named through replearn alone', function () {
  this.timeout(120_000);
  let dir = '';
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-nameable-'));
    fs.mkdirSync(path.join(dir, 'node_modules'));
    fs.symlinkSync(projectRoot(), path.join(dir, 'node_modules', 'replearn'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("every exported function's result can be declared as `const x = f(…)` in a lesson folder", () => {
    const { names, errors } = declarationErrors(dir, "import * as r from 'replearn';\n");
    assert.ok(names.length > 100, `only ${names.length} exported functions found: is 'replearn' resolved?`);
    assert.ok(names.includes('loadPokemon') && names.includes('lossChart'));
    assert.deepStrictEqual(errors, []);
  });
});
