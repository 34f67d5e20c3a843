// The lessons as a student meets them: JupyterLab from the project's .venv, driven in Debian's chromium through
// playwright-core. Opens the tour and one training lesson, checks the replearn kernel is selected, runs all cells
// from the Run menu and asserts on the page. Screenshots go to artifacts/e2e/ (look at them: the chart must show).
// Runs only with REPLEARN_E2E=1 (`npm run test:e2e`); REPLEARN_E2E_NOTEBOOKS=a,b overrides the notebooks.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { BrowserContext, Page } from 'playwright-core';
import { codeCell } from '../../lib/jupyter/runner/notebook-file';
import { projectRoot } from '../../lib/project';
import { JupyterLab, startJupyterLab } from '../support/jupyterlab-server';
import { pngContent } from '../support/png-content';
import { TOUR, TRAINING_LESSON } from '../support/reference-notebooks';
import {
  NotebookView,
  PROGRESS_TEXT,
  ProgressHistory,
  progressHistory,
  readNotebook,
  readOutputs,
  recordProgress,
  RenderedOutputs,
  statusBarKernel,
} from './lab-page';

const ROOT = projectRoot();
const CHROMIUM = '/usr/bin/chromium';
const JUPYTER = path.join(ROOT, '.venv', 'bin', 'jupyter');
const ARTIFACTS = path.join(ROOT, 'artifacts', 'e2e');
/** The lab's root folder: a copy of the notebooks inside the project, so `import 'replearn'` resolves and autosave never writes to notebooks/. */
const LAB_ROOT = path.join(ARTIFACTS, 'notebooks');
const KERNEL_DISPLAY_NAME = 'TypeScript — replearn';
const KERNEL_START_MS = 180_000;
const RUN_ALL_MS = 8 * 60_000;
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Why the browser test cannot run here, or null. */
function skipReason(): string | null {
  if (process.env.REPLEARN_E2E !== '1') return 'browser test skipped: set REPLEARN_E2E=1 (npm run test:e2e) to run it';
  if (!fs.existsSync(CHROMIUM)) return `browser test skipped: ${CHROMIUM} is missing (apt-get install chromium)`;
  if (!fs.existsSync(JUPYTER)) return `browser test skipped: ${JUPYTER} is missing (npm install creates .venv)`;
  return null;
}

function e2eNotebooks(): string[] {
  const wanted = (process.env.REPLEARN_E2E_NOTEBOOKS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (wanted.length > 0) return wanted.map((w) => path.basename(w).replace(/\.ipynb$/, '') + '.ipynb');
  return fs.existsSync(path.join(ROOT, 'notebooks', TRAINING_LESSON)) ? [...new Set([TOUR, TRAINING_LESSON])] : [TOUR];
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(what: string, ms: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await sleep(500);
  }
}

interface Session {
  id: string;
  path: string;
  kernel: { id: string; name: string; execution_state: string };
}

/** Everything the checks need from one notebook, gathered while it ran. */
interface PageRun {
  before: NotebookView;
  after: NotebookView;
  session: Session;
  statusBar: string;
  outputs: RenderedOutputs;
  progress: ProgressHistory;
  screenshots: string[];
  pageErrors: string[];
  runAllMs: number;
}

async function screenshot(page: Page, file: string, shots: string[]): Promise<void> {
  await page.screenshot({ path: file });
  shots.push(file);
}

async function sessionOf(lab: JupyterLab, name: string): Promise<Session | undefined> {
  return (await lab.api<Session[]>('api/sessions')).find((s) => s.path === name || s.path.endsWith(`/${name}`));
}

/** Opens `name`, runs all cells from the Run menu, waits until every cell ran and the kernel is idle. */
async function openAndRunAll(context: BrowserContext, lab: JupyterLab, name: string): Promise<PageRun> {
  const stem = name.replace(/\.ipynb$/, '');
  const shot = (what: string) => path.join(ARTIFACTS, `${stem}-${what}.png`);
  const shots: string[] = [];
  const pageErrors: string[] = [];
  const page = await context.newPage();
  page.on('pageerror', (e) => pageErrors.push(e.message));
  try {
    // ?reset: an empty workspace, so only this notebook opens.
    await page.goto(lab.url(`lab/tree/${encodeURIComponent(name)}?reset`), {
      waitUntil: 'domcontentloaded',
      timeout: 120_000,
    });
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').first().waitFor({ timeout: 120_000 });
    await recordProgress(page);
    await waitFor('the kernel to start (status bar "| Idle")', KERNEL_START_MS, async () =>
      /\|\s*Idle\b/.test(await statusBarKernel(page)),
    );
    const before = await readNotebook(page);
    assert.ok(before, 'no notebook panel');
    await screenshot(page, shot('opened'), shots);

    await page.locator('.lm-MenuBar-itemLabel', { hasText: /^Run$/ }).click();
    await page
      .locator('.lm-Menu-item:not(.lm-mod-disabled) .lm-Menu-itemLabel', { hasText: /^Run All Cells$/ })
      .click();
    const started = Date.now();
    let quiet = 0;
    await waitFor('Run All Cells to finish', RUN_ALL_MS, async () => {
      const view = await readNotebook(page);
      const running = !view || view.cells.some((c) => c.prompt.includes('*'));
      const state = (await sessionOf(lab, name))?.kernel.execution_state;
      quiet = !running && state === 'idle' ? quiet + 1 : 0;
      return quiet >= 3; // 1.5 s with nothing queued and an idle kernel
    });
    const runAllMs = Date.now() - started;

    const after = await readNotebook(page);
    const outputs = await readOutputs(page);
    const progress = await progressHistory(page);
    const statusBar = await statusBarKernel(page);
    const session = await sessionOf(lab, name);
    assert.ok(after && session, 'the notebook or its session vanished');

    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').first().scrollIntoViewIfNeeded();
    await screenshot(page, shot('top'), shots);
    const chart = page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .vega-embed').first();
    if ((await chart.count()) > 0) {
      await chart.scrollIntoViewIfNeeded();
      await screenshot(page, shot('chart'), shots);
      await chart.screenshot({ path: shot('chart-element') }); // for people to look at; too plain for the blank check
    }
    const display = page
      .locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output', { hasText: PROGRESS_TEXT })
      .first();
    if ((await display.count()) > 0) {
      await display.scrollIntoViewIfNeeded();
      await screenshot(page, shot('training'), shots);
    }
    await page.locator('.jp-NotebookPanel:not(.lm-mod-hidden) .jp-Cell').last().scrollIntoViewIfNeeded();
    await screenshot(page, shot('end'), shots);
    // Free the CPU for the next notebook: end this kernel now.
    await lab.api(`api/sessions/${session.id}`, 'DELETE');
    return { before, after, session, statusBar, outputs, progress, screenshots: shots, pageErrors, runAllMs };
  } catch (e) {
    await page.screenshot({ path: shot('failure') }).catch(() => undefined);
    throw e;
  } finally {
    await page.close();
  }
}

describe('JupyterLab in a browser: the lessons as a student runs them', function () {
  const reason = skipReason();
  if (reason) {
    it.skip(reason);
    return;
  }
  const names = e2eNotebooks();
  let lab: JupyterLab | undefined;
  let context: BrowserContext | undefined;
  let userDataDir = '';

  before(async function () {
    this.timeout(300_000);
    fs.rmSync(LAB_ROOT, { recursive: true, force: true });
    fs.mkdirSync(LAB_ROOT, { recursive: true });
    for (const f of fs.readdirSync(ARTIFACTS).filter((f) => f.endsWith('.png'))) fs.rmSync(path.join(ARTIFACTS, f));
    for (const name of names) fs.copyFileSync(path.join(ROOT, 'notebooks', name), path.join(LAB_ROOT, name));
    const t0 = Date.now();
    lab = await startJupyterLab({
      jupyter: JUPYTER,
      rootDir: LAB_ROOT,
      jupyterPath: path.join(ROOT, 'jupyter'),
      // No news / update toast over the notebook, and no requests to the internet.
      settings: { '@jupyterlab/apputils-extension:notification': { fetchNews: 'false', checkForUpdates: false } },
    });
    console.log(`      JupyterLab up on ${lab.baseUrl} (pid ${lab.pid}) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const { chromium } = await import('playwright-core');
    userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1400, height: 1000 },
    });
  });

  after(async function () {
    this.timeout(120_000);
    await context?.close().catch(() => undefined);
    if (userDataDir) fs.rmSync(userDataDir, { recursive: true, force: true });
    if (lab) {
      fs.writeFileSync(path.join(ARTIFACTS, 'jupyterlab.log'), lab.log());
      await lab.stop();
      assert.throws(() => process.kill(-lab!.pid, 0), 'JupyterLab is still running after stop()');
    }
  });

  describe('a failing cell and a tensor result, as JupyterLab renders them', () => {
    const name = 'kernel-outputs.ipynb';
    let run: PageRun;

    before(async function () {
      this.timeout(KERNEL_START_MS + RUN_ALL_MS);
      assert.ok(lab && context, 'JupyterLab or chromium did not start');
      const nb = {
        nbformat: 4,
        nbformat_minor: 5,
        metadata: { kernelspec: { name: 'replearn', display_name: KERNEL_DISPLAY_NAME, language: 'typescript' } },
        cells: [
          // initBackend first, as the lessons do (tfjs warns on stderr when it would fall back to cpu).
          codeCell(
            "import { tf, initBackend } from 'replearn';\nawait initBackend();\ntf.tensor([[1, 2], [3, 4]])",
            'tensor',
          ),
          codeCell("function helper(n: number) {\n  throw new RangeError('bad ' + n);\n}\nhelper(2)", 'failing'),
        ],
      };
      fs.writeFileSync(path.join(LAB_ROOT, name), JSON.stringify(nb, null, 1));
      run = await openAndRunAll(context, lab, name);
    });

    it("shows the tensor as the cell's result: shape, dtype and values", () => {
      assert.strictEqual(run.outputs.results.length, 1, JSON.stringify(run.outputs));
      assert.match(run.outputs.results[0], /Tensor shape \[2, 2\] float32/);
      assert.match(run.outputs.results[0], /\[\[1, 2\],\s*\[3, 4\]\]/);
    });

    it('shows the error as an error output: ename: evalue and frames naming the cell lines', () => {
      assert.strictEqual(run.outputs.errors.length, 1, JSON.stringify(run.outputs.errors));
      const text = run.outputs.errors[0];
      assert.match(text, /RangeError: bad 2/);
      assert.match(text, /at helper \(cell \[2\], line 2\)/);
      assert.match(text, /\(cell \[2\], line 4\)/);
      assert.doesNotMatch(text, /tslab|node:internal/);
    });
  });

  for (const name of names) {
    describe(name, () => {
      let run: PageRun;

      before(async function () {
        this.timeout(KERNEL_START_MS + RUN_ALL_MS + 180_000);
        assert.ok(lab && context, 'JupyterLab or chromium did not start');
        run = await openAndRunAll(context, lab, name);
        const progressStates = Object.values(run.progress).reduce((n, h) => n + h.length, 0);
        console.log(
          `      ${name}: Run All Cells took ${(run.runAllMs / 1000).toFixed(1)} s; ${run.outputs.outputs} outputs, ` +
            `${run.outputs.charts.length} charts, ${run.outputs.images.length} images, ${run.outputs.tables.length} tables, ${progressStates} progress states`,
        );
        if (run.pageErrors.length) console.log(`      page errors: ${run.pageErrors.join(' | ')}`);
      });

      it(`selects the "${KERNEL_DISPLAY_NAME}" kernel`, () => {
        assert.strictEqual(run.before.kernelName, KERNEL_DISPLAY_NAME);
        assert.strictEqual(run.session.kernel.name, 'replearn');
        assert.match(run.statusBar, new RegExp(`^${KERNEL_DISPLAY_NAME} \\| Idle`));
      });

      it('runs every code cell: each has an execution count, the kernel ends idle', () => {
        const code = run.after.cells.filter((c) => !c.blank);
        assert.ok(code.length > 0, 'no code cells on the page');
        const counts = code.map((c) => /^\[(\d+)\]:$/.exec(c.prompt)?.[1]);
        assert.deepStrictEqual(
          counts.map((c, i) => (c === undefined ? `cell ${i}: ${code[i].prompt}` : 'ok')),
          code.map(() => 'ok'),
        );
        assert.deepStrictEqual(
          counts.map(Number),
          code.map((_, i) => i + 1),
          'execution counts are not 1..n in order',
        );
        assert.strictEqual(run.session.kernel.execution_state, 'idle');
      });

      it('shows no error output', () => {
        assert.deepStrictEqual(run.outputs.errors, [], `error output:\n${run.outputs.errors.join('\n---\n')}`);
        assert.deepStrictEqual(run.outputs.dialogs, [], `dialog open: ${run.outputs.dialogs.join(' | ')}`);
      });

      it('renders a vega-lite chart (vega-embed with painted marks)', () => {
        const drawn = run.outputs.charts.filter(
          (c) => c.marks !== null && c.width > 50 && c.height > 50 && c.paintedPixels > 500,
        );
        assert.ok(drawn.length > 0, `no drawn chart: ${JSON.stringify(run.outputs.charts)}`);
      });

      it('shows an image grid (a loaded PNG)', () => {
        assert.ok(
          run.outputs.images.some((i) => i.complete && i.width >= 28 && i.height >= 28),
          `no loaded image: ${JSON.stringify(run.outputs.images)}`,
        );
      });

      it('shows a table', () => {
        assert.ok(
          run.outputs.tables.some((rows) => rows >= 2),
          `no table with rows: ${JSON.stringify(run.outputs.tables)}`,
        );
      });

      it('the live training display updated in place and finished', () => {
        const histories = Object.entries(run.progress);
        assert.ok(histories.length > 0, 'no progress display was seen');
        const unfinished = histories.filter(([, h]) => !/ · 100% · .* · done in /.test(h[h.length - 1]));
        assert.deepStrictEqual(
          unfinished.map(([k, h]) => `${k}: ${h[h.length - 1]}`),
          [],
          'a progress display did not finish',
        );
        const updated = histories.filter(([, h]) => h.length >= 3 && !h[0].includes('done in'));
        assert.ok(
          updated.length > 0,
          `no display was seen running, then updated: ${JSON.stringify(run.progress).slice(0, 1500)}`,
        );
      });

      it('the screenshots show a page, not a blank or error page', () => {
        assert.ok(run.screenshots.length >= 3);
        for (const file of run.screenshots) {
          const c = pngContent(fs.readFileSync(file));
          assert.ok(
            c.distinctColours >= 50 && c.dominantShare < 0.97,
            `${path.basename(file)} looks blank: ${JSON.stringify(c)}`,
          );
        }
        assert.ok(
          run.screenshots.some((f) => f.endsWith('-chart.png')),
          'no screenshot of the chart',
        );
      });
    });
  }
});
