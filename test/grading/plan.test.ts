import { strict as assert } from 'assert';
import { assignmentFromNotebook, referencePlan, submissionPlan, type SubmissionPlan } from '../../lib/grading/plan';
import { studentVersion } from '../../lib/grading/assign-transform';
import { code, sourceNotebook } from './fixtures';

/** Each planned cell's role and exercise, in order. */
const roles = (plan: SubmissionPlan): [string, string][] => plan.cells.map((c) => [c.role, c.exercise ?? '']);

/** The synthetic assignment's cells, each answer followed by its tests. */
const IN_ORDER = [
  ['other', ''],
  ['answer', 'norm'],
  ['tests', 'norm'],
  ['answer', 'double'],
  ['tests', 'double'],
  ['answer', 'safediv'],
  ['tests', 'safediv'],
];

describe('grading/plan (what a graded kernel runs)', () => {
  const a = assignmentFromNotebook(sourceNotebook(), 'synthetic.ipynb');
  const student = studentVersion(a.notebook, a.exercises);

  it('the reference plan is the autograder notebook with tests sent over the channel (expected values kept)', () => {
    const plan = referencePlan(a);
    assert.deepEqual(
      plan.map((c) => c.role),
      ['other', 'answer', 'tests', 'answer', 'tests', 'answer', 'tests'],
    );
    assert.match(plan[2].tests!.code, /norm\(\[1, 2, 2\]\), 3, 1e-9/);
    assert.match(plan[2].code, /runTests\(\)/);
    assert.equal(a.usesTensors, false);
  });

  it("a submission gets the instructor's tests (hidden ones included, expected values cut) where its tests cells were", () => {
    const plan = submissionPlan(a, student);
    assert.deepEqual(roles(plan), IN_ORDER);
    const normTests = plan.cells[2].tests!.code;
    assert.match(normTests, /norm\(\[1, 2, 2\]\)\)/);
    assert.doesNotMatch(normTests, /, 3, 1e-9/);
    assert.equal(plan.unavailable.size, 0);
  });

  it("drops edited tests cells, runs the instructor's where the student's were (else after the answer), finds a header-less answer by cell id", () => {
    const nb = structuredClone(student);
    nb.cells[3] = code('tests-norm', '// TESTS norm\nawait exercises.test("free", 3, () => {});');
    nb.cells.splice(5, 1); // the double tests cell
    nb.cells[6] = { ...nb.cells[6], source: 'function safeDiv(a: number, b: number) { return a / b; }' }; // header deleted
    let plan = submissionPlan(a, nb);
    assert.deepEqual(roles(plan), IN_ORDER);
    nb.cells.push(code('extra', '// TESTS double\nconsole.log("fake tests")'));
    plan = submissionPlan(a, nb);
    assert.deepEqual(roles(plan), [
      ['other', ''],
      ['answer', 'norm'],
      ['tests', 'norm'],
      ['answer', 'double'],
      ['answer', 'safediv'],
      ['tests', 'safediv'],
      ['tests', 'double'],
    ]);
    assert.ok(plan.cells.every((c) => !/fake tests|"free"/.test(c.code)));
  });

  it('reports duplicate, missing and unknown exercises', () => {
    const nb = structuredClone(student);
    nb.cells.push({ ...nb.cells[2], id: 'dup' });
    nb.cells.splice(4, 1); // the double answer cell
    nb.cells.push(code('other', '// EXERCISE bonus (1 point)\nconst bonus = 1;'));
    const plan = submissionPlan(a, nb);
    assert.equal(plan.unavailable.get('norm')?.status, 'invalid');
    assert.match(plan.unavailable.get('norm')!.message, /appears in 2 answer cells/);
    assert.equal(plan.unavailable.get('double')?.status, 'missing');
    assert.match(plan.notes.join('\n'), /exercise bonus is not part of synthetic\.ipynb/);
    assert.ok(!plan.cells.some((c) => c.role === 'tests' && (c.exercise === 'norm' || c.exercise === 'double')));
  });
});
