import { codeCell, markdownCell, Notebook, replearnNotebook } from '../../lib/jupyter/runner/notebook-file';

/** A replearn-kernel notebook of code cells (strings) and markdown cells ({ md }). */
export function makeNotebook(cells: (string | { md: string } | { code: string; tags: string[] })[]): Notebook {
  return replearnNotebook(
    cells.map((c, i) => {
      if (typeof c === 'string') return codeCell(c, `c${i}`);
      if ('md' in c) return markdownCell(c.md, `c${i}`);
      return codeCell(c.code, `c${i}`, { tags: c.tags });
    }),
  );
}
