// Which top-level names a notebook cell declares and which outside names it uses, read with tslab's own TypeScript.
import * as path from 'path';
import type * as TS from 'typescript';

let tsModule: typeof TS | null = null;

/** tslab's TypeScript (always installed with tslab, unlike the project's dev-only copy); loaded on first use. */
function typescript(): typeof TS {
  if (!tsModule) {
    const tslabDir = path.dirname(require.resolve('tslab/package.json'));
    tsModule = require(require.resolve('@tslab/typescript-for-tslab', { paths: [tslabDir] })) as typeof TS;
  }
  return tsModule;
}

function bindingNames(ts: typeof TS, name: TS.BindingName, into: Set<string>): void {
  if (ts.isIdentifier(name)) into.add(name.text);
  else for (const el of name.elements) if (!ts.isOmittedExpression(el)) bindingNames(ts, el.name, into);
}

/** The names a cell declares at its top level: variables, functions, classes, types, enums, imports. */
export function declaredNames(source: string): Set<string> {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  for (const st of file.statements) {
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) bindingNames(ts, d.name, names);
    else if (
      (ts.isFunctionDeclaration(st) ||
        ts.isClassDeclaration(st) ||
        ts.isInterfaceDeclaration(st) ||
        ts.isTypeAliasDeclaration(st) ||
        ts.isEnumDeclaration(st)) &&
      st.name
    )
      names.add(st.name.text);
    else if (ts.isImportDeclaration(st) && st.importClause) {
      const clause = st.importClause;
      if (clause.name) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      else if (bindings) for (const el of bindings.elements) names.add(el.name.text);
    }
  }
  return names;
}

/** Every identifier a cell mentions as a value or type, leaving out property names after a dot or before a colon. */
export function usedNames(source: string): Set<string> {
  const ts = typescript();
  const file = ts.createSourceFile('cell.ts', source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const names = new Set<string>();
  const visit = (node: TS.Node): void => {
    if (ts.isIdentifier(node)) {
      const parent = node.parent;
      const isMemberName =
        (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
        (ts.isPropertyAssignment(parent) && parent.name === node) ||
        (ts.isQualifiedName(parent) && parent.right === node) ||
        (ts.isPropertySignature(parent) && parent.name === node) ||
        (ts.isMethodDeclaration(parent) && parent.name === node) ||
        (ts.isPropertyDeclaration(parent) && parent.name === node);
      if (!isMemberName) names.add(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return names;
}
