// The Gradescope autograder rehearsed here: the zip `assign --gradescope` writes is unpacked (by
// Python's zipfile, not our reader) into a temporary /autograder tree, and its run_autograder grades
// the instructor's source (full marks), the student version (0) and a submission that tries to read
// the hidden tests (0); every results.json must satisfy a JSON schema written from Gradescope's spec.
import { strict as assert } from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  assignmentFromNotebook,
  autograderVersion,
  GradescopeResults,
  gradescopeResults,
  studentVersion,
  SubmissionResult,
  writeGradescopeZip,
} from '../../lib/grading';
import { projectRoot } from '../../lib/project';
import { adversaries } from './adversaries';
import { sourceNotebook, tempDir, writeFile } from './fixtures';

const root = projectRoot();
const python = path.join(root, '.venv', 'bin', 'python');
const schema = path.join(root, 'test', 'grading', 'gradescope-results.schema.json');

/** Problems of `results` against the schema (empty when valid), by the jsonschema package in .venv. */
function schemaProblems(results: unknown): string[] {
  assert.ok(fs.existsSync(python), `${python} is missing: run npm install (it creates .venv)`);
  const script = [
    'import json, sys, jsonschema',
    'schema = json.load(open(sys.argv[1]))',
    'doc = json.loads(sys.stdin.read())',
    'v = jsonschema.Draft7Validator(schema)',
    'print(json.dumps([f"{list(e.absolute_path)}: {e.message}" for e in v.iter_errors(doc)]))',
  ].join('\n');
  const out = execFileSync(python, ['-c', script, schema], { input: JSON.stringify(results), encoding: 'utf8' });
  return JSON.parse(out) as string[];
}

describe('grading/gradescope: assign --gradescope zip and run_autograder', function () {
  this.timeout(30 * 60_000);
  let dir: string;
  before(() => {
    dir = tempDir('replearn-gradescope-');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the schema bites: a result with a misspelt key or a bad visibility is refused', () => {
    const result: SubmissionResult = {
      student: 's',
      notebook: 'n.ipynb',
      file: 'n.ipynb',
      notes: ['the kernel was restarted 1 time(s)'],
      exercises: [
        {
          id: 'a',
          max: 3,
          points: 2,
          status: 'partial',
          tests: [
            { name: 'shown', points: 2, earned: 2, hidden: false, passed: true },
            { name: 'secret', points: 1, earned: 0, hidden: true, passed: false, message: 'got 2' },
          ],
        },
        { id: 'b', max: 2, points: 0, status: 'timeout', message: 'ran past 20 s', tests: [] },
      ],
      points: 2,
      max: 5,
      durationMs: 1,
    };
    const good = gradescopeResults([result], [], 3.4);
    assert.deepEqual(schemaProblems(good), []);
    assert.equal(good.score, 2);
    assert.deepEqual(
      good.tests.map((t) => [t.name, t.score, t.max_score, t.visibility]),
      [
        ['a: shown', 2, 2, 'visible'],
        ['a: secret', 0, 1, 'after_published'],
        ['b', 0, 2, 'visible'],
      ],
    );
    assert.match(good.output, /^2 \/ 5 points\nn\.ipynb: 2 \/ 5 points\nn\.ipynb: the kernel was restarted/);
    assert.equal(schemaProblems({ ...good, tests: [{ ...good.tests[0], maxscore: 1 }] }).length, 1);
    assert.equal(schemaProblems({ ...good, tests: [{ ...good.tests[0], visibility: 'secret' }] }).length, 1);
  });

  it('the zip has setup.sh and run_autograder (executable) at its root, the notebooks and the kit', () => {
    const source = sourceNotebook();
    writeFile(dir, 'release/autograder/synthetic.ipynb', autograderVersion(source));
    const zip = writeGradescopeZip(
      path.join(dir, 'autograder.zip'),
      [path.join(dir, 'release/autograder/synthetic.ipynb')],
      ['mnist'],
    );
    assert.ok(zip.bytes > 10_000 && zip.bytes < 20_000_000, `${zip.bytes} bytes`);
    const listing = execFileSync(
      python,
      [
        '-c',
        'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1])\nprint(json.dumps({i.filename: i.external_attr >> 16 for i in z.infolist()}))\nz.extractall(sys.argv[2])',
        zip.file,
        path.join(dir, 'autograder', 'source'),
      ],
      { encoding: 'utf8' },
    );
    const modes = JSON.parse(listing) as Record<string, number>;
    assert.equal(modes['setup.sh'] & 0o777, 0o755);
    assert.equal(modes.run_autograder & 0o777, 0o755);
    for (const f of [
      'autograder/synthetic.ipynb',
      'kit/package.json',
      'kit/package-lock.json',
      'kit/dist/lib/cli/main.js',
    ]) {
      assert.ok(f in modes, `${f} in the zip`);
    }
    assert.ok(!Object.keys(modes).some((f) => f.startsWith('kit/lib/') || f.startsWith('kit/dist/test/')));
    for (const f of ['setup.sh', 'run_autograder']) {
      const r = spawnSync('bash', ['-n', path.join(dir, 'autograder', 'source', f)], { encoding: 'utf8' });
      assert.equal(r.status, 0, `${f}: ${r.stderr}`);
    }
    assert.match(fs.readFileSync(path.join(dir, 'autograder', 'source', 'datasets.txt'), 'utf8'), /^mnist$/m);
  });

  it('run_autograder: the source scores 7/7, the student version 0, a hidden-test thief 0', function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
    const tree = path.join(dir, 'autograder');
    assert.ok(fs.existsSync(path.join(tree, 'source', 'run_autograder')), 'the previous test unpacked the zip');
    const source = sourceNotebook();
    const layouts = assignmentFromNotebook(source, 'synthetic.ipynb').exercises;
    const thief = adversaries({
      autograder: path.join(tree, 'source', 'autograder', 'synthetic.ipynb'),
      source: path.join(tree, 'source', 'autograder', 'synthetic.ipynb'),
    }).find((a) => a.name === 'reads-hidden-tests');
    assert.ok(thief);
    const cases: { name: string; content: typeof source | string; score: number }[] = [
      { name: 'source', content: source, score: 7 },
      { name: 'student version', content: studentVersion(source, layouts), score: 0 },
      { name: thief.name, content: thief.content, score: 0 },
    ];
    for (const c of cases) {
      fs.rmSync(path.join(tree, 'submission'), { recursive: true, force: true });
      fs.rmSync(path.join(tree, 'results'), { recursive: true, force: true });
      writeFile(tree, 'submission/synthetic.ipynb', c.content);
      const r = spawnSync('bash', [path.join(tree, 'source', 'run_autograder')], {
        env: { ...process.env, REPLEARN_AUTOGRADER_ROOT: tree, REPLEARN_KIT: root },
        encoding: 'utf8',
      });
      assert.equal(r.status, 0, `${c.name}: ${r.stderr}`);
      const results = JSON.parse(
        fs.readFileSync(path.join(tree, 'results', 'results.json'), 'utf8'),
      ) as GradescopeResults;
      assert.deepEqual(schemaProblems(results), [], c.name);
      assert.equal(results.score, c.score, `${c.name}: ${results.output}`);
      assert.equal(results.tests.length, 7, `${c.name}: one Gradescope test per notebook test`);
      assert.equal(
        results.tests.reduce((s, t) => s + t.max_score, 0),
        7,
      );
      assert.equal(results.tests.filter((t) => t.visibility === 'after_published').length, 4, 'hidden tests');
      console.log(`      ${c.name}: ${results.score}/7 in ${results.execution_time} s`);
    }
  });

  it('run_autograder with nothing submitted still writes results.json (0 points, the reason)', function () {
    if (process.env.REPLEARN_SKIP_GRADING_E2E === '1') this.skip();
    const tree = path.join(dir, 'autograder');
    fs.rmSync(path.join(tree, 'submission'), { recursive: true, force: true });
    fs.mkdirSync(path.join(tree, 'submission'));
    writeFile(tree, 'submission/notes.txt', 'no notebook here');
    const r = spawnSync('bash', [path.join(tree, 'source', 'run_autograder')], {
      env: { ...process.env, REPLEARN_AUTOGRADER_ROOT: tree, REPLEARN_KIT: root },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const results = JSON.parse(
      fs.readFileSync(path.join(tree, 'results', 'results.json'), 'utf8'),
    ) as GradescopeResults;
    assert.deepEqual(schemaProblems(results), []);
    assert.equal(results.score, 0);
    assert.match(results.output, /synthetic\.ipynb was not submitted/);
  });
});
