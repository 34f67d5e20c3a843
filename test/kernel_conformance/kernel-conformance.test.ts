// Runs the Jupyter project's kernel conformance suite (jupyter_kernel_test, test_replearn_kernel.py) against the
// replearn kernel and asserts the outcome of every check: every upstream check passes, none is skipped, and so
// do the project's own protocol checks. A changed outcome fails here by name.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';

const ROOT = projectRoot();
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const SUITE = path.join(ROOT, 'test', 'kernel_conformance', 'test_replearn_kernel.py');

/** Every check: all must pass (upstream's and replearn's own). */
const EXPECTED: Record<string, 'pass'> = {
  // upstream checks, none skipped
  test_kernel_info: 'pass',
  test_execute_stdout: 'pass',
  test_execute_stderr: 'pass',
  test_completion: 'pass',
  test_inspect: 'pass',
  test_is_complete: 'pass', // complete, incomplete and invalid samples
  test_error: 'pass',
  test_execute_result: 'pass', // numbers, strings, a tensor's HTML
  test_display_data: 'pass', // tslab.display.html, showMarkdown, showImages (PNG), showChart (vega-lite), the display hook
  test_pager: 'pass', // `Math.max?`
  test_clear_output: 'pass',
  test_history: 'pass', // tail, range, search
  test_recv_iopub_welcome_msg: 'pass', // protocol 5.5
  // what replearn adds
  test_replearn_kernel_info: 'pass',
  test_replearn_error_names_cell_and_line: 'pass',
  test_replearn_typescript_error: 'pass',
  test_replearn_stop_on_error_aborts_queued: 'pass',
  test_replearn_interrupt_sync_loop_and_await: 'pass',
  test_replearn_async_output_goes_to_its_cell: 'pass',
  test_replearn_comms: 'pass',
  test_replearn_rich_results: 'pass',
  test_replearn_esm_import: 'pass',
  test_replearn_progress_updates_in_place: 'pass',
  test_replearn_inspect_library: 'pass',
};

interface SuiteResult {
  tests: Record<string, string>;
  subtests: Record<string, string>;
}

function runSuite(): Promise<{ code: number; result: SuiteResult | null; stderr: string }> {
  const env = { ...process.env, JUPYTER_PATH: path.join(ROOT, 'jupyter') };
  return new Promise((resolve) => {
    execFile(
      PYTHON,
      [SUITE, '--json'],
      { cwd: ROOT, env, timeout: 10 * 60_000, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        const last = stdout.trim().split('\n').pop() ?? '';
        let result: SuiteResult | null;
        try {
          result = JSON.parse(last) as SuiteResult;
        } catch {
          result = null;
        }
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, result, stderr });
      },
    );
  });
}

function hasKernelTest(): boolean {
  if (!fs.existsSync(PYTHON)) return false;
  const site = path.join(ROOT, '.venv', 'lib');
  return fs.readdirSync(site).some((py) => fs.existsSync(path.join(site, py, 'site-packages', 'jupyter_kernel_test')));
}

describe('kernel conformance: jupyter_kernel_test against the replearn kernel', function () {
  if (!hasKernelTest()) {
    it.skip('skipped: .venv has no jupyter_kernel_test (npm install installs requirements.txt into .venv)');
    return;
  }
  let run: Awaited<ReturnType<typeof runSuite>>;

  before(async function () {
    this.timeout(10 * 60_000);
    const t0 = Date.now();
    run = await runSuite();
    console.log(`      jupyter_kernel_test ran in ${((Date.now() - t0) / 1000).toFixed(1)} s (exit ${run.code})`);
  });

  it('the suite runs and reports every check', () => {
    assert.ok(run.result, `no JSON result from the suite (exit ${run.code}):\n${run.stderr.slice(-4000)}`);
  });

  it('every check passes, none is skipped', () => {
    assert.ok(run.result);
    assert.deepStrictEqual(run.result.tests, EXPECTED, `outcomes differ; suite output:\n${run.stderr.slice(-4000)}`);
  });

  it('no subtest failed, and the suite exits 0', () => {
    assert.ok(run.result);
    const bad = Object.entries(run.result.subtests).filter(([, o]) => o === 'fail' || o === 'error');
    assert.deepStrictEqual(bad, []);
    assert.strictEqual(run.code, 0, run.stderr.slice(-4000));
  });
});
