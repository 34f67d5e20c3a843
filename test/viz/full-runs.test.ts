import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { captureDisplays } from '../../lib/viz/display';
import { FullRuns, fullRunMarkdown, loadFullRuns, showFullRuns } from '../../lib/viz/full-runs';
import { RESULTS_MIME } from '../../lib/viz/results-table';

const RUNS: FullRuns = {
  lessons: {
    '05-autoencoders': {
      backend: 'tensorflow',
      seconds: 5400,
      finished: '2026-12-03T23:10:00.000Z',
      conditions: '2 shared cores, load average 4–9',
      rows: [
        {
          key: 'deep-ae-test-bce',
          result: 'deep AE | test BCE',
          source: 'Keras blog',
          published: '≈0.08',
          publishedText: '≈0.08',
          ours: 0.0886,
          oursText: '0.0886',
          setup: '100 epochs',
        },
      ],
    },
  },
};

describe('viz/full-runs', () => {
  it("shows a lesson's last full run: when, how long, under what load, and its rows", () => {
    const md = fullRunMarkdown('05-autoencoders', RUNS);
    assert.match(
      md,
      /Last full run\*\* \(`npx replearn run --full`, 2026-12-03, tfjs-node\): 90\.0 min, 2 shared cores/,
    );
    // A pipe inside a cell would split the markdown row.
    assert.match(md, /\| deep AE \\\| test BCE \| ≈0\.08 \| 0\.0886 \| 100 epochs \|/);
  });

  it('says how to make one where no full run is recorded', () => {
    assert.match(fullRunMarkdown('07-conv-autoencoder', RUNS), /No full run of 07-conv-autoencoder is recorded yet/);
    assert.deepStrictEqual(loadFullRuns(path.join(os.tmpdir(), 'no-such-full-runs.json')), { lessons: {} });
  });

  it('showFullRuns displays the markdown of the recorded file', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'full-runs-')), 'full-runs.json');
    fs.writeFileSync(file, JSON.stringify(RUNS));
    const cap = captureDisplays();
    try {
      showFullRuns('05-autoencoders', file);
    } finally {
      cap.restore();
    }
    assert.strictEqual(cap.messages.length, 1);
    assert.match(String(cap.messages[0].data['text/markdown']), /0\.0886/);
  });

  it('the checked-in record names real lessons and holds full runs with numbers', () => {
    for (const [lesson, run] of Object.entries(loadFullRuns().lessons)) {
      assert.ok(fs.existsSync(path.join(projectRoot(), 'notebooks', `${lesson}.ipynb`)), `${lesson}: no such lesson`);
      assert.ok(run.seconds > 0 && run.conditions.length > 10 && run.rows.length > 0, lesson);
      assert.ok(
        run.rows.every((r) => r.key !== undefined),
        `${lesson}: only keyed rows`,
      );
    }
  });

  describe('scripts/full-runs.js', function () {
    this.timeout(30_000);
    const script = path.join(projectRoot(), 'scripts', 'full-runs.js');
    const executed = (budget: string) => ({
      metadata: { replearn_run: { budget, seconds: 120, finished: '2026-12-03T22:00:00.000Z' } },
      cells: [
        {
          outputs: [
            { data: { [RESULTS_MIME]: { budget, backend: 'wasm', rows: RUNS.lessons['05-autoencoders'].rows } } },
          ],
        },
      ],
    });
    /** Runs the script on a copy of the project's scripts/ and dist/ layout so the real record is untouched. */
    const runScript = (budget: string, args: string[]) => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'full-runs-script-'));
      fs.mkdirSync(path.join(root, 'scripts'));
      fs.mkdirSync(path.join(root, 'notebooks'));
      fs.copyFileSync(script, path.join(root, 'scripts', 'full-runs.js'));
      fs.copyFileSync(
        path.join(path.dirname(script), 'notebook-files.js'),
        path.join(root, 'scripts', 'notebook-files.js'),
      );
      fs.symlinkSync(path.join(projectRoot(), 'dist'), path.join(root, 'dist'));
      fs.mkdirSync(path.join(root, 'runs'));
      fs.writeFileSync(path.join(root, 'runs', '05-autoencoders.ipynb'), JSON.stringify(executed(budget)));
      const r = spawnSync(
        process.execPath,
        [path.join(root, 'scripts', 'full-runs.js'), ...args, path.join(root, 'runs')],
        {
          encoding: 'utf8',
        },
      );
      const out = path.join(root, 'notebooks', 'full-runs.json');
      return { ...r, record: fs.existsSync(out) ? (JSON.parse(fs.readFileSync(out, 'utf8')) as FullRuns) : undefined };
    };

    it('records a full run with its conditions', () => {
      const r = runScript('full', ['--conditions', '05-autoencoders=2 shared cores, load 5']);
      assert.strictEqual(r.status, 0, r.stderr);
      const run = r.record?.lessons['05-autoencoders'];
      assert.ok(run);
      assert.strictEqual(run.backend, 'wasm');
      assert.strictEqual(run.seconds, 120);
      assert.strictEqual(run.conditions, '2 shared cores, load 5');
      assert.strictEqual(run.rows[0].ours, 0.0886);
    });

    it('refuses a quick run and a run without its conditions, in one line', () => {
      const quick = runScript('quick', ['--conditions', '05-autoencoders=x']);
      assert.strictEqual(quick.status, 1);
      assert.match(quick.stderr, /^full-runs: .*not a full run/);
      assert.strictEqual(quick.record, undefined);
      const bare = runScript('full', []);
      assert.strictEqual(bare.status, 1);
      assert.match(bare.stderr.trim(), /^full-runs: say the machine and its load during 05-autoencoders's run/);
    });
  });

  describe('scripts/results-compare.js', () => {
    const script = path.join(projectRoot(), 'scripts', 'results-compare.js');
    const rows = RUNS.lessons['05-autoencoders'].rows;
    const folders: string[] = [];
    after(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));
    /** A folder holding 05 executed with these "ours" values, one per row, on `backend`. */
    const runFolder = (values: number[], backend: string) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'results-compare-'));
      folders.push(dir);
      const table = {
        budget: 'full',
        backend,
        rows: values.map((v, i) => ({ ...rows[0], key: `k${i}`, result: `result ${i}`, ours: v, oursText: String(v) })),
      };
      const notebook = {
        metadata: { replearn_run: { budget: 'full', seconds: 90, finished: '2026-12-04T00:00:00.000Z' } },
        cells: [{ outputs: [{ data: { [RESULTS_MIME]: table } }] }],
      };
      fs.writeFileSync(path.join(dir, '05-autoencoders.ipynb'), JSON.stringify(notebook));
      return dir;
    };

    it('puts each run in a column, one row per number, "—" where a run lacks it, and the run times', () => {
      const a = runFolder([0.5, 0.25], 'tensorflow');
      const b = runFolder([0.75], 'wasm');
      const r = spawnSync(process.execPath, [script, `seeds | 1=${a}`, `wasm=${b}`], { encoding: 'utf8' });
      assert.strictEqual(r.status, 0, r.stderr);
      assert.deepStrictEqual(r.stdout.trim().split('\n'), [
        '| lesson | result | seeds \\| 1 | wasm |',
        '|---|---|---|---|',
        '| 05-autoencoders | result 0 | 0.5 | 0.75 |',
        '| 05-autoencoders | result 1 | 0.25 | — |',
        '| 05-autoencoders | run time | 1.5 min | 1.5 min |',
      ]);
    });

    it('refuses arguments without a label or a folder that is not there, in one line', () => {
      const bare = spawnSync(process.execPath, [script, 'artifacts'], { encoding: 'utf8' });
      assert.strictEqual(bare.status, 2);
      assert.match(bare.stderr.trim(), /^usage: node scripts\/results-compare\.js/);
      const gone = spawnSync(process.execPath, [script, 'x=/nonexistent/folder'], { encoding: 'utf8' });
      assert.strictEqual(gone.status, 1);
      assert.strictEqual(gone.stderr.trim(), 'results-compare: no such notebook or folder: /nonexistent/folder');
    });
  });
});
