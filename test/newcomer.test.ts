// The newcomer path itself (opt-in: REPLEARN_NEWCOMER=1, on in .ci/run): a fresh `git clone` of this checkout in
// a temporary folder, no REPLEARN_DATA, the system data path off, downloads pointed at a local mirror that serves
// some datasets (the outer run's data folder, zipped where the registry wants an archive) and refuses the others.
// Then README's `npm install` must pass and say per dataset what happened, a lesson whose dataset was refused must
// run to its last cell, and suite files must pass and close with the list of what they could not check.
// Kept short: no native backend, no Python environment, one lesson, two suite files.
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as os from 'os';
import * as path from 'path';
import type { AddressInfo } from 'net';
import { projectRoot } from '../lib/project';
import { writeZip, type FixtureFile } from './support/archive-writers';
import { useSharedTestData } from './support/shared-data';

/** Datasets the mirror refuses (403): the lessons must live without them. */
const REFUSED = ['fashion-mnist', 'svc2004', '20news-bydate'];

/** Every file under `dir` as archive entries below `prefix`. */
function folderEntries(dir: string, prefix: string): FixtureFile[] {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => {
      const file = path.join(d.parentPath ?? d.path, d.name);
      return { path: `${prefix}/${path.relative(dir, file)}`, data: fs.readFileSync(file) };
    });
}

/** Runs a command to its end; resolves with its exit code and output (stdout and stderr interleaved). */
function sh(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.stderr.on('data', (b: Buffer) => (out += b.toString()));
    child.on('close', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('the newcomer path: fresh clone, no data folder, npm install, a lesson and suite files', function () {
  this.timeout(20 * 60_000);
  const enabled = process.env.REPLEARN_NEWCOMER === '1';
  let server: http.Server | null = null;
  let clone = '';
  let env: NodeJS.ProcessEnv = {};
  const served: string[] = [];

  before(async function () {
    if (!enabled) {
      this.test!.parent!.title += ' [opt-in: REPLEARN_NEWCOMER=1]';
      this.skip();
    }
    const data = useSharedTestData().split(path.delimiter)[0];
    const attZip = fs.existsSync(path.join(data, 'att-faces'))
      ? writeZip(folderEntries(path.join(data, 'att-faces'), 'orl_faces').filter((f) => !f.path.endsWith('SOURCE.md')))
      : null;
    server = http.createServer((req, res) => {
      const url = decodeURIComponent(req.url ?? '');
      const [, dir, ...rest] = url.split('/');
      const file = rest.join('/');
      let body: Buffer | null = null;
      if (!REFUSED.includes(dir)) {
        if (dir === 'att-faces' && file === 'att_faces.zip') body = attZip;
        else if (!file.includes('..') && fs.existsSync(path.join(data, dir, file)))
          body = fs.readFileSync(path.join(data, dir, file));
      }
      if (!body) {
        res.writeHead(REFUSED.includes(dir) ? 403 : 404);
        res.end();
        return;
      }
      served.push(url);
      res.writeHead(200, { 'content-length': body.length });
      res.end(body);
    });
    await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
    clone = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-newcomer-'));
    const cloned = await sh('git', ['clone', '-q', projectRoot(), clone], os.tmpdir(), process.env);
    assert.strictEqual(cloned.code, 0, cloned.out);
    env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('npm_')));
    for (const name of [
      'REPLEARN_DATA',
      'REPLEARN_REQUIRE_DATA',
      'REPLEARN_NEWCOMER',
      'REPLEARN_CACHE',
      'REPLEARN_E2E',
    ])
      delete env[name];
    Object.assign(env, {
      REPLEARN_SYSTEM_DATA: '0',
      REPLEARN_NATIVE: '0',
      REPLEARN_SKIP_PYTHON: '1',
      REPLEARN_FETCH: '1',
      REPLEARN_DATA_MIRROR: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    });
  });
  after(() => {
    server?.close();
    if (clone) fs.rmSync(clone, { recursive: true, force: true });
  });

  it('npm install passes, fetching what the mirror serves and saying why not for the rest', async () => {
    const t0 = Date.now();
    const r = await sh(
      'npm',
      ['install', '--no-audit', '--no-fund', '--prefer-offline', '--foreground-scripts'],
      clone,
      env,
    );
    const lines = r.out.split('\n').filter((l) => l.startsWith('data: '));
    console.log(
      `      npm install: ${((Date.now() - t0) / 1000).toFixed(0)} s\n${lines.map((l) => `      ${l}`).join('\n')}`,
    );
    assert.strictEqual(r.code, 0, r.out.slice(-3000));
    for (const name of ['mnist-test', 'att-faces', 'pokemon'])
      assert.match(r.out, new RegExp(`^data: ${name} +downloaded, `, 'm'), name);
    for (const name of REFUSED)
      assert.match(r.out, new RegExp(`^data: ${name} +could not be fetched: .*HTTP 403`, 'm'), name);
    assert.match(r.out, /^data: downloaded [\d.]+ (MB|kB) in all into datasets\/cache$/m);
    assert.ok(fs.existsSync(path.join(clone, 'datasets', 'cache', 'att-faces', 's40', '10.pgm')));
  });

  it('a lesson whose dataset was refused runs to its last cell, skipping what needs it', async () => {
    const out = path.join(clone, 'artifacts', 'newcomer');
    const r = await sh(
      process.execPath,
      ['bin/replearn.js', 'run', 'notebooks/03-triplet-retrieval.ipynb', '--out', out],
      clone,
      env,
    );
    assert.strictEqual(r.code, 0, r.out.slice(-3000));
    const text = fs.readFileSync(path.join(out, '03-triplet-retrieval.ipynb'), 'utf8');
    assert.match(text, /dataset \\"fashion-mnist\\" not found: .*the download failed: .*HTTP 403/);
    assert.match(text, /skipped: needs fashion-mnist/);
    assert.match(text, /passed/); // its exercises still ran
  });

  it('suite files pass and close with what they could not check', async () => {
    const r = await sh(
      process.execPath,
      [
        'node_modules/mocha/bin/mocha.js',
        '--no-config',
        '--timeout',
        '300000',
        '--require',
        'dist/test/support/data-pending-hook.js',
        'dist/test/data/registry.test.js',
        'dist/test/data/loaders.test.js',
      ],
      clone,
      env,
    );
    console.log(
      r.out
        .split('\n')
        .slice(-8)
        .map((l) => `      ${l}`)
        .join('\n'),
    );
    assert.strictEqual(r.code, 0, r.out.slice(-3000));
    assert.match(r.out, /^not checked for lack of data \(\d+ pending tests?\):$/m);
    assert.match(
      r.out,
      /^ {2}fashion-mnist: \d+ tests? could not run; fetch it with `npx replearn data fetch fashion-mnist`$/m,
    );
    assert.doesNotMatch(r.out, /^ {2}(mnist-test|att-faces|pokemon): /m);
  });
});
