import { Notebook, NotebookCell } from '../../lib/kernel/notebook-file';

/** A replearn-kernel notebook of code cells (strings) and markdown cells ({ md }). */
export function makeNotebook(cells: (string | { md: string } | { code: string; tags: string[] })[]): Notebook {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {
      kernelspec: { name: 'replearn', display_name: 'TypeScript — replearn', language: 'typescript' },
      language_info: { name: 'typescript' },
    },
    cells: cells.map((c, i): NotebookCell => {
      if (typeof c === 'string') return { id: `c${i}`, cell_type: 'code', source: c, metadata: {}, outputs: [], execution_count: null };
      if ('md' in c) return { id: `c${i}`, cell_type: 'markdown', source: c.md, metadata: {} };
      return { id: `c${i}`, cell_type: 'code', source: c.code, metadata: { tags: c.tags }, outputs: [], execution_count: null };
    }),
  };
}
