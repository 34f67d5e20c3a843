// Every lesson with exercises: `assign` works (its source passes its own tests on a graded kernel), the
// student version scores 0 and the source scores full marks. Slow (each lesson runs three times):
// REPLEARN_SKIP_LESSON_GRADING=1 skips it.
import { strict as assert } from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { assignNotebooks, DEFAULT_SANDBOX, firstLine, gradeAgainst } from '../../lib/grading';
import { allDatasetStatus } from '../../lib/data/fetching/status';
import { cellSource, readNotebook } from '../../lib/jupyter/runner';
import { projectRoot } from '../../lib/project';
import { tempDir } from './fixtures';
import { pendingForMissing } from '../support/needs-data';

const notebooksDir = path.join(projectRoot(), 'notebooks');
// REPLEARN_GRADE_LESSONS=04-signature-verification,07-conv-autoencoder grades only those (CI's fixed sample); unset: all.
const gradedSample = (process.env.REPLEARN_GRADE_LESSONS ?? '')
  .split(',')
  .map((s) => s.trim().replace(/\.ipynb$/, ''))
  .filter((s) => s !== '');
/** Lessons with at least one code cell whose first line is an exercise header (well-formed or not). */
const lessons = fs.existsSync(notebooksDir)
  ? fs
      .readdirSync(notebooksDir)
      .filter((f) => f.endsWith('.ipynb'))
      .sort()
      .filter((f) =>
        readNotebook(path.join(notebooksDir, f)).cells.some(
          (c) => c.cell_type === 'code' && /^\/\/\s*EXERCISE\b/.test(firstLine(cellSource(c))),
        ),
      )
      .filter((f) => gradedSample.length === 0 || gradedSample.includes(f.replace(/\.ipynb$/, '')))
  : [];

describe('grading the lessons: assign, student version scores 0, source scores full marks', function () {
  this.timeout(60 * 60_000);
  before(function () {
    if (process.env.REPLEARN_SKIP_LESSON_GRADING === '1') this.skip();
  });

  it('finds lessons with exercises', () => {
    assert.ok(lessons.length > 0, 'no notebooks/*.ipynb has an // EXERCISE cell');
  });

  for (const lesson of lessons) {
    it(lesson, async function () {
      const dir = tempDir('replearn-lesson-grading-');
      try {
        const source = path.join(notebooksDir, lesson);
        const started = Date.now();
        const missingHere = (): string[] =>
          allDatasetStatus()
            .filter((d) => !d.complete && !d.fallback)
            .map((d) => d.name);
        let assigned;
        try {
          [assigned] = await assignNotebooks([source], {
            outDir: path.join(dir, 'release'),
            jobs: 1,
            cellTimeoutMs: 600_000,
            sandbox: DEFAULT_SANDBOX,
          });
        } catch (e) {
          // Without its data a lesson's source cannot pass its own tests: pending for the missing datasets.
          console.log(`      ${lesson}: ${(e as Error).message.split('\n').slice(0, 3).join(' | ')}`);
          pendingForMissing(this, missingHere());
          throw e;
        }
        const verifyS = (Date.now() - started) / 1000;
        fs.mkdirSync(path.join(dir, 'subs', 'source'), { recursive: true });
        fs.mkdirSync(path.join(dir, 'subs', 'student'), { recursive: true });
        fs.copyFileSync(source, path.join(dir, 'subs', 'source', lesson));
        fs.copyFileSync(assigned.student, path.join(dir, 'subs', 'student', lesson));
        const report = await gradeAgainst(new Map([[lesson, assigned.reference]]), [path.join(dir, 'subs')], {
          outDir: path.join(dir, 'grades'),
          jobs: 2,
          sandbox: DEFAULT_SANDBOX,
        });
        const byStudent = new Map(report.results.map((r) => [r.student, r]));
        const src = byStudent.get('source')!;
        const stu = byStudent.get('student')!;
        console.log(
          `      ${lesson}: ${assigned.exercises.length} exercises, ${src.max} points; verify ${verifyS.toFixed(0)} s, ` +
            `grade source ${(src.durationMs / 1000).toFixed(0)} s, student ${(stu.durationMs / 1000).toFixed(0)} s`,
        );
        const detail = (r: typeof src): string =>
          JSON.stringify(
            r.exercises.map((e) => [
              e.id,
              e.status,
              e.tests.filter((t) => !t.passed).map((t) => `${t.name}: ${t.message}`),
            ]),
          );
        // A lesson without its data still runs (dependent cells are skipped); if that costs points, say which is missing.
        const absent = missingHere();
        const missing = absent.map((name) => `${name} (npx replearn data fetch ${name})`);
        // Without its data a lesson's source cannot earn full marks: that is pending for the missing datasets.
        if (src.points !== src.max && missing.length > 0) {
          console.log(`      ${lesson}: source ${src.points}/${src.max}; datasets missing here: ${missing.join(', ')}`);
          pendingForMissing(this, absent);
        }
        assert.equal(
          src.points,
          src.max,
          `source: ${detail(src)}${missing.length ? `; datasets missing here: ${missing.join(', ')}` : ''}`,
        );
        assert.equal(stu.points, 0, `student version: ${detail(stu)}`);
        assert.ok(src.max > 0);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  }
});
