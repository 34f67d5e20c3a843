import { newConnectionInfo, newIpcConnectionInfo, removeConnectionFile, writeConnectionFile } from './connection';
import { kernelArgv, KernelSpec } from './kernelspec';
import { createLink, KernelLink } from './link';
import { spawnKernel } from './process';
import { sleep } from './timing';
import { JsonObject, JupyterMessage } from './wire';

/** How to start a kernel. */
export interface StartKernelOptions {
  /** Kernelspec name (default 'replearn'). */
  name?: string;
  /** Folders holding kernels/<name>/kernel.json (default: the project's jupyter/). */
  kernelDirs?: string[];
  /** Working directory of the kernel (module resolution and relative paths start here; default: ours). */
  cwd?: string;
  /** Variables set over our environment (undefined removes one). */
  env?: Record<string, string | undefined>;
  /** V8 heap limit of the kernel in MiB (--max-old-space-size through NODE_OPTIONS). */
  memoryLimitMb?: number;
  /** Kill the kernel when its resident memory passes this many MiB (tensors live outside the V8 heap). */
  rssLimitMb?: number;
  /** Per-cell cap on captured output, in bytes (default 16 MiB). */
  maxOutputBytes?: number;
  /** How long to wait for kernel_info (default 60 s). */
  startTimeoutMs?: number;
  /** Connect over Unix sockets in this folder (with the connection file) instead of loopback TCP. */
  ipcDir?: string;
  /** The kernelspec's command wraps the kernel (a sandbox): signals and memory go to what runs inside. */
  wrapped?: boolean;
}

/** Thrown when a kernel does not come up. */
export class KernelStartError extends Error {
  override name = 'KernelStartError';
}

/** A kernel that has answered kernel_info. */
export interface LaunchedKernel {
  link: KernelLink;
  /** The kernel_info_reply content. */
  info: JsonObject;
  startupMs: number;
}

const START_ATTEMPTS = 3;

class PortClash extends KernelStartError {}

/** Spawns the kernel of `spec` and waits for it, retrying when another process took one of its ports first. */
export async function launchKernel(spec: KernelSpec, opts: StartKernelOptions): Promise<LaunchedKernel> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await launchOnce(spec, opts);
    } catch (e) {
      if (!(e instanceof PortClash) || attempt >= START_ATTEMPTS) throw e;
    }
  }
}

async function launchOnce(spec: KernelSpec, opts: StartKernelOptions): Promise<LaunchedKernel> {
  const info = opts.ipcDir ? newIpcConnectionInfo(spec.name, opts.ipcDir) : await newConnectionInfo(spec.name);
  const conn = writeConnectionFile(info, opts.ipcDir);
  const started = Date.now();
  const proc = spawnKernel({
    argv: kernelArgv(spec, conn.file),
    cwd: opts.cwd ?? process.cwd(),
    env: kernelEnv(spec, opts),
    rssLimitMb: opts.rssLimitMb,
    wrapped: opts.wrapped,
  });
  const link = createLink(proc, conn.info);
  void proc.exited.then(() => {
    link.close();
    removeConnectionFile(conn, !opts.ipcDir);
  });
  try {
    const info = await waitForKernelInfo(link, opts.startTimeoutMs ?? 60_000);
    return { link, info, startupMs: Date.now() - started };
  } catch (e) {
    proc.kill();
    await proc.exited;
    throw e;
  }
}

/** Our environment, the kernelspec's, the caller's overrides, and NODE_OPTIONS for the heap limit. */
export function kernelEnv(spec: KernelSpec, opts: StartKernelOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const nodeOptions = [env.NODE_OPTIONS ?? ''];
  if (opts.memoryLimitMb !== undefined) nodeOptions.push(`--max-old-space-size=${Math.round(opts.memoryLimitMb)}`);
  env.NODE_OPTIONS = nodeOptions.join(' ').trim();
  if (env.NODE_OPTIONS === '') delete env.NODE_OPTIONS;
  return env;
}

/** Sends kernel_info_request until a reply and its iopub status both arrive (iopub subscriptions join late). */
async function waitForKernelInfo(link: KernelLink, timeoutMs: number): Promise<JsonObject> {
  const { proc } = link;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.stderrTail().includes('EADDRINUSE'))
      throw new PortClash(`kernel could not bind its ports:\n${proc.stderrTail()}`);
    if (!proc.isAlive()) {
      const exit = await proc.exited;
      const how = exit.signal ? `killed by ${exit.signal}` : `exit code ${exit.code ?? 'unknown'}`;
      const said = proc.stderrTail().trim();
      throw new KernelStartError(`kernel exited during start-up (${how})${said ? `:\n${said}` : ', printing nothing'}`);
    }
    const msg = link.message('kernel_info_request', {});
    let reply: JupyterMessage | undefined;
    let sawIopub = false;
    link.expectReply(msg.header.msg_id, (r) => (reply = r));
    link.listenIopub(msg.header.msg_id, () => (sawIopub = true));
    await link.send('shell', msg);
    const until = Math.min(deadline, Date.now() + 2000);
    while (Date.now() < until && !(reply && sawIopub) && proc.isAlive()) await sleep(25);
    link.forget(msg.header.msg_id);
    if (reply && sawIopub) return reply.content;
  }
  const problems = link.problems.length ? `\nmessage problems: ${link.problems.join('; ')}` : '';
  throw new KernelStartError(
    `kernel did not answer kernel_info within ${timeoutMs / 1000} s${problems}\n${proc.stderrTail().trim()}`,
  );
}
