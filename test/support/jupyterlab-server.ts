// A throw-away JupyterLab for the browser test: the project's .venv, a free loopback port, a random token, and
// config / runtime / settings / workspace folders of its own, so nothing touches the user's Jupyter set-up.
import { ChildProcess, spawn } from 'child_process';
import { randomBytes } from 'crypto';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';

/** A started JupyterLab; `stop()` shuts its kernels down and ends its process group. */
export interface JupyterLab {
  baseUrl: string;
  token: string;
  pid: number;
  /** URL of a page (e.g. `lab/tree/x.ipynb?reset`), token included. */
  url(page: string): string;
  /** Calls a REST path (e.g. `api/sessions`), GET unless told; the JSON answer (undefined for 204). */
  api<T>(route: string, method?: string): Promise<T>;
  /** Everything the server printed so far. */
  log(): string;
  stop(): Promise<void>;
}

/** Options of {@link startJupyterLab}. */
export interface JupyterLabOptions {
  /** .venv/bin/jupyter of the project. */
  jupyter: string;
  /** The folder the file browser shows; kernels start in it. */
  rootDir: string;
  /** Prepended to JUPYTER_PATH (the project's jupyter/ folder, holding the replearn kernelspec). */
  jupyterPath: string;
  /** Settings written as <user settings dir>/<plugin id>.jupyterlab-settings, e.g. to turn the news toast off. */
  settings?: Record<string, object>;
  startTimeoutMs?: number;
}

/** A port the OS reports free on 127.0.0.1 (the server is started with port_retries=0, so a race fails loudly). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

function writeSettings(dir: string, settings: Record<string, object>): void {
  for (const [plugin, values] of Object.entries(settings)) {
    const [pkg, name] = plugin.split(':');
    const file = path.join(dir, pkg, `${name}.jupyterlab-settings`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify(values, null, 2));
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function exited(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Starts `jupyter lab` and resolves once its REST API answers; rejects (and stops it) if it does not. */
export async function startJupyterLab(options: JupyterLabOptions): Promise<JupyterLab> {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-lab-'));
  const dirs = {
    config: path.join(home, 'config'),
    runtime: path.join(home, 'runtime'),
    settings: path.join(home, 'settings'),
    workspaces: path.join(home, 'workspaces'),
  };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  writeSettings(dirs.settings, options.settings ?? {});
  const port = await freePort();
  const token = randomBytes(24).toString('hex');
  const baseUrl = `http://127.0.0.1:${port}/`;
  const args = [
    'lab',
    '--ServerApp.ip=127.0.0.1',
    `--ServerApp.port=${port}`,
    '--ServerApp.port_retries=0',
    `--IdentityProvider.token=${token}`,
    '--ServerApp.open_browser=False',
    `--ServerApp.root_dir=${options.rootDir}`,
    `--LabApp.user_settings_dir=${dirs.settings}`,
    `--LabApp.workspaces_dir=${dirs.workspaces}`,
    '--MappingKernelManager.default_kernel_name=replearn',
    // CI containers run as root; jupyter refuses that unless told.
    ...(process.getuid?.() === 0 ? ['--ServerApp.allow_root=True'] : []),
  ];
  const env = {
    ...process.env,
    JUPYTER_PATH: [options.jupyterPath, process.env.JUPYTER_PATH].filter(Boolean).join(path.delimiter),
    JUPYTER_CONFIG_DIR: dirs.config,
    JUPYTER_RUNTIME_DIR: dirs.runtime,
  };
  // detached: its own process group, so stop() ends jupyter and anything it spawned except kernels (own sessions).
  const child = spawn(options.jupyter, args, {
    env,
    cwd: options.rootDir,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const pid = child.pid;
  if (pid === undefined) throw new Error(`could not start ${options.jupyter}`);
  const headers = { Authorization: `token ${token}` };

  const api = async <T>(route: string, method = 'GET'): Promise<T> => {
    const res = await fetch(baseUrl + route, { method, headers });
    if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };

  let stopped = false;
  const stop = async (): Promise<void> => {
    if (stopped) return;
    stopped = true;
    // Kernels live in their own sessions: shut them down through the server before it goes.
    try {
      const kernels = await api<{ id: string }[]>('api/kernels');
      await Promise.all(kernels.map((k) => api(`api/kernels/${k.id}`, 'DELETE').catch(() => undefined)));
    } catch {
      // the server is already gone
    }
    for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
      try {
        process.kill(-pid, signal);
      } catch {
        break; // no such process group: it has exited
      }
      if (await exited(child, 15_000)) break;
    }
    fs.rmSync(home, { recursive: true, force: true });
  };

  const deadline = Date.now() + (options.startTimeoutMs ?? 180_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`jupyter lab exited with ${child.exitCode}:\n${output.slice(-3000)}`);
    try {
      await api('api/status');
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`jupyter lab did not answer on ${baseUrl} in time:\n${output.slice(-3000)}`);
      }
      await sleep(500);
    }
  }
  return {
    baseUrl,
    token,
    pid,
    url: (page) => `${baseUrl}${page}${page.includes('?') ? '&' : '?'}token=${token}`,
    api,
    log: () => output,
    stop,
  };
}
