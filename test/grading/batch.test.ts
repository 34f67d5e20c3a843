// The whole instructor workflow through the command line: `replearn assign`, then `replearn grade`
// on 20 submissions with --jobs 2; the gradebook must hold exactly the expected points.
import { strict as assert } from 'assert';
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { maskedPoints, maskedSubmission } from './adversaries';
import { sourceNotebook, tempDir, writeFile } from './fixtures';

const STUDENTS = 20;

function replearn(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot(), 'bin', 'replearn.js'), ...args],
      { maxBuffer: 16 << 20 },
      (error, stdout, stderr) => {
        resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
      },
    );
  });
}

describe('grading end to end: assign + grade 20 submissions with --jobs 2 (CLI)', function () {
  this.timeout(30 * 60_000);
  let dir: string;
  after(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });
  // Kernel runs take minutes on a busy machine: REPLEARN_SKIP_GRADING_E2E=1 skips them in quick local runs.
  before(function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
  });

  it('writes a correct gradebook, feedback for everyone and a summary table', async () => {
    dir = tempDir('replearn-batch-');
    const source = writeFile(dir, 'source/synthetic.ipynb', sourceNotebook());
    const assigned = await replearn(['assign', source, '--out', path.join(dir, 'release')]);
    assert.equal(assigned.code, 0, assigned.stderr);
    assert.match(assigned.stdout, /synthetic\.ipynb: 3 exercises, 7 points/);
    const masks = Array.from({ length: STUDENTS }, (_, i) => (i * 5) % 8);
    masks.forEach((mask, i) =>
      writeFile(dir, `subs/s${String(i + 1).padStart(2, '0')}/synthetic.ipynb`, maskedSubmission(mask)),
    );

    const started = Date.now();
    const graded = await replearn([
      'grade',
      path.join(dir, 'release', 'autograder'),
      path.join(dir, 'subs'),
      '--out',
      path.join(dir, 'grades'),
      '--jobs',
      '2',
      '--memory',
      '512',
    ]);
    const seconds = (Date.now() - started) / 1000;
    console.log(`      graded ${STUDENTS} submissions with --jobs 2 in ${seconds.toFixed(1)} s`);
    assert.equal(graded.code, 0, graded.stderr);

    const rows = fs
      .readFileSync(path.join(dir, 'grades', 'gradebook.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    assert.equal(rows.length, STUDENTS * 3);
    masks.forEach((mask, i) => {
      const student = `s${String(i + 1).padStart(2, '0')}`;
      const expected = maskedPoints(mask);
      for (const ex of ['norm', 'double', 'safediv'] as const) {
        const row = rows.find((r) => r[0] === student && r[2] === ex);
        assert.ok(row, `row ${student}/${ex}`);
        assert.equal(Number(row[3]), expected[ex], `${student} ${ex}: ${row.join(',')}`);
        assert.equal(row[5], expected[ex] > 0 ? 'passed' : 'failed');
      }
      assert.ok(fs.existsSync(path.join(dir, 'grades', 'feedback', student, 'synthetic.html')));
    });
    const summary = graded.stdout.split('\n').filter((l) => /^s\d\d\s/.test(l));
    assert.equal(summary.length, STUDENTS);
    assert.match(summary[0], /^s01\s+0\/3\s+0\/2\s+0\/2\s+0\/7$/);
    assert.match(graded.stdout, new RegExp(`graded ${STUDENTS} submissions`));
  });
});
