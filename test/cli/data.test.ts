import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { formatTransfer } from '../../lib/data/transfer-bar';
import { projectRoot } from '../../lib/project';
import { useSharedTestData } from '../support/shared-data';
import { needsData } from '../support/needs-data';

const shared = useSharedTestData();

function replearn(args: string[], dataDirs: string) {
  const r = spawnSync(process.execPath, [path.join(projectRoot(), 'bin', 'replearn.js'), ...args], {
    cwd: projectRoot(),
    encoding: 'utf8',
    env: { ...process.env, REPLEARN_DATA: dataDirs },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('cli/data (replearn data list | verify | fetch)', () => {
  it('formats a download line with bar, percent, bytes and rate', () => {
    const line = formatTransfer({ url: 'http://x/y/train.gz', received: 5e6, total: 1e7, elapsedMs: 2000 }, 10);
    assert.strictEqual(line, '[#####-----]  50%  5.00/10.0 MB  2.50 MB/s  train.gz');
    assert.strictEqual(
      formatTransfer({ url: 'http://x/a', received: 1.5e6, total: null, elapsedMs: 1000 }),
      '1.50 MB  1.50 MB/s  a',
    );
  });

  it('list shows every dataset, found or not, and where', function () {
    needsData(this, 'mnist-test');
    const r = replearn(['data', 'list'], shared);
    assert.strictEqual(r.code, 0, r.err);
    for (const name of ['mnist', 'mnist-test', 'fashion-mnist', 'att-faces', '20news-bydate', 'svc2004', 'pokemon']) {
      assert.match(r.out, new RegExp(`^${name} +(found|partial|missing) `, 'm'), `${name} missing from:\n${r.out}`);
    }
    const first = path.resolve(projectRoot(), shared.split(path.delimiter)[0]);
    assert.match(
      r.out,
      new RegExp(`^mnist-test +found +${path.join(first, 'mnist').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'),
    );
  });

  it('verify passes on the shared copy and fails (exit 1) where data is missing; bad commands exit 2', function () {
    needsData(this, 'mnist-test', 'pokemon');
    assert.strictEqual(replearn(['data', 'verify', 'mnist-test', 'pokemon'], shared).code, 0);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-cli-'));
    try {
      const missing = replearn(['data', 'verify', 'pokemon'], empty);
      if (!fs.existsSync(path.join(projectRoot(), 'datasets', 'cache', 'pokemon'))) {
        assert.strictEqual(missing.code, 1);
        assert.match(missing.out, /pokemon: FAIL pokemon\.csv: missing/);
      }
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    assert.strictEqual(replearn(['data', 'frobnicate'], shared).code, 2);
    const unknown = replearn(['data', 'fetch', 'no-such-set'], shared);
    assert.notStrictEqual(unknown.code, 0);
    assert.match(unknown.err, /unknown dataset "no-such-set"/);
  });
});
