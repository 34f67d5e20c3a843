// A real JupyterHub on 127.0.0.1 (opt-in: REPLEARN_HUB=1): JupyterHub from PyPI in the test tool venv,
// configurable-http-proxy from npm, the dummy authenticator and the simple local-process spawner. The kit
// is registered once (`replearn hub install`); each student's server gets its lesson copy from the
// spawn hook (`replearn lessons copy`, as z2jh's postStart does). N students (REPLEARN_HUB_STUDENTS,
// default 6) get a token through the Hub API, start their servers and run the tour - the first
// REPLEARN_HUB_TRAINING_STUDENTS (default 1) also REPLEARN_HUB_TRAINING (default 07-conv-autoencoder, the shortest training lesson) -
// concurrently over the hub's kernel websockets. Every cell must complete with the same outputs for
// every student. Prints time to first output and to completion and the kernel's resident memory.
import { strict as assert } from 'assert';
import { ChildProcess, execFileSync, spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { projectRoot } from '../../lib/project';
import { LessonRun } from '../support/hub-student';
import { toolVenv } from '../support/tool-venv';

const root = projectRoot();
const STUDENTS = Number(process.env.REPLEARN_HUB_STUDENTS ?? 6);
const TRAINING = process.env.REPLEARN_HUB_TRAINING ?? '07-conv-autoencoder';
const TRAINING_STUDENTS = Number(process.env.REPLEARN_HUB_TRAINING_STUDENTS ?? 1);

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function proxyCommand(): string {
  const dir = path.join(root, '.tmp-tools', 'chp');
  const bin = path.join(dir, 'node_modules', '.bin', 'configurable-http-proxy');
  if (!fs.existsSync(bin)) {
    execFileSync('npm', ['install', '--prefix', dir, '--no-audit', '--no-fund', 'configurable-http-proxy@4'], {
      stdio: 'inherit',
    });
  }
  return bin;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('hub: a real JupyterHub, N students at once (REPLEARN_HUB=1)', function () {
  this.timeout(60 * 60_000);
  let dir: string;
  let hub: ChildProcess | undefined;
  before(function () {
    if (process.env.REPLEARN_HUB !== '1') this.skip();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-jupyterhub-'));
  });
  after(async () => {
    if (hub?.pid && hub.exitCode === null) {
      hub.kill('SIGTERM'); // JupyterHub stops the servers and the proxy it started
      await Promise.race([new Promise((r) => hub?.once('exit', r)), sleep(30_000)]);
      if (hub.exitCode === null) process.kill(-hub.pid, 'SIGKILL');
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`${STUDENTS} students log in, get their lessons and run them concurrently through the hub`, async () => {
    const bin = toolVenv(['jupyterhub==5.5.4', 'jupyter_server==2.*']);
    const prefix = path.join(dir, 'prefix');
    const data = process.env.REPLEARN_DATA?.split(':')[0];
    execFileSync(
      process.execPath,
      [path.join(root, 'bin', 'replearn.js'), 'hub', 'install', '--prefix', prefix, ...(data ? ['--data', data] : [])],
      { stdio: 'inherit' },
    );
    const [port, apiPort, hubPort] = [await freePort(), await freePort(), await freePort()];
    const token = 'loadtest-' + Math.random().toString(36).slice(2) + Math.random().toString(36).slice(2);
    const config = `
import os, subprocess
c.JupyterHub.ip = '127.0.0.1'
c.JupyterHub.port = ${port}
c.JupyterHub.hub_ip = '127.0.0.1'
c.JupyterHub.hub_port = ${hubPort}
c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:${apiPort}'
c.ConfigurableHTTPProxy.command = [${JSON.stringify(proxyCommand())}]
c.JupyterHub.db_url = 'sqlite:///${dir}/hub.sqlite'
c.JupyterHub.cookie_secret_file = '${dir}/cookie_secret'
c.JupyterHub.authenticator_class = 'dummy'
c.Authenticator.allow_all = True
c.JupyterHub.spawner_class = 'simple'
c.SimpleLocalProcessSpawner.home_dir_template = '${dir}/home/{username}'
c.Spawner.cmd = [${JSON.stringify(path.join(bin, 'jupyterhub-singleuser'))}]
# Jupyter servers refuse to run as root (CI containers) unless told they may.
c.Spawner.args = ['--allow-root'] if os.getuid() == 0 else []
c.Spawner.start_timeout = 600
c.Spawner.http_timeout = 600
c.Spawner.environment = {
    'JUPYTER_PATH': '${prefix}/share/jupyter',
    'PATH': '${prefix}/bin:' + os.environ['PATH'],
}
c.JupyterHub.services = [{'name': 'loadtest', 'api_token': '${token}'}]
c.JupyterHub.load_roles = [{'name': 'admin', 'services': ['loadtest']}]
def lesson_copy(spawner):
    home = spawner.home_dir
    os.makedirs(home, exist_ok=True)
    subprocess.run(['${prefix}/bin/replearn', 'lessons', 'copy', os.path.join(home, 'lessons')], check=True)
c.Spawner.pre_spawn_hook = lesson_copy
`;
    fs.writeFileSync(path.join(dir, 'jupyterhub_config.py'), config);
    const log = fs.openSync(path.join(dir, 'hub.log'), 'a');
    hub = spawn(path.join(bin, 'jupyterhub'), ['-f', path.join(dir, 'jupyterhub_config.py')], {
      cwd: dir,
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
    });
    const base = `http://127.0.0.1:${port}`;
    const hubApi = async (method: string, p: string, body?: unknown): Promise<Record<string, unknown>> => {
      const r = await fetch(`${base}/hub/api${p}`, {
        method,
        headers: { Authorization: `token ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (r.status >= 400) throw new Error(`${method} ${p}: HTTP ${r.status} ${await r.text()}`);
      // POST /users/NAME/server answers 201 with no body when the server started at once, 202 while it starts.
      const text = await r.text();
      return text.trim() === '' ? {} : (JSON.parse(text) as Record<string, unknown>);
    };
    const up = Date.now();
    for (;;) {
      try {
        await hubApi('GET', '/');
        break;
      } catch {
        assert.ok(
          hub.exitCode === null,
          `jupyterhub exited: ${fs.readFileSync(path.join(dir, 'hub.log'), 'utf8').slice(-2000)}`,
        );
        assert.ok(Date.now() - up < 120_000, 'the hub did not answer within 2 minutes');
        await sleep(1000);
      }
    }
    console.log(`      hub up in ${((Date.now() - up) / 1000).toFixed(1)} s`);

    const users = Array.from({ length: STUDENTS }, (_, i) => `student${i + 1}`);
    const started = Date.now();
    const tokens = new Map<string, string>();
    for (const u of users) {
      await hubApi('POST', `/users/${u}`);
      const t = await hubApi('POST', `/users/${u}/tokens`, { note: 'load test', expires_in: 7200 });
      tokens.set(u, String(t.token));
      await hubApi('POST', `/users/${u}/server`);
    }
    for (const u of users) {
      for (;;) {
        const info = (await hubApi('GET', `/users/${u}`)) as { servers?: Record<string, { ready?: boolean }> };
        if (info.servers?.['']?.ready) break;
        assert.ok(Date.now() - started < 600_000, `${u}'s server did not start`);
        await sleep(1000);
      }
    }
    console.log(`      ${STUDENTS} servers ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const driver = path.join(root, 'dist', 'test', 'support', 'hub-student.js');
    const results = await Promise.all(
      users.map(
        (u, i) =>
          new Promise<{ user: string; runs?: LessonRun[]; failure?: string }>((resolve) => {
            const notebooks = [
              'lessons/00-tour.ipynb',
              ...(i < TRAINING_STUDENTS && TRAINING !== 'none' ? [`lessons/${TRAINING}.ipynb`] : []),
            ];
            const child = spawn(
              process.execPath,
              [
                '--experimental-websocket',
                '--no-warnings',
                driver,
                JSON.stringify({ base, user: u, token: tokens.get(u), notebooks }),
              ],
              { stdio: ['ignore', 'pipe', 'inherit'] },
            );
            let out = '';
            child.stdout.on('data', (d: Buffer) => (out += d.toString()));
            child.on('exit', () => {
              try {
                resolve(JSON.parse(out.trim().split('\n').pop() ?? '') as { user: string; runs?: LessonRun[] });
              } catch {
                resolve({ user: u, failure: `no result: ${out.slice(-500)}` });
              }
            });
          }),
      ),
    );
    const wall = (Date.now() - started) / 1000;
    for (const r of results) {
      for (const run of r.runs ?? []) {
        console.log(
          `      ${r.user} ${run.notebook}: first output ${(run.firstOutputMs / 1000).toFixed(1)} s, done ${(run.totalMs / 1000).toFixed(1)} s, kernel RSS ${run.rssAfterImportMb} MiB after import, ${run.rssAtEndMb} MiB at the end${run.ok ? '' : ` FAILED ${run.error}`}`,
        );
      }
    }
    console.log(`      all ${STUDENTS} students done ${wall.toFixed(1)} s after their servers were requested`);
    fs.mkdirSync(path.join(root, 'artifacts'), { recursive: true });
    fs.writeFileSync(
      path.join(root, 'artifacts', 'hub-load.json'),
      JSON.stringify({ students: STUDENTS, wall, results }, null, 1),
    );
    for (const r of results) {
      assert.equal(r.failure, undefined, `${r.user}: ${r.failure}`);
      for (const run of r.runs ?? []) assert.ok(run.ok, `${r.user} ${run.notebook}: ${run.error}`);
    }
    // No output lost: every student's tour produced the same number of outputs in every cell.
    const tours = results.map((r) => r.runs![0]);
    for (const t of tours) {
      assert.deepEqual(
        t.cells.map((c) => c.outputs),
        tours[0].cells.map((c) => c.outputs),
      );
    }
    assert.match(tours[0].cells[1].text, /data directories:/);
    assert.ok(tours[0].cells.every((c) => c.outputs > 0 || c.status === 'ok'));
    for (const u of users) assert.ok(fs.existsSync(path.join(dir, 'home', u, 'lessons', '00-tour.ipynb')));
  });
});
