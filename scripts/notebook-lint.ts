// ESLint over the TypeScript of notebook code cells, with the project's own configuration (type-aware rules
// included). Each notebook's code cells, concatenated in order as the kernel runs them, become one module in an
// ignored scratch folder beside a tsconfig that allows top-level await; findings are mapped back to cell and line.
import * as fs from 'fs';
import * as path from 'path';
import { ESLint } from 'eslint';
import type { Notebook, NotebookCell } from '../lib/jupyter/runner/notebook-file';

/** The scratch folder (ignored by git: `.tmp-*`), relative to the project root. */
export const LINT_DIR = '.tmp-notebook-lint';

/** A notebook's code as one module, and where each code cell starts in it. */
export interface NotebookModule {
  text: string;
  /** One entry per code cell, in order: its index among all cells, its id and its first line (1-based). */
  cells: { index: number; id: string; firstLine: number }[];
}

/** One lint finding, located in the notebook. */
export interface CellFinding {
  cell: number;
  id: string;
  line: number;
  column: number;
  rule: string | null;
  message: string;
}

function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The code cells of `notebook` joined into one module, one cell after another (a blank line between). */
export function notebookModule(notebook: Notebook): NotebookModule {
  const parts: string[] = [];
  const cells: NotebookModule['cells'] = [];
  let line = 1;
  notebook.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const text = sourceText(cell).replace(/\n*$/, '\n');
    cells.push({ index, id: cell.id ?? '', firstLine: line });
    parts.push(text);
    line += text.split('\n').length; // the cell's lines plus the blank line that follows it
  });
  // `export {}` keeps an import-free notebook a module, so top-level await parses.
  return { text: `${parts.join('\n')}\nexport {};\n`, cells };
}

/** The cell holding module line `line`, and the line within that cell (1-based); null past the last cell. */
export function cellAt(module: NotebookModule, line: number): { index: number; id: string; line: number } | null {
  let found: NotebookModule['cells'][number] | undefined;
  for (const cell of module.cells) if (cell.firstLine <= line) found = cell;
  return found ? { index: found.index, id: found.id, line: line - found.firstLine + 1 } : null;
}

/** The scratch folder's tsconfig: the project's options, as a module that may await at top level. */
function writeScratchProject(dir: string): string {
  const config = {
    extends: '../tsconfig.json',
    compilerOptions: { module: 'es2022', moduleResolution: 'node', noEmit: true, incremental: false },
    include: ['*.ts'],
  };
  const file = path.join(dir, 'tsconfig.json');
  fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}

/**
 * Lint the code cells of each notebook (name → notebook) with the project's ESLint configuration; returns the
 * findings per notebook name. Imports of 'replearn' resolve to the built library (dist/), as in the kernel.
 */
export async function lintNotebooks(
  notebooks: Map<string, Notebook>,
  root: string,
): Promise<Map<string, CellFinding[]>> {
  const dir = path.join(root, LINT_DIR);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  try {
    const project = writeScratchProject(dir);
    const modules = new Map<string, NotebookModule>();
    const files = new Map<string, string>();
    for (const [name, notebook] of notebooks) {
      const module = notebookModule(notebook);
      const file = path.join(dir, `${path.basename(name, '.ipynb').replace(/[^\w-]/g, '_')}.ts`);
      fs.writeFileSync(file, module.text);
      modules.set(file, module);
      files.set(file, name);
    }
    const eslint = new ESLint({
      cwd: root,
      // The scratch folder sits under the config's `.tmp-*/` ignore (it is not project code); these files are asked for.
      ignore: false,
      overrideConfig: [
        {
          files: [`${LINT_DIR}/**/*.ts`],
          languageOptions: { parserOptions: { projectService: false, project: project, tsconfigRootDir: root } },
        },
      ],
    });
    const results = await eslint.lintFiles([...files.keys()]);
    const findings = new Map<string, CellFinding[]>([...notebooks.keys()].map((name) => [name, []]));
    for (const result of results) {
      const name = files.get(result.filePath);
      const module = modules.get(result.filePath);
      if (name === undefined || module === undefined) continue;
      for (const m of result.messages) {
        const at = cellAt(module, m.line);
        findings.get(name)?.push({
          cell: at?.index ?? -1,
          id: at?.id ?? '',
          line: at?.line ?? m.line,
          column: m.column,
          rule: m.ruleId,
          message: m.message,
        });
      }
    }
    return findings;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One line per finding: `cell 3 (id cell-03) line 2:5: message (rule)`. */
export function findingLine(f: CellFinding): string {
  const where = f.cell < 0 ? `line ${f.line}` : `cell ${f.cell} (id ${f.id}) line ${f.line}:${f.column}`;
  return `${where}: ${f.message}${f.rule ? ` (${f.rule})` : ''}`;
}
