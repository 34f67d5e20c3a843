// `replearn hub install` + `replearn lessons copy`, as a hub admin and a student would run them: the
// install writes only under its prefix (twice: the second changes nothing), the copy never overwrites
// a student's work, and a kernel started from the registered kernelspec in the copy imports `replearn`
// with its types (a type error is reported) and sees the shared data folder.
import { strict as assert } from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { codeCell, replearnNotebook, runNotebookFile, writeNotebook } from '../../lib/jupyter/runner';
import { projectRoot } from '../../lib/project';

const kit = projectRoot();

/** Every file and link under `dir`, relative. */
function tree(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

describe('hub: replearn hub install and replearn lessons copy', function () {
  this.timeout(10 * 60_000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-hub-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cli = (args: string[], home: string, bin = path.join(kit, 'bin', 'replearn.js')) =>
    spawnSync(process.execPath, [bin, ...args], {
      env: { PATH: process.env.PATH ?? '', HOME: home, USER: 'student' },
      encoding: 'utf8',
    });

  it('installs under the prefix only, idempotently; students copy lessons without losing work', async () => {
    const prefix = path.join(dir, 'prefix');
    const data = path.join(dir, 'data');
    const adminHome = path.join(dir, 'home-admin');
    const studentHome = path.join(dir, 'home-student');
    for (const d of [data, adminHome, studentHome]) fs.mkdirSync(d);

    const first = cli(['hub', 'install', '--prefix', prefix, '--data', data], adminHome);
    assert.equal(first.status, 0, first.stderr);
    assert.equal((first.stdout.match(/^wrote /gm) ?? []).length, 2, first.stdout);
    const second = cli(['hub', 'install', '--prefix', prefix, '--data', data], adminHome);
    assert.equal(second.status, 0, second.stderr);
    assert.equal((second.stdout.match(/^unchanged /gm) ?? []).length, 2, second.stdout);
    assert.deepEqual(tree(prefix), [
      'bin',
      'bin/replearn',
      'share',
      'share/jupyter',
      'share/jupyter/kernels',
      'share/jupyter/kernels/replearn',
      'share/jupyter/kernels/replearn/kernel.json',
    ]);
    assert.deepEqual(tree(adminHome), [], 'nothing written into the home folder');
    const spec = JSON.parse(
      fs.readFileSync(path.join(prefix, 'share/jupyter/kernels/replearn/kernel.json'), 'utf8'),
    ) as {
      argv: string[];
      env: Record<string, string>;
    };
    assert.equal(spec.env.REPLEARN_DATA, data);
    for (const a of spec.argv.filter((x) => x.startsWith('/'))) assert.ok(fs.existsSync(a), `${a} exists`);
    const bad = cli(['hub', 'install', '--prefix', prefix, '--data', path.join(dir, 'nowhere')], adminHome);
    assert.equal(bad.status, 1);
    assert.match(bad.stderr, /^replearn hub install: the data folder .* does not exist\n$/);

    // The student, through the registered command.
    const lessons = path.join(studentHome, 'lessons');
    const copy = cli(['lessons', 'copy', lessons], studentHome, path.join(prefix, 'bin', 'replearn'));
    assert.equal(copy.status, 0, copy.stderr);
    const sources = fs.readdirSync(path.join(kit, 'notebooks')).filter((f) => f.endsWith('.ipynb'));
    assert.match(copy.stdout, new RegExp(`${sources.length} lessons copied, 0 kept`));
    const mine = path.join(lessons, sources[0]);
    fs.writeFileSync(mine, '{"my": "work"}');
    fs.rmSync(path.join(lessons, sources[1]));
    const again = cli(['lessons', 'copy', lessons], studentHome, path.join(prefix, 'bin', 'replearn'));
    assert.equal(again.status, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`1 lessons copied, ${sources.length - 1} kept as they were$`, 'm'));
    assert.equal(
      fs.readFileSync(mine, 'utf8'),
      '{"my": "work"}',
      'a lesson the student worked on is never overwritten',
    );
    assert.equal(fs.readlinkSync(path.join(lessons, 'node_modules')), path.join(kit, 'node_modules'));
    const inside = cli(['lessons', 'copy', path.join(kit, 'notebooks')], studentHome);
    assert.equal(inside.status, 1);

    // A kernel from the registered kernelspec, working in the copy (as Jupyter starts it).
    const probe = path.join(lessons, 'probe.ipynb');
    const typeError = codeCell('const wrong: number = projectRoot();', 'type-error');
    typeError.metadata = { tags: ['raises-exception'] };
    writeNotebook(
      replearnNotebook([
        codeCell("import { projectRoot } from 'replearn';\nconsole.log(projectRoot());", 'import'),
        typeError,
        codeCell('console.log(process.env.REPLEARN_DATA);', 'data'),
      ]),
      probe,
    );
    const run = await runNotebookFile(probe, {
      kernelDirs: [path.join(prefix, 'share', 'jupyter')],
      cellTimeoutMs: 240_000,
    });
    assert.ok(run.ok, JSON.stringify(run.failure));
    const text = (i: number): string => JSON.stringify(run.notebook.cells[i].outputs ?? []);
    assert.match(text(0), new RegExp(kit.replace(/[/]/g, '\\/')));
    assert.match(text(1), /Type 'string' is not assignable to type 'number'/);
    assert.match(text(2), new RegExp(data.replace(/[/]/g, '\\/')));
  });
});
