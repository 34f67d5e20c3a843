// Starts a kernel for grading: its own process, an empty working folder (nothing but a link to the
// project's node_modules), a cleaned environment, a heap and resident-memory limit, an output cap,
// and - by default - Node's permission model: reads only from the runtime's own files and the data
// folders, no writes, no child processes, no worker threads, no inspector. The autograder folder and
// the submissions are never under any of those paths; the tests travel over the private channel.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KernelClient, startKernel } from '../kernel';
import { projectRoot } from '../project';
import { openRecordChannel, RecordChannel } from './channel';

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
}

/** Defaults: 2 GiB heap, 1 MiB of output per cell, seed 1234, file access restricted. */
export const DEFAULT_SANDBOX: SandboxOptions = {
  memoryMb: 2048,
  maxOutputBytes: 1 << 20,
  seed: 1234,
  restrictFiles: true,
  readPaths: [],
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

/** Starts one grading kernel. */
export async function startGradingKernel(opts: SandboxOptions): Promise<GradingKernel> {
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
    writeKernelSpec(privateDir, kernelArgv(root, channel.socketPath, workDir, env, opts));
    const client = await startKernel({
      name: KERNEL_NAME,
      kernelDirs: [privateDir],
      cwd: workDir,
      env,
      memoryLimitMb: opts.memoryMb,
      rssLimitMb: opts.memoryMb * 2,
      maxOutputBytes: opts.maxOutputBytes,
      startTimeoutMs: 120_000,
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

/** The variables a grading kernel sees: a few kept, HOME and TMPDIR inside its working folder. */
function kernelEnvironment(workDir: string): Record<string, string | undefined> {
  const env: Record<string, string | undefined> = {};
  for (const name of Object.keys(process.env)) env[name] = undefined;
  for (const name of KEPT_ENV) if (process.env[name] !== undefined) env[name] = process.env[name];
  // The kernel works elsewhere: relative data folders are made absolute against our folder.
  if (env.REPLEARN_DATA)
    env.REPLEARN_DATA = env.REPLEARN_DATA.split(path.delimiter)
      .map((p) => (p === '' ? p : path.resolve(p)))
      .join(path.delimiter);
  env.HOME = workDir;
  env.TMPDIR = workDir;
  // A graded kernel never downloads (it may not write): a missing dataset is the same one-line DatasetMissingError
  // as in JupyterLab with downloads off, and its dependent cells are skipped (lib/kernel/missing-data-cells.ts).
  env.REPLEARN_FETCH = '0';
  env.NODE_OPTIONS = undefined;
  return env;
}

/**
 * node [permission flags] grading-kernel.js <tslab main> kernel <socket> {connection_file}. The tslab
 * path comes first and "kernel" is present so that lib/kernel's tslab preload recognises a tslab kernel.
 */
function kernelArgv(
  root: string,
  socketPath: string,
  workDir: string,
  env: Record<string, string | undefined>,
  opts: SandboxOptions,
): string[] {
  const entry = path.join(root, 'dist', 'lib', 'exercises', 'grading-kernel.js');
  const tslabMain = path.join(root, 'node_modules', 'tslab', 'dist', 'main.js');
  const flags = opts.restrictFiles ? permissionFlags(root, workDir, env, opts.readPaths) : [];
  return [process.execPath, ...flags, entry, tslabMain, 'kernel', socketPath, '{connection_file}'];
}

/** Node's permission model: what the runtime and the lessons' data need to read, nothing to write. */
export function permissionFlags(
  root: string,
  workDir: string,
  env: Record<string, string | undefined>,
  extra: string[],
): string[] {
  const readable = [
    path.join(root, 'dist'),
    path.join(root, 'node_modules'),
    path.join(root, 'package.json'),
    path.join(root, 'datasets'),
    workDir,
    '/usr/share/datasets',
    // zeromq's loader probes this file to tell musl from glibc.
    '/etc/alpine-release',
    ...(env.REPLEARN_DATA ?? '').split(path.delimiter).filter((p) => p !== ''),
    ...extra.map((p) => path.resolve(p)),
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
