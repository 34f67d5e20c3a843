// The check of lessons' headline numbers (test/support/lesson-results.ts) against notebooks/expected-results.json:
// that it passes and fails where it should, that a lesson broken on purpose fails it, and (REPLEARN_RESULTS_DIR)
// the executed notebooks of a separate run, such as `npx replearn run --full notebooks --out DIR`.
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { readNotebook, runNotebook } from '../lib/jupyter/runner';
import { projectRoot } from '../lib/project';
import { RESULTS_MIME } from '../lib/viz/results-table';
import { makeNotebook } from './kernel/notebook-fixture';
import { checkLessonResults, ExpectedResults, lessonName, loadExpectedResults } from './support/lesson-results';

/** An executed notebook holding one results table, as showResults writes it. */
function executed(rows: { key?: string; ours: number | string }[], backend = 'tensorflow', budget = 'quick') {
  const full = rows.map((r) => ({
    ...r,
    result: 'r',
    source: 's',
    published: '—',
    publishedText: '—',
    oursText: '',
    setup: '',
  }));
  return { cells: [{ outputs: [{ data: { [RESULTS_MIME]: { budget, backend, rows: full } } }] }] };
}

const BAND = { value: 0.9, tolerance: 0.02, backends: ['tensorflow'], set: 'fixture' };
const EXPECTED: ExpectedResults = { lesson: { accuracy: { quick: BAND }, loss: { full: { ...BAND, value: 0.1 } } } };

describe('lesson results: headline numbers against notebooks/expected-results.json', () => {
  it('passes a number inside its band and fails one outside, naming the band', () => {
    const inside = checkLessonResults('lesson', executed([{ key: 'accuracy', ours: 0.915 }]), EXPECTED);
    assert.deepStrictEqual(inside.failures, []);
    assert.strictEqual(inside.passed.length, 1);
    const outside = checkLessonResults('lesson', executed([{ key: 'accuracy', ours: 0.85 }]), EXPECTED);
    assert.deepStrictEqual(outside.failures, [
      'lesson accuracy (quick, tensorflow): ours 0.85 is outside 0.9 ± 0.02 (band: fixture)',
    ]);
  });

  it('fails a missing number and text where a number belongs; lists a number with no band yet', () => {
    const missing = checkLessonResults('lesson', executed([{ ours: 0.9 }]), EXPECTED);
    assert.match(
      missing.failures.join('\n'),
      /accuracy: expected for the quick budget but not in the lesson's results/,
    );
    const unknown = checkLessonResults(
      'lesson',
      executed([
        { key: 'accuracy', ours: 0.9 },
        { key: 'new', ours: 1 },
      ]),
      EXPECTED,
    );
    assert.deepStrictEqual(unknown.failures, []);
    assert.match(unknown.skipped.join('\n'), /new: no band in notebooks\/expected-results.json yet/);
    const text = checkLessonResults('lesson', executed([{ key: 'accuracy', ours: '90%' }]), EXPECTED);
    assert.match(text.failures.join('\n'), /not a number/);
    const noTable = checkLessonResults('lesson', { cells: [] }, EXPECTED);
    assert.match(noTable.failures.join('\n'), /no results table/);
  });

  it('checks only the run budget and the backends a band was measured on', () => {
    const wasm = checkLessonResults('lesson', executed([{ key: 'accuracy', ours: 0.5 }], 'wasm'), EXPECTED);
    assert.deepStrictEqual(wasm.failures, []);
    assert.match(wasm.skipped.join('\n'), /band set on tensorflow, not wasm/);
    const full = checkLessonResults(
      'lesson',
      executed(
        [
          { key: 'accuracy', ours: 0.5 },
          { key: 'loss', ours: 0.5 },
        ],
        'tensorflow',
        'full',
      ),
      EXPECTED,
    );
    assert.deepStrictEqual(full.failures, [
      'lesson loss (full, tensorflow): ours 0.5 is outside 0.1 ± 0.02 (band: fixture)',
    ]);
  });

  it('the checked-in file is well formed: every band has a value, a tolerance, backends and how it was set', () => {
    const lessons = loadExpectedResults();
    assert.ok(Object.keys(lessons).length > 0);
    for (const [lesson, keys] of Object.entries(lessons))
      for (const [key, budgets] of Object.entries(keys))
        for (const [budget, band] of Object.entries(budgets)) {
          const where = `${lesson} ${key} ${budget}`;
          assert.ok(['quick', 'full'].includes(budget), where);
          assert.ok(band && Number.isFinite(band.value) && band.tolerance > 0, where);
          assert.ok(
            band.backends.length > 0 && band.backends.every((b) => ['tensorflow', 'wasm', 'cpu'].includes(b)),
            where,
          );
          assert.ok(band.set.length > 20, `${where}: say how the band was set`);
          assert.ok(
            fs.existsSync(path.join(projectRoot(), 'notebooks', `${lesson}.ipynb`)),
            `${where}: no such lesson`,
          );
        }
  });

  describe('a lesson broken on purpose fails the check (a tiny lesson, run on the kernel)', function () {
    this.timeout(240_000);
    // Softmax regression on 1,000 digits; FIXTURE_BREAK=labels pairs every image with another image's label,
    // FIXTURE_BREAK=loss flips the sign of the cross-entropy (training climbs it instead of descending).
    const lesson = makeNotebook([
      `import { tf, initBackend, loadMnist, showResults } from 'replearn';
await initBackend({ quiet: true });
const digits = await loadMnist({ limit: 2000 });
const images = digits.images.slice(0, 1000), testImages = digits.images.slice(1000, 1000);
const labels = Array.from(digits.labels.subarray(0, 1000)), testLabels = digits.labels.subarray(1000);
if (process.env.FIXTURE_BREAK === 'labels') labels.reverse();`,
      `const model = tf.sequential({ layers: [tf.layers.flatten({ inputShape: [28, 28, 1] }),
  tf.layers.dense({ units: 10, activation: 'softmax', kernelInitializer: 'zeros' })] });
const brokenLoss = process.env.FIXTURE_BREAK === 'loss';
// minus the cross-entropy (on one-hot targets): minimising it pushes the true class's probability down
const climbing = (y: tf.Tensor, p: tf.Tensor): tf.Tensor => tf.mean(tf.sum(tf.mul(y, tf.log(tf.add(p, 1e-7))), 1));
model.compile({ optimizer: tf.train.adam(0.01), loss: brokenLoss ? climbing : 'sparseCategoricalCrossentropy' });
const targets = brokenLoss ? tf.oneHot(tf.tensor1d(labels, 'int32'), 10) : tf.tensor1d(labels, 'float32');
await model.fit(images, targets, { epochs: 5, batchSize: 100, shuffle: false, verbose: 0 });
const predicted = Array.from(tf.tidy(() => (model.predict(testImages) as tf.Tensor).argMax(1).dataSync()));
const accuracy = predicted.reduce((s, p, i) => s + (p === testLabels[i] ? 1 : 0), 0) / predicted.length;
showResults([{ key: 'accuracy', result: 'softmax regression, accuracy on 1,000 held-out digits', source: '—', published: '—',
  ours: accuracy, setup: '1,000 training digits, 5 epochs', format: 'percent' }]);`,
    ]);

    // Wide enough for either backend and either MNIST source; a label shuffle lands near 10%.
    const expected: ExpectedResults = {
      fixture: {
        accuracy: {
          quick: {
            value: 0.82,
            tolerance: 0.08,
            backends: ['tensorflow', 'wasm', 'cpu'],
            set: 'by hand for this fixture',
          },
        },
      },
    };
    const run = (env: Record<string, string>) =>
      runNotebook(lesson, {
        cwd: projectRoot(),
        cellTimeoutMs: 120_000,
        // The npm package's digits whatever the data directory holds: one band fits every machine.
        env: { REPLEARN_DATA: undefined, REPLEARN_BUDGET: undefined, ...env },
      });

    it('the healthy lesson passes', async () => {
      const r = await run({});
      assert.ok(r.ok, JSON.stringify(r.failure?.error));
      const check = checkLessonResults('fixture', r.notebook, expected);
      assert.deepStrictEqual(check.failures, []);
      assert.strictEqual(check.passed.length, 1);
    });

    it('the same lesson with shuffled labels fails', async () => {
      const r = await run({ FIXTURE_BREAK: 'labels' });
      assert.ok(r.ok, JSON.stringify(r.failure?.error));
      const check = checkLessonResults('fixture', r.notebook, expected);
      assert.strictEqual(check.failures.length, 1, check.passed.join('\n'));
      assert.match(check.failures[0], /fixture accuracy \(quick, \w+\): ours 0\.\d+ is outside 0\.82 ± 0\.08/);
    });

    it('the same lesson with a broken loss (its sign flipped) fails', async () => {
      const r = await run({ FIXTURE_BREAK: 'loss' });
      assert.ok(r.ok, JSON.stringify(r.failure?.error));
      const check = checkLessonResults('fixture', r.notebook, expected);
      assert.strictEqual(check.failures.length, 1, check.passed.join('\n'));
      assert.match(check.failures[0], /fixture accuracy \(quick, \w+\): ours [\d.]+ is outside 0\.82 ± 0\.08/);
    });
  });

  describe('executed notebooks in REPLEARN_RESULTS_DIR (a separate run, e.g. --full)', () => {
    const dir = process.env.REPLEARN_RESULTS_DIR;
    if (!dir) {
      it.skip('REPLEARN_RESULTS_DIR is not set');
      return;
    }
    const files = fs
      .readdirSync(dir)
      .filter((n) => n.endsWith('.ipynb'))
      .sort();
    for (const file of files)
      it(`${file}: its headline numbers are within their bands`, () => {
        const check = checkLessonResults(lessonName(file), readNotebook(path.join(dir, file)), loadExpectedResults());
        assert.deepStrictEqual(check.failures, []);
      });
  });
});
