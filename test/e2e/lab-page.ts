// What the browser test reads from a JupyterLab page. The page-side code is JavaScript text evaluated in the page
// (the test's tsconfig has no DOM types); each expression returns plain JSON described by the interfaces here.
import type { Page } from 'playwright-core';

/** The visible notebook's code cells and its toolbar's kernel name. */
export interface NotebookView {
  kernelName: string | null;
  cells: { prompt: string; blank: boolean }[];
}

/** What the executed notebook shows. */
export interface RenderedOutputs {
  outputs: number;
  /** Text of stderr / error outputs. */
  errors: string[];
  /** Text of execute_result outputs (a cell's last value). */
  results: string[];
  /** Each vega-embed: its marks element, its size, and (canvas) how many pixels are painted. */
  charts: { marks: string | null; width: number; height: number; paintedPixels: number }[];
  images: { width: number; height: number; complete: boolean }[];
  /** Body rows of each table. */
  tables: number[];
  /** Visible dialogs (kernel errors and the like). */
  dialogs: string[];
}

/** Every text a progress display showed, in order, keyed by cell and output position. */
export type ProgressHistory = Record<string, string[]>;

const PANEL = `document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)')`;

/** A progress display's text: "<label> · 42% · … elapsed" while running, "… · 100% · … · done in 3 s" at the end. */
export const PROGRESS_TEXT = / · \d+% · /;

/** Reads the cells' prompts and the kernel name. */
export function readNotebook(page: Page): Promise<NotebookView | null> {
  return page.evaluate(`(() => {
    const panel = ${PANEL};
    if (!panel) return null;
    const name = panel.querySelector('.jp-Toolbar-kernelName');
    return {
      kernelName: name ? name.textContent.trim() : null,
      cells: [...panel.querySelectorAll('.jp-Cell.jp-CodeCell')].map((c) => ({
        prompt: (c.querySelector('.jp-InputPrompt') || { textContent: '' }).textContent.trim(),
        blank: ((c.querySelector('.cm-content') || { textContent: '' }).textContent || '').trim() === '',
      })),
    };
  })()`);
}

/**
 * Starts recording every state of the progress displays (a MutationObserver), so the test can tell that a display
 * was updated in place while training ran, not only how it ended.
 */
export function recordProgress(page: Page): Promise<void> {
  return page.evaluate(`(() => {
    if (window.__replearnProgress) return;
    const history = {};
    const pattern = new RegExp(${JSON.stringify(PROGRESS_TEXT.source)});
    const scan = () => {
      const panel = ${PANEL};
      if (!panel) return;
      panel.querySelectorAll('.jp-Cell').forEach((cell, c) => {
        cell.querySelectorAll('.jp-OutputArea-output').forEach((out, o) => {
          const text = (out.textContent || '').trim();
          if (!pattern.test(text)) return;
          const seen = (history[c + ':' + o] = history[c + ':' + o] || []);
          if (seen[seen.length - 1] !== text) seen.push(text);
        });
      });
    };
    new MutationObserver(scan).observe(document.body, { subtree: true, childList: true, characterData: true });
    window.__replearnProgress = history;
  })()`);
}

/** The progress states recorded since {@link recordProgress}. */
export function progressHistory(page: Page): Promise<ProgressHistory> {
  return page.evaluate('window.__replearnProgress || {}');
}

/** Reads what the outputs render. */
export function readOutputs(page: Page): Promise<RenderedOutputs> {
  return page.evaluate(`(() => {
    const panel = ${PANEL};
    const all = (sel) => (panel ? [...panel.querySelectorAll(sel)] : []);
    const painted = (canvas) => {
      try {
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 3; i < data.length; i += 4) if (data[i] > 0) n++;
        return n;
      } catch (e) { return -1; }
    };
    return {
      outputs: all('.jp-OutputArea-output').length,
      errors: all('[data-mime-type="application/vnd.jupyter.stderr"], [data-mime-type="application/vnd.jupyter.error"]')
        .map((e) => (e.textContent || '').slice(0, 1000)),
      results: all('.jp-OutputArea-executeResult').map((e) => (e.textContent || '').slice(0, 1000)),
      charts: all('.vega-embed').map((e) => {
        const marks = e.querySelector('canvas.marks, svg.marks');
        if (!marks) return { marks: null, width: 0, height: 0, paintedPixels: 0 };
        const canvas = marks.tagName.toLowerCase() === 'canvas';
        return {
          marks: marks.tagName.toLowerCase(),
          width: canvas ? marks.width : marks.getBoundingClientRect().width,
          height: canvas ? marks.height : marks.getBoundingClientRect().height,
          paintedPixels: canvas ? painted(marks) : marks.querySelectorAll('path, rect, line, text').length,
        };
      }),
      images: all('.jp-OutputArea-output img').map((i) => ({ width: i.naturalWidth, height: i.naturalHeight, complete: i.complete })),
      tables: all('.jp-OutputArea-output table').map((t) => t.querySelectorAll('tbody tr').length),
      dialogs: [...document.querySelectorAll('.jp-Dialog')].map((d) => (d.textContent || '').trim().slice(0, 500)),
    };
  })()`);
}

/** Text of the status bar's kernel item, e.g. "TypeScript — replearn | Idle". */
export async function statusBarKernel(page: Page): Promise<string> {
  return page.evaluate(`(() => {
    const items = [...document.querySelectorAll('#jp-main-statusbar .jp-StatusBar-TextItem')].map((e) => e.textContent || '');
    return items.find((t) => t.includes('|')) || '';
  })()`);
}
