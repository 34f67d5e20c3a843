import { randomUUID } from 'crypto';
import * as path from 'path';
import { ChannelHandlers, KernelChannels, openChannels, RequestChannel } from './channels';
import { ConnectionFile, newConnectionInfo, removeConnectionFile, writeConnectionFile } from './connection';
import { errorFromExit, errorFromStderr, KernelError, uncaughtFromStderr } from './errors';
import { kernelArgv, KernelSpec, readKernelSpec } from './kernelspec';
import { createOutputCollector, DisplayDataOutput, DisplayUpdate, ExecuteResultOutput, NotebookOutput, truncationNote } from './outputs';
import { KernelExit, KernelProcess, spawnKernel } from './process';
import { JsonObject, JupyterMessage, newMessage } from './wire';

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
}

/** Per-call execute options. */
export interface ExecuteOptions {
  /** Interrupt the cell after this long (default: no limit). */
  timeoutMs?: number;
  /** After the interrupt, how long to wait for the kernel before killing it (default 5 s). */
  interruptGraceMs?: number;
  /** Sees each iopub message of this execution as it arrives (live progress). */
  onMessage?: (msg: JupyterMessage) => void;
}

/** 'ok'; 'error' (the cell failed, kernel alive); 'timeout' (interrupted, or killed when it did not stop); 'dead' (the kernel ended). */
export type ExecuteStatus = 'ok' | 'error' | 'timeout' | 'dead';

/** The outcome of one execute. */
export interface ExecuteResult {
  status: ExecuteStatus;
  /** What the kernel's execute_reply said (absent when none came). */
  replyStatus?: string;
  executionCount: number | null;
  /** nbformat outputs, consecutive stream writes merged, display updates applied. */
  outputs: NotebookOutput[];
  /** Set whenever status is not 'ok'. */
  error?: KernelError;
  /** This cell's rich outputs by display_id. */
  displays: ReadonlyMap<string, (DisplayDataOutput | ExecuteResultOutput)[]>;
  /** display_id updates for outputs of earlier executions. */
  foreignUpdates: DisplayUpdate[];
  /** Output beyond maxOutputBytes was dropped (a note ends the outputs). */
  truncated: boolean;
  durationMs: number;
  /** How the kernel ended, when it did during this call. */
  exit?: KernelExit;
}

/** A running kernel. */
export interface KernelClient {
  readonly pid: number;
  readonly spec: KernelSpec;
  /** The kernel_info_reply content. */
  readonly info: JsonObject;
  /** Milliseconds from spawn to the first kernel_info reply. */
  readonly startupMs: number;
  /** Resolves when the kernel process ends. */
  readonly exited: Promise<KernelExit>;
  isAlive(): boolean;
  /** Runs `code`; never rejects for a failing cell (see ExecuteResult.status). One call at a time. */
  execute(code: string, opts?: ExecuteOptions): Promise<ExecuteResult>;
  /** SIGINT, or interrupt_request when the kernelspec says interrupt_mode "message". */
  interrupt(): Promise<void>;
  /** Asks the kernel to stop, kills it after `timeoutMs` (default 5 s), removes the connection file. */
  shutdown(timeoutMs?: number): Promise<KernelExit>;
  /** SIGKILL to the kernel's process group. */
  kill(): void;
}

/** Thrown when a kernel does not come up. */
export class KernelStartError extends Error {
  override name = 'KernelStartError';
}

const DEFAULT_MAX_OUTPUT = 16 * 1024 * 1024;
const PORT_CLASH = /EADDRINUSE/;
// tslab drops execute requests that arrive within 200 ms after a failed one (its queue reset delay).
const AFTER_ERROR_PAUSE_MS = 300;
const IDLE_AFTER_REPLY_MS = 5000;
const START_ATTEMPTS = 3;
// Makes tslab queue iopub messages instead of dropping them (see tslab-preload.ts).
const TSLAB_PRELOAD = path.join(__dirname, 'tslab-preload.js');

/** Starts a kernel from its kernelspec and waits until it answers kernel_info on shell and iopub. */
export async function startKernel(opts: StartKernelOptions = {}): Promise<KernelClient> {
  const spec = readKernelSpec(opts.name ?? 'replearn', opts.kernelDirs);
  for (let attempt = 1; ; attempt++) {
    try {
      return await launch(spec, opts);
    } catch (e) {
      // Free ports are found before the kernel binds them: another process may take one in between.
      if (!(e instanceof PortClash) || attempt >= START_ATTEMPTS) throw e;
    }
  }
}

class PortClash extends KernelStartError {}

async function launch(spec: KernelSpec, opts: StartKernelOptions): Promise<KernelClient> {
  const conn = writeConnectionFile(await newConnectionInfo(spec.name));
  const started = Date.now();
  const proc = spawnKernel({
    argv: kernelArgv(spec, conn.file),
    cwd: opts.cwd ?? process.cwd(),
    env: kernelEnv(spec, opts),
    rssLimitMb: opts.rssLimitMb,
  });
  const session = randomUUID();
  const router = createRouter();
  const channels = openChannels(conn.info, session, router.handlers);
  void proc.exited.then(() => cleanup(channels, conn));
  try {
    const info = await waitForKernelInfo(proc, channels, router, session, opts.startTimeoutMs ?? 60_000);
    return createClient(spec, proc, channels, router, session, info, Date.now() - started, opts);
  } catch (e) {
    proc.kill();
    await proc.exited;
    throw e;
  }
}

function kernelEnv(spec: KernelSpec, opts: StartKernelOptions): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env };
  for (const [k, v] of Object.entries(opts.env ?? {})) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  const nodeOptions = [env.NODE_OPTIONS ?? ''];
  if (opts.memoryLimitMb !== undefined) nodeOptions.push(`--max-old-space-size=${Math.round(opts.memoryLimitMb)}`);
  if (spec.argv.some((a) => /[\\/]tslab([\\/]|$)/.test(a))) nodeOptions.push(`--require ${JSON.stringify(TSLAB_PRELOAD)}`);
  env.NODE_OPTIONS = nodeOptions.join(' ').trim();
  if (env.NODE_OPTIONS === '') delete env.NODE_OPTIONS;
  return env;
}

function cleanup(channels: KernelChannels, conn: ConnectionFile): void {
  channels.close();
  removeConnectionFile(conn);
}

/** Routes replies to their request and iopub messages to the execution they belong to. */
interface Router {
  handlers: ChannelHandlers;
  expectReply(msgId: string, onReply: (msg: JupyterMessage) => void): void;
  listenIopub(msgId: string, onMessage: (msg: JupyterMessage) => void): void;
  forget(msgId: string): void;
  problems: string[];
}

function createRouter(): Router {
  const replies = new Map<string, (msg: JupyterMessage) => void>();
  const iopub = new Map<string, (msg: JupyterMessage) => void>();
  const problems: string[] = [];
  return {
    problems,
    handlers: {
      message(channel, msg) {
        const parent = msg.parent_header.msg_id;
        if (!parent) return;
        if (channel === 'iopub') iopub.get(parent)?.(msg);
        else replies.get(parent)?.(msg);
      },
      problem(channel, error) {
        if (problems.length < 20) problems.push(`${channel}: ${error.message}`);
      },
    },
    expectReply: (id, fn) => void replies.set(id, fn),
    listenIopub: (id, fn) => void iopub.set(id, fn),
    forget(id) {
      replies.delete(id);
      iopub.delete(id);
    },
  };
}

/** Sends kernel_info_request until a reply and its iopub status both arrive (iopub subscriptions join late). */
async function waitForKernelInfo(
  proc: KernelProcess,
  channels: KernelChannels,
  router: Router,
  session: string,
  timeoutMs: number,
): Promise<JsonObject> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  void proc.exited.then(() => (exited = true));
  while (Date.now() < deadline) {
    if (PORT_CLASH.test(proc.stderrTail())) throw new PortClash(`kernel could not bind its ports:\n${proc.stderrTail()}`);
    if (exited) throw new KernelStartError(`kernel exited during start-up:\n${proc.stderrTail().trim()}`);
    const msg = newMessage('kernel_info_request', {}, session);
    let reply: JupyterMessage | undefined;
    let sawIopub = false;
    router.expectReply(msg.header.msg_id, (r) => (reply = r));
    router.listenIopub(msg.header.msg_id, () => (sawIopub = true));
    await channels.send('shell', msg);
    const until = Math.min(deadline, Date.now() + (reply ? 1000 : 2000));
    while (Date.now() < until && !(reply && sawIopub) && !exited) await sleep(25);
    router.forget(msg.header.msg_id);
    if (reply && sawIopub) return reply.content;
  }
  const problems = router.problems.length ? `\nmessage problems: ${router.problems.join('; ')}` : '';
  throw new KernelStartError(`kernel did not answer kernel_info within ${timeoutMs / 1000} s${problems}\n${proc.stderrTail().trim()}`);
}

function createClient(
  spec: KernelSpec,
  proc: KernelProcess,
  channels: KernelChannels,
  router: Router,
  session: string,
  info: JsonObject,
  startupMs: number,
  opts: StartKernelOptions,
): KernelClient {
  const maxOutputBytes = opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
  let busy = false;
  let readyAt = 0;

  const request = async (channel: RequestChannel, type: string, content: JsonObject, timeoutMs: number): Promise<JupyterMessage | undefined> => {
    const msg = newMessage(type, content, session);
    const reply = new Promise<JupyterMessage>((resolve) => router.expectReply(msg.header.msg_id, resolve));
    try {
      await channels.send(channel, msg);
    } catch (e) {
      router.forget(msg.header.msg_id);
      if (proc.isAlive()) throw e;
      return undefined;
    }
    const result = await raceTimer([reply, proc.exited.then(() => undefined)], timeoutMs, undefined);
    router.forget(msg.header.msg_id);
    return result;
  };

  const client: KernelClient = {
    pid: proc.pid,
    spec,
    info,
    startupMs,
    exited: proc.exited,
    isAlive: () => proc.isAlive(),
    async interrupt() {
      if (!proc.isAlive()) return;
      if (spec.interrupt_mode === 'message') await request('control', 'interrupt_request', {}, 5000);
      else proc.signal('SIGINT');
    },
    async execute(code, execOpts = {}) {
      if (busy) throw new Error('KernelClient.execute: another execute is still running');
      busy = true;
      try {
        const wait = readyAt - Date.now();
        if (wait > 0) await sleep(wait);
        const result = await executeOnce(code, execOpts);
        if (result.status !== 'ok') readyAt = Date.now() + AFTER_ERROR_PAUSE_MS;
        return result;
      } finally {
        busy = false;
      }
    },
    async shutdown(timeoutMs = 5000) {
      if (proc.isAlive()) {
        await request('control', 'shutdown_request', { restart: false }, timeoutMs);
        const ended = await raceTimer([proc.exited], timeoutMs, undefined);
        if (!ended) proc.kill();
      }
      return proc.exited;
    },
    kill: () => proc.kill(),
  };

  async function executeOnce(code: string, execOpts: ExecuteOptions): Promise<ExecuteResult> {
    const started = Date.now();
    const collector = createOutputCollector(maxOutputBytes);
    const finish = (status: ExecuteStatus, extra: Partial<ExecuteResult>): ExecuteResult => {
      const outputs = [...collector.outputs];
      if (collector.truncated()) outputs.push(truncationNote(maxOutputBytes));
      return {
        status,
        executionCount: null,
        outputs,
        displays: collector.displays,
        foreignUpdates: collector.foreignUpdates,
        truncated: collector.truncated(),
        durationMs: Date.now() - started,
        ...extra,
      };
    };
    if (!proc.isAlive()) {
      const exit = await proc.exited;
      return finish('dead', { error: errorFromExit(exit), exit });
    }

    const msg = newMessage('execute_request', {
      code,
      silent: false,
      store_history: true,
      user_expressions: {},
      allow_stdin: false,
      stop_on_error: true,
    }, session);
    let reply: JupyterMessage | undefined;
    let idle = false;
    let settle: () => void = () => undefined;
    const completed = new Promise<'done'>((resolve) => (settle = () => resolve('done')));
    router.listenIopub(msg.header.msg_id, (m) => {
      if (m.header.msg_type === 'status') {
        if (m.content.execution_state === 'idle') {
          idle = true;
          if (reply) settle();
        }
        return;
      }
      collector.add(m);
      execOpts.onMessage?.(m);
    });
    router.expectReply(msg.header.msg_id, (r) => {
      reply = r;
      if (idle) settle();
      // The idle status normally follows at once; do not hang if it was lost.
      else setTimeout(settle, IDLE_AFTER_REPLY_MS).unref();
    });
    try {
      await channels.send('shell', msg);
    } catch (e) {
      // The sockets close when the kernel ends: report that, not the socket error.
      if (proc.isAlive()) throw e;
      router.forget(msg.header.msg_id);
      const exit = await proc.exited;
      return finish('dead', { error: errorFromExit(exit), exit });
    }

    const died = proc.exited.then(() => 'dead' as const);
    let outcome = await raceTimer<'done' | 'dead', 'timeout'>([completed, died], execOpts.timeoutMs, 'timeout');
    let killed = false;
    if (outcome === 'timeout') {
      await client.interrupt();
      const after = await raceTimer<'done' | 'dead', 'stuck'>([completed, died], execOpts.interruptGraceMs ?? 5000, 'stuck');
      if (after === 'stuck') {
        killed = true;
        proc.kill();
        await proc.exited;
      } else if (after === 'dead') {
        outcome = 'dead';
      }
    }
    router.forget(msg.header.msg_id);
    const executionCount = typeof reply?.content.execution_count === 'number' ? reply.content.execution_count : null;
    const replyStatus = typeof reply?.content.status === 'string' ? reply.content.status : undefined;
    if (outcome === 'dead') {
      const exit = await proc.exited;
      return finish('dead', { error: errorFromExit(exit), exit, executionCount, replyStatus });
    }
    if (outcome === 'timeout') {
      const seconds = (execOpts.timeoutMs ?? 0) / 1000;
      const evalue = killed
        ? `the cell ran past ${seconds} s and ignored the interrupt: the kernel was killed`
        : `the cell ran past ${seconds} s and was interrupted`;
      const exit = killed ? await proc.exited : undefined;
      return finish('timeout', { error: { ename: 'Timeout', evalue, traceback: [] }, executionCount, replyStatus, exit });
    }
    const error = cellError(replyStatus, collector.outputs, collector.stderrChunks);
    return finish(error ? 'error' : 'ok', { error, executionCount, replyStatus });
  }

  return client;
}

/** Why a finished cell failed, if it did: the reply status, an error output, or an uncaught failure on stderr. */
function cellError(replyStatus: string | undefined, outputs: NotebookOutput[], stderr: string[]): KernelError | undefined {
  const errorOutput = outputs.find((o) => o.output_type === 'error');
  if (errorOutput && errorOutput.output_type === 'error') {
    return { ename: errorOutput.ename, evalue: errorOutput.evalue, traceback: errorOutput.traceback };
  }
  if (replyStatus === 'error') return errorFromStderr(stderr);
  if (replyStatus === 'abort') return { ename: 'Aborted', evalue: 'the kernel aborted this execution', traceback: [] };
  return uncaughtFromStderr(stderr);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Races `promises` against a timer worth `value` after `ms` (none when undefined), clearing the timer after. */
async function raceTimer<T, V>(promises: Promise<T>[], ms: number | undefined, value: V): Promise<T | V> {
  if (ms === undefined || !Number.isFinite(ms)) return Promise.race(promises);
  let handle: NodeJS.Timeout | undefined;
  const fired = new Promise<V>((resolve) => (handle = setTimeout(() => resolve(value), ms)));
  try {
    return await Promise.race([...promises, fired]);
  } finally {
    clearTimeout(handle);
  }
}
