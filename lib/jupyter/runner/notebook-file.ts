import * as fs from 'fs';
import * as path from 'path';
import { NotebookOutput } from '../client/outputs';
import { JsonObject } from '../client/wire';

/** One nbformat v4 cell (fields this project reads; others are kept as they are). */
export interface NotebookCell {
  id?: string;
  cell_type: string;
  source: string | string[];
  metadata: JsonObject;
  outputs?: NotebookOutput[];
  execution_count?: number | null;
  [extra: string]: unknown;
}

/** An nbformat v4 notebook. */
export interface Notebook {
  nbformat: number;
  nbformat_minor: number;
  metadata: JsonObject;
  cells: NotebookCell[];
}

/** Thrown for a file that is not a readable nbformat 4 notebook. */
export class NotebookFormatError extends Error {
  override name = 'NotebookFormatError';
}

/** A code cell that has not run yet. */
export function codeCell(source: string, id?: string, metadata: JsonObject = {}): NotebookCell {
  return { ...(id ? { id } : {}), cell_type: 'code', metadata, source, outputs: [], execution_count: null };
}

/** A markdown cell. */
export function markdownCell(source: string, id?: string): NotebookCell {
  return { ...(id ? { id } : {}), cell_type: 'markdown', metadata: {}, source };
}

/** An nbformat 4.5 notebook of `cells` that opens on the replearn kernel. */
export function replearnNotebook(cells: NotebookCell[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'replearn', display_name: 'TypeScript — replearn', language: 'typescript' },
      language_info: { name: 'typescript' },
    },
    cells,
  };
}

/** Parses notebook JSON; `where` names the source in errors. */
export function parseNotebook(text: string, where: string): Notebook {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new NotebookFormatError(`${where} is not valid JSON (${(e as Error).message})`);
  }
  if (!raw || typeof raw !== 'object' || Array.isArray(raw) || !Array.isArray((raw as Notebook).cells)) {
    throw new NotebookFormatError(`${where} is not a Jupyter notebook (no "cells" list)`);
  }
  const nb = raw as Notebook;
  if (nb.nbformat !== 4)
    throw new NotebookFormatError(`${where} is nbformat ${String(nb.nbformat)}; only nbformat 4 is supported`);
  nb.cells.forEach((cell, i) => {
    const ok =
      cell &&
      typeof cell === 'object' &&
      typeof cell.cell_type === 'string' &&
      (typeof cell.source === 'string' ||
        (Array.isArray(cell.source) && cell.source.every((s) => typeof s === 'string')));
    if (!ok) throw new NotebookFormatError(`${where}: cell ${i} has no cell_type or no text source`);
    cell.metadata ??= {};
  });
  nb.metadata ??= {};
  return nb;
}

/** Reads and checks an .ipynb file. */
export function readNotebook(file: string): Notebook {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new NotebookFormatError(`cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  return parseNotebook(text, file);
}

/** A cell's source as one string. */
export function cellSource(cell: NotebookCell): string {
  return Array.isArray(cell.source) ? cell.source.join('') : cell.source;
}

/** The first non-blank line of a cell (how reports name a cell). */
export function cellFirstLine(cell: NotebookCell): string {
  return (
    cellSource(cell)
      .split('\n')
      .find((l) => l.trim() !== '')
      ?.trim() ?? ''
  );
}

/** JSON text as Jupyter writes it: indent 1, multi-line strings as lists of lines. */
export function serializeNotebook(nb: Notebook): string {
  const cells = nb.cells.map((cell) => (cell.outputs ? { ...cell, outputs: cell.outputs.map(splitOutput) } : cell));
  return JSON.stringify({ ...nb, cells }, null, 1) + '\n';
}

/** Writes `nb` to `file`, creating its folder. */
export function writeNotebook(nb: Notebook, file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, serializeNotebook(nb));
}

// nbformat stores text/*, SVG and JavaScript data as line lists; base64 images and JSON stay whole.
function splitOutput(out: NotebookOutput): NotebookOutput {
  if (out.output_type === 'stream') return { ...out, text: splitLines(out.text) as unknown as string };
  if (out.output_type === 'display_data' || out.output_type === 'execute_result') {
    const data: JsonObject = {};
    for (const [mime, value] of Object.entries(out.data)) {
      const textual = mime.startsWith('text/') || mime === 'image/svg+xml' || mime === 'application/javascript';
      data[mime] = textual && typeof value === 'string' ? splitLines(value) : value;
    }
    return { ...out, data };
  }
  return out;
}

function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
