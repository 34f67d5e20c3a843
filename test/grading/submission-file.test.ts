import { strict as assert } from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { readSubmission } from '../../lib/grading/submission-file';
import { mountArgs, sandboxArgv } from '../../lib/grading/os-sandbox';
import { tempDir } from './fixtures';

describe('grading/submission-file: what a grader reads of a submitted file', () => {
  let dir: string;
  before(() => (dir = tempDir('replearn-subfile-')));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('reads a regular file; refuses links, FIFOs, devices and files over the limit with the reason', () => {
    const file = path.join(dir, 'a.ipynb');
    fs.writeFileSync(file, '{"cells": []}');
    assert.deepEqual(readSubmission(file), { ok: true, text: '{"cells": []}' });
    fs.symlinkSync(file, path.join(dir, 'link.ipynb'));
    fs.symlinkSync('/dev/zero', path.join(dir, 'zero.ipynb'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.ipynb')]);
    const reasons = ['link', 'zero', 'fifo'].map((n) => {
      const r = readSubmission(path.join(dir, `${n}.ipynb`));
      return r.ok ? 'read' : r.reason;
    });
    assert.match(reasons[0], /symbolic link/);
    assert.match(reasons[1], /symbolic link/);
    assert.match(reasons[2], /FIFO/);
    const big = readSubmission(file, 5);
    assert.ok(!big.ok && big.reason.includes('larger than'));
    const dev = readSubmission('/dev/null');
    assert.ok(!dev.ok && dev.reason.includes('device'));
  });
});

describe('grading/os-sandbox: the bwrap command line', () => {
  it('shows only the listed paths (read-only, or writable for the socket folder), never the project root', () => {
    const args = mountArgs({ readOnly: ['/etc/hostname'], writable: ['/tmp'], workDir: '/tmp' });
    const binds = (flag: string): string[] => args.flatMap((a, i) => (a === flag ? [args[i + 1]] : []));
    assert.ok(binds('--ro-bind').includes('/etc/hostname'));
    assert.deepEqual(binds('--bind'), ['/tmp']);
    assert.ok(!binds('--ro-bind').includes('/') && !binds('--ro-bind').includes(process.cwd()));
    const argv = sandboxArgv(['node', 'k.js'], args);
    for (const flag of ['--unshare-all', '--unshare-user', '--die-with-parent', '--new-session'])
      assert.ok(argv.includes(flag), flag);
    assert.deepEqual(argv.slice(-3), ['--', 'node', 'k.js']);
    assert.ok(argv[0].endsWith('prlimit') && argv.some((a) => a.startsWith('--cpu=')));
  });
});
