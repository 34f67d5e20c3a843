// Starts a kernel for grading: by default inside an OS sandbox (bubblewrap, see os-sandbox.ts: its own
// pid, network, IPC and mount namespaces, a read-only view of the runtime, library and data, no network,
// OS resource limits), talking to us over Unix sockets in a folder only it and we can reach; inside,
// Node's permission model as a second wall (no file writes, no child processes, no worker threads, no
// inspector), a cleaned environment, a heap and resident-memory limit and an output cap. The autograder
// folder and the submissions are never visible to it; the tests travel over the private channel.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KernelClient, startKernel } from '../jupyter/runner';
import { projectRoot } from '../project';
import { openRecordChannel, RecordChannel } from './channel';
import { DEFAULT_LIMITS, mountArgs, SandboxLimits, sandboxArgv, sandboxProblem } from './os-sandbox';

/** Limits and isolation of grading kernels. */
export interface SandboxOptions {
  /** V8 heap limit per kernel (MiB); the resident-memory watchdog allows twice as much. */
  memoryMb: number;
  /** Per-cell cap on captured output (bytes). */
  maxOutputBytes: number;
  /** Seed of Math.random in every kernel (same seed, same numbers). */
  seed: number;
  /** Node's permission model (default on). */
  restrictFiles: boolean;
  /** More folders the kernel may read (data the notebooks need). */
  readPaths: string[];
  /** The OS sandbox (bubblewrap; default on). Off only for trusted notebooks: `--no-sandbox`. */
  osSandbox: boolean;
  /** OS limits inside the sandbox. */
  limits: SandboxLimits;
}

/** Defaults: 2 GiB heap, 1 MiB of output per cell, seed 1234, file access restricted, OS sandbox on. */
export const DEFAULT_SANDBOX: SandboxOptions = {
  memoryMb: 2048,
  maxOutputBytes: 1 << 20,
  seed: 1234,
  restrictFiles: true,
  readPaths: [],
  osSandbox: true,
  limits: DEFAULT_LIMITS,
};

/** A running grading kernel and its channel. */
export interface GradingKernel {
  client: KernelClient;
  channel: RecordChannel;
  /** The kernel's working folder. */
  workDir: string;
  /** Stops the kernel, waits for the last records and removes its folders. */
  dispose(): Promise<void>;
}

const KERNEL_NAME = 'replearn-grading';
/** Environment variables a kernel keeps; everything else (tokens, paths to the grader's files) is dropped. */
const KEPT_ENV = [
  'PATH',
  'LANG',
  'LC_ALL',
  'TZ',
  'REPLEARN_BACKEND',
  'REPLEARN_DATA',
  'REPLEARN_SYSTEM_DATA',
  'TF_CPP_MIN_LOG_LEVEL',
];

/** Throws SandboxUnavailable (one line: what to install or enable) when `opts` asks for an OS sandbox this machine cannot build. */
export function requireSandbox(opts: SandboxOptions): void {
  if (!opts.osSandbox) return;
  const problem = sandboxProblem();
  if (problem) throw new SandboxUnavailable(problem);
}

/** Starts one grading kernel. */
export async function startGradingKernel(opts: SandboxOptions): Promise<GradingKernel> {
  requireSandbox(opts);
  const privateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-grader-'));
  fs.chmodSync(privateDir, 0o700);
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replearn-work-'));
  let channel: RecordChannel | undefined;
  const removeDirs = (): void => {
    for (const dir of [privateDir, workDir]) fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    const root = projectRoot();
    fs.symlinkSync(path.join(root, 'node_modules'), path.join(workDir, 'node_modules'), 'dir');
    channel = await openRecordChannel(privateDir, opts.seed);
    const env = kernelEnvironment(workDir);
    const argv = kernelArgv(root, channel.socketPath, workDir, env, opts);
    writeKernelSpec(
      privateDir,
      opts.osSandbox
        ? sandboxArgv(argv, mountArgs(kernelMounts(root, privateDir, workDir, env, opts)), opts.limits)
        : argv,
    );
    const client = await startKernel({
      name: KERNEL_NAME,
      kernelDirs: [privateDir],
      cwd: workDir,
      env,
      memoryLimitMb: opts.memoryMb,
      rssLimitMb: opts.memoryMb * 2,
      maxOutputBytes: opts.maxOutputBytes,
      startTimeoutMs: 120_000,
      ipcDir: opts.osSandbox ? privateDir : undefined,
      wrapped: opts.osSandbox,
    });
    const ch = channel;
    return {
      client,
      channel: ch,
      workDir,
      async dispose() {
        if (client.isAlive()) await client.shutdown(3000);
        await ch.drained(2000);
        ch.close();
        removeDirs();
      },
    };
  } catch (e) {
    channel?.close();
    removeDirs();
    throw e;
  }
}

/** The OS sandbox cannot be built here (bwrap missing, or no user namespaces): one line saying what to do. */
export class SandboxUnavailable extends Error {
  override name = 'SandboxUnavailable';
}

/**
 * What a sandboxed kernel sees: the library's dist/, node_modules/ and datasets/ (not the project root
 * with its notebooks), the data folders, all read-only; its own socket folder writable; its working
 * folder (a node_modules link) read-only.
 */
function kernelMounts(
  root: string,
  privateDir: string,
  workDir: string,
  env: Record<string, string | undefined>,
  opts: SandboxOptions,
): { readOnly: string[]; writable: string[]; workDir: string } {
  return {
    readOnly: [...projectReadPaths(root), ...dataPaths(env, opts.readPaths)],
    writable: [privateDir],
    workDir,
  };
}

function projectReadPaths(root: string): string[] {
  // native/graph/build: the graph trainer's addon (issue 18), loaded by fitFast on tfjs-node;
  // notebooks/full-runs.json: the recorded long runs a lesson's last cell shows (showFullRuns).
  const readable = ['dist', 'node_modules', 'package.json', 'datasets', path.join('native', 'graph', 'build')];
  readable.push(path.join('notebooks', 'full-runs.json'));
  return readable.map((p) => path.join(root, p));
}

function dataPaths(env: Record<string, string | undefined>, extra: string[]): string[] {
  return [
    '/usr/share/datasets',
    ...(env.REPLEARN_DATA ?? '').split(path.delimiter).filter((p) => p !== ''),
    ...extra.map((p) => path.resolve(p)),
  ];
}

/** The variables a grading kernel sees: a few kept, HOME and TMPDIR inside its working folder. */
function kernelEnvironment(workDir: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of Object.keys(process.env)) env[name] = undefined;
  for (const name of KEPT_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  // The kernel works elsewhere: relative data folders are made absolute against our folder.
  if (env.REPLEARN_DATA)
    env.REPLEARN_DATA = env.REPLEARN_DATA.split(path.delimiter)
      .map((p) => (p === '' ? p : path.resolve(p)))
      // A folder that is not there is left out: the kernel may not even look for it under the permission model.
      .filter((p) => p === '' || fs.existsSync(p))
      .join(path.delimiter);
  env.HOME = workDir;
  env.TMPDIR = workDir;
  // A graded kernel never downloads (it may not write): a missing dataset is the same one-line DatasetMissingError
  // as in JupyterLab with downloads off, and its dependent cells are skipped (lib/jupyter/kernel/missing-data-cells.ts).
  env.REPLEARN_FETCH = '0';
  env.NODE_OPTIONS = undefined;
  return env;
}

/** node [permission flags] grading-kernel.js <socket> {connection_file}: the recorder first, then the replearn kernel. */
function kernelArgv(
  root: string,
  socketPath: string,
  workDir: string,
  env: Record<string, string | undefined>,
  opts: SandboxOptions,
): string[] {
  const entry = path.join(root, 'dist', 'lib', 'exercises', 'grading-kernel.js');
  const flags = opts.restrictFiles ? permissionFlags(root, workDir, env, opts.readPaths) : [];
  return [process.execPath, ...flags, entry, socketPath, '{connection_file}'];
}

/** Node's permission model: what the runtime and the lessons' data need to read, nothing to write. */
export function permissionFlags(
  root: string,
  workDir: string,
  env: Record<string, string | undefined>,
  extra: string[],
): string[] {
  const readable = [
    ...projectReadPaths(root),
    workDir,
    // zeromq's loader probes this file to tell musl from glibc.
    '/etc/alpine-release',
    ...dataPaths(env, extra),
  ];
  // Node 20 spells it --experimental-permission; later versions --permission.
  const permission = process.allowedNodeEnvironmentFlags.has('--permission')
    ? '--permission'
    : '--experimental-permission';
  return [
    permission,
    // The kernel's own messaging (zeromq) and tfjs-node are native addons; no folder is writable, so
    // a notebook cannot add one of its own.
    '--allow-addons',
    ...readable.map((p) => `--allow-fs-read=${p}`),
    '--allow-fs-read={connection_file}',
    '--no-warnings',
  ];
}

function writeKernelSpec(dir: string, argv: string[]): void {
  const specDir = path.join(dir, 'kernels', KERNEL_NAME);
  fs.mkdirSync(specDir, { recursive: true });
  fs.writeFileSync(
    path.join(specDir, 'kernel.json'),
    JSON.stringify({ argv, display_name: 'replearn grading', language: 'typescript' }),
  );
}
