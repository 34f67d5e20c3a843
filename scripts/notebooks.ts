// `npm run notebooks` / `npm run notebooks:check`: normalise the lesson notebooks (Prettier on every code cell,
// a unique id on every cell, no outputs or execution counts, one kernelspec and language_info, one title style),
// or only report which files would change (CI); then lint the code cells with the project's ESLint configuration
// (scripts/notebook-lint.ts). Either fails on a finding; `--no-lint` skips the lint.
import * as fs from 'fs';
import * as path from 'path';
import * as prettier from 'prettier';
import type { Notebook, NotebookCell } from '../lib/jupyter/runner/notebook-file';
import { findingLine, lintNotebooks } from './notebook-lint';

/** The kernel every lesson opens on (the project-local kernelspec scripts/setup.js writes). */
export const KERNELSPEC = { display_name: 'TypeScript — replearn', language: 'typescript', name: 'replearn' };
/** What Jupyter shows for the cells' language. */
export const LANGUAGE_INFO = { file_extension: '.ts', mimetype: 'text/typescript', name: 'typescript' };
/** Cell metadata a front end writes while someone works, which says nothing about the lesson. */
const TRANSIENT_CELL_METADATA = ['execution', 'collapsed', 'scrolled', 'jp-MarkdownHeadingCollapsed', 'ExecuteTime'];
/** A lesson title: `# NN — Title`, whatever dash or dot an author typed between number and title. */
const TITLE = /^#\s+(\d+)\s*[—–·:-]\s*(.+)$/;

/** A normalised notebook, what changed, and what could not be fixed automatically. */
export interface Normalised {
  notebook: Notebook;
  changes: string[];
  problems: string[];
}

/** A cell's source as one string. */
function sourceText(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** Source as nbformat stores it on disk: one string per line, each but the last ending in a newline. */
export function sourceLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

/** TypeScript of one code cell formatted by Prettier, without the final newline; throws on a syntax error. */
export async function formatCell(code: string, options: prettier.Options): Promise<string> {
  if (code.trim() === '') return '';
  const formatted = await prettier.format(code, { ...options, parser: 'typescript' });
  return formatted.replace(/\n$/, '');
}

/** The title line in the house style, or null when `line` is not a numbered lesson title. */
export function titleLine(line: string): string | null {
  const m = TITLE.exec(line.trim());
  return m ? `# ${m[1].padStart(2, '0')} — ${m[2].trim()}` : null;
}

/** An id that no other cell has: cell-NN from the position, with a suffix when that is taken. */
function freshId(position: number, taken: Set<string>): string {
  const base = `cell-${String(position).padStart(2, '0')}`;
  let id = base;
  for (let k = 2; taken.has(id); k++) id = `${base}-${k}`;
  return id;
}

/** The notebook normalised; `prettierOptions` are the project's (.prettierrc.json). Pure apart from Prettier. */
export async function normaliseNotebook(input: Notebook, prettierOptions: prettier.Options): Promise<Normalised> {
  const changes: string[] = [];
  const problems: string[] = [];
  const taken = new Set<string>();
  const cells: NotebookCell[] = [];
  for (const [i, original] of input.cells.entries()) {
    const cell: NotebookCell = { ...original, metadata: { ...(original.metadata ?? {}) } };
    const label = `cell ${i}`;
    if (typeof cell.id !== 'string' || cell.id === '' || taken.has(cell.id)) {
      cell.id = freshId(i, taken);
      changes.push(`${label}: id ${cell.id}`);
    }
    taken.add(cell.id);
    for (const key of TRANSIENT_CELL_METADATA) {
      if (key in cell.metadata) {
        delete cell.metadata[key];
        changes.push(`${label}: metadata.${key} removed`);
      }
    }
    let text = sourceText(cell);
    if (cell.cell_type === 'code') {
      if ((cell.outputs?.length ?? 0) > 0) changes.push(`${label}: outputs removed`);
      if (cell.execution_count !== null && cell.execution_count !== undefined)
        changes.push(`${label}: execution count removed`);
      cell.outputs = [];
      cell.execution_count = null;
      try {
        const formatted = await formatCell(text, prettierOptions);
        if (formatted !== text) changes.push(`${label}: formatted`);
        text = formatted;
      } catch (err) {
        problems.push(
          `${label}: Prettier cannot parse it: ${(err instanceof Error ? err.message : String(err)).split('\n')[0]}`,
        );
      }
    } else {
      delete cell.outputs;
      delete cell.execution_count;
    }
    cell.source = sourceLines(text);
    cells.push(cell);
  }
  const first = cells[0];
  const firstLine = first?.cell_type === 'markdown' ? sourceText(first).split('\n')[0] : '';
  const title = titleLine(firstLine);
  if (!title) problems.push('the first cell is not a markdown title `# NN — Title`');
  else if (title !== firstLine) {
    first.source = sourceLines(title + sourceText(first).slice(firstLine.length));
    changes.push(`title: ${title}`);
  }
  const metadata = { ...input.metadata, kernelspec: KERNELSPEC, language_info: LANGUAGE_INFO };
  if (JSON.stringify(sortedKeys(metadata)) !== JSON.stringify(sortedKeys(input.metadata)))
    changes.push('metadata: kernelspec and language_info');
  if (input.nbformat !== 4 || input.nbformat_minor !== 5) changes.push('nbformat 4.5');
  return { notebook: { ...input, nbformat: 4, nbformat_minor: 5, metadata, cells }, changes, problems };
}

/** A copy of a JSON value with every object's keys in sorted order (as Jupyter writes them). */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object')
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]),
    );
  return value;
}

/** A notebook as Jupyter writes it: keys sorted, one-space indent, non-ASCII kept, a final newline. */
export function notebookText(notebook: Notebook): string {
  return `${JSON.stringify(sortedKeys(notebook), null, 1)}\n`;
}

/**
 * Normalise (or with `check`, only compare) each file, then with `lint` lint the code cells as normalised; returns
 * the exit code and prints one line per file and per finding.
 */
export async function run(
  files: string[],
  check: boolean,
  log: (line: string) => void = console.log,
  lint = false,
): Promise<number> {
  const root = path.resolve(__dirname, '..', '..');
  const prettierOptions = (await prettier.resolveConfig(path.join(root, 'notebooks', 'x.ts'))) ?? {};
  let failed = false;
  const linted = new Map<string, Notebook>();
  for (const file of files) {
    let before: string;
    let notebook: Notebook;
    try {
      before = fs.readFileSync(file, 'utf8');
      notebook = JSON.parse(before) as Notebook;
    } catch (err) {
      log(`${file}: cannot read it as JSON (${err instanceof Error ? err.message : String(err)})`);
      failed = true;
      continue;
    }
    if (!Array.isArray(notebook.cells)) {
      log(`${file}: not an nbformat 4 notebook (no cells)`);
      failed = true;
      continue;
    }
    const result = await normaliseNotebook(notebook, prettierOptions);
    const after = notebookText(result.notebook);
    linted.set(file, result.notebook);
    for (const problem of result.problems) log(`${file}: ${problem}`);
    failed ||= result.problems.length > 0;
    if (after === before) continue;
    if (check) {
      const shown = result.changes.length ? result.changes.slice(0, 5).join('; ') : 'JSON layout';
      log(`${file}: not normalised (${shown}${result.changes.length > 5 ? '; …' : ''})`);
      failed = true;
    } else {
      fs.writeFileSync(file, after);
      log(`${file}: normalised (${result.changes.length} changes)`);
    }
  }
  if (lint && linted.size > 0) {
    for (const [file, findings] of await lintNotebooks(linted, root)) {
      for (const finding of findings) log(`${file}: ${findingLine(finding)}`);
      failed ||= findings.length > 0;
    }
  }
  return failed ? 1 : 0;
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const check = args.includes('--check');
  const lint = !args.includes('--no-lint');
  const given = args.filter((a) => a !== '--check' && a !== '--no-lint');
  const dir = path.resolve(__dirname, '..', '..', 'notebooks');
  const files = given.length
    ? given
    : fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.ipynb'))
        .map((f) => path.join(dir, f));
  run(files, check, console.log, lint).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      console.error(`notebooks: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
