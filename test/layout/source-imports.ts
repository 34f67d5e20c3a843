import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

/** One import or re-export of a module: what it names, whether only as types, and from where. */
export interface ImportEdge {
  specifier: string;
  names: { name: string; typeOnly: boolean }[];
  /** `import * as x` / `export * as x` / `export *`: the whole module. */
  whole: boolean;
  /** The namespace's name in `import * as x` / `export * as x`. */
  namespace?: string;
}

/** The imports and re-exports of TypeScript source text, read syntactically (nothing is resolved or compiled). */
export function importsOf(source: string, fileName = 'source.ts'): ImportEdge[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const edges: ImportEdge[] = [];
  for (const statement of file.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const bindings = clause?.namedBindings;
      const names =
        bindings && ts.isNamedImports(bindings)
          ? bindings.elements.map((e) => ({
              name: (e.propertyName ?? e.name).text,
              typeOnly: Boolean(clause?.isTypeOnly) || e.isTypeOnly,
            }))
          : [];
      edges.push({
        specifier: statement.moduleSpecifier.text,
        names,
        whole: !!bindings && !ts.isNamedImports(bindings),
        namespace: bindings && ts.isNamespaceImport(bindings) ? bindings.name.text : undefined,
      });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      const clause = statement.exportClause;
      const names =
        clause && ts.isNamedExports(clause)
          ? clause.elements.map((e) => ({ name: e.name.text, typeOnly: statement.isTypeOnly || e.isTypeOnly }))
          : [];
      edges.push({
        specifier: statement.moduleSpecifier.text,
        names,
        whole: !clause || !ts.isNamedExports(clause),
        namespace: clause && ts.isNamespaceExport(clause) ? clause.name.text : undefined,
      });
    }
  }
  // Lazy `require('x')` calls with a literal path are imports too.
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'require' &&
      node.arguments.length === 1 &&
      ts.isStringLiteral(node.arguments[0])
    )
      edges.push({ specifier: node.arguments[0].text, names: [], whole: true });
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edges;
}

/** Every .ts file under `dir`, recursively, as absolute paths. */
export function typescriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return typescriptFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The source text of every code cell of a notebook file. */
export function codeCells(notebookFile: string): string[] {
  const notebook = JSON.parse(fs.readFileSync(notebookFile, 'utf8')) as {
    cells: { cell_type: string; source: string | string[] }[];
  };
  return notebook.cells
    .filter((c) => c.cell_type === 'code')
    .map((c) => (Array.isArray(c.source) ? c.source.join('') : c.source));
}

/** Import statements from 'replearn' written inside other text: cells in tests' strings, README's prose. */
export function quotedReplearnImports(text: string): string[] {
  return [...text.matchAll(/import (\{[^}]*\}|\* as \w+) from 'replearn'/g)].map((m) => `${m[0]};`);
}
