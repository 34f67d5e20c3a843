// Runs the Jupyter project's kernel conformance suite (jupyter_kernel_test, test_replearn_kernel.py) against the
// replearn kernelspec and asserts the outcome of every check: what tslab passes, and which checks are skipped for
// a documented tslab gap. A changed outcome (tslab fixed or broke something) fails here by name.
import * as assert from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';

const ROOT = projectRoot();
const PYTHON = path.join(ROOT, '.venv', 'bin', 'python');
const SUITE = path.join(ROOT, 'test', 'kernel_conformance', 'test_replearn_kernel.py');

/** Every check and its expected outcome ('skip' = skipped with a reason in the suite). */
const EXPECTED: Record<string, 'pass' | 'skip'> = {
  // upstream checks tslab passes
  test_execute_stdout: 'pass',
  test_execute_stderr: 'pass',
  test_completion: 'pass',
  test_inspect: 'pass',
  test_is_complete: 'pass', // complete / incomplete samples
  test_display_data: 'pass', // tslab.display.html, showMarkdown, showImages (PNG), showChart (vega-lite)
  // upstream checks tslab fails: skipped, the tslab_* tests pin down what it does instead
  test_kernel_info: 'skip',
  test_error: 'skip',
  test_execute_result: 'skip',
  // protocol features tslab lacks
  test_pager: 'skip',
  test_clear_output: 'skip',
  test_history: 'skip',
  test_recv_iopub_welcome_msg: 'skip',
  // tslab's actual behaviour
  test_tslab_kernel_info: 'pass',
  test_tslab_error_on_stderr: 'pass',
  test_tslab_last_expression_on_stdout: 'pass',
  test_tslab_invalid_code: 'pass',
  // what replearn needs from the protocol
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
        let result: SuiteResult | null = null;
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

describe('kernel conformance: jupyter_kernel_test against the replearn kernelspec (tslab)', function () {
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

  it('every check has its expected outcome (tslab gaps skipped with a reason)', () => {
    assert.ok(run.result);
    const got = Object.fromEntries(
      Object.entries(run.result.tests).map(([name, outcome]) => [name, outcome.startsWith('skip') ? 'skip' : outcome]),
    );
    assert.deepStrictEqual(got, EXPECTED, `outcomes differ; suite output:\n${run.stderr.slice(-4000)}`);
    for (const [name, outcome] of Object.entries(run.result.tests)) {
      if (outcome.startsWith('skip'))
        assert.match(outcome, /^skip: tslab/, `${name} is skipped without a tslab reason: ${outcome}`);
    }
  });

  it('no subtest failed, and the suite exits 0', () => {
    assert.ok(run.result);
    const bad = Object.entries(run.result.subtests).filter(([, o]) => o === 'fail' || o === 'error');
    assert.deepStrictEqual(bad, []);
    assert.strictEqual(run.code, 0, run.stderr.slice(-4000));
  });
});
