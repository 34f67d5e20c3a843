import { strict as assert } from 'assert';
import { feedbackHtml, safeName } from '../../lib/grading/feedback';
import { gradebookCsv, gradebookRows, SubmissionResult } from '../../lib/grading/gradebook';
import { summaryTable } from '../../lib/grading/summary';

const result: SubmissionResult = {
  student: 'alice',
  notebook: 'lesson.ipynb',
  file: 'alice/lesson.ipynb',
  notes: ['the kernel was restarted 1 time(s)'],
  points: 2,
  max: 5,
  durationMs: 10,
  exercises: [
    {
      id: 'a',
      max: 3,
      points: 2,
      status: 'partial',
      message: '1 of 2 tests failed',
      tests: [
        { name: 'visible <b>', points: 2, earned: 2, hidden: false, passed: true },
        {
          name: 'secret',
          points: 1,
          earned: 0,
          hidden: true,
          passed: false,
          message: 'got 2, "not" <within> 1e-9, of the expected value',
        },
      ],
    },
    { id: 'b', max: 2, points: 0, status: 'timeout', message: 'cell 4 ran past the 20 s limit per cell', tests: [] },
  ],
};

describe('grading/gradebook, feedback and summary', () => {
  it('writes one CSV row per student and exercise, quoting commas and quotes', () => {
    const csv = gradebookCsv(gradebookRows([result]));
    assert.equal(
      csv,
      'student,notebook,exercise,points,max,status,message\n' +
        'alice,lesson.ipynb,a,2,3,partial,1 of 2 tests failed\n' +
        'alice,lesson.ipynb,b,0,2,timeout,cell 4 ran past the 20 s limit per cell\n',
    );
    const tricky = gradebookCsv([
      { student: 'o"neil', notebook: 'n', exercise: 'e', points: 0, max: 1, status: 'failed', message: 'a, b\nc' },
    ]);
    assert.equal(tricky.split('\n').slice(1).join('\n'), '"o""neil",n,e,0,1,failed,"a, b\nc"\n');
  });

  it('feedback shows points, statuses and escaped messages, marks hidden tests by name only', () => {
    const html = feedbackHtml(result);
    assert.match(html, /2 \/ 5 points/);
    assert.match(html, /secret <span class="hidden">\(hidden test\)<\/span>/);
    assert.match(html, /visible &lt;b&gt;/);
    assert.match(html, /&quot;not&quot; &lt;within&gt;/);
    assert.match(html, /timeout/);
    assert.equal(safeName('../../etc/passwd'), '__.._etc_passwd');
  });

  it('the terminal summary has a column per exercise and the unusual statuses as remarks', () => {
    const lines = summaryTable([result]).split('\n');
    assert.match(lines[0], /^student\s+a\s+b\s+total\s+remarks$/);
    assert.match(lines[2], /^alice\s+2\/3\s+0\/2\s+2\/5\s+b: timeout$/);
  });
});
