// The replearn kernel: the Jupyter messaging protocol (5.5) over zeromq, with tslab's engine running the cells.
import { randomUUID } from 'crypto';
import * as path from 'path';
import { Worker } from 'worker_threads';
import { ConnectionInfo } from '../client/connection';
import { decodeMessage, encodeMessage, JsonObject, JupyterMessage, textField } from '../client/wire';
import { kernelRegistry } from './api';
import { createCommManager } from './comms';
import { ControlFrames, ControlWorkerData } from './control-worker';
import { CellOutcome, createEngine, Engine } from './engine';
import { createHistory } from './history';
import { captureOutput, cellContext, CellContext, kernelLog, Output } from './io';
import { kernelInfoReply } from './kernel-info';
import { mimeBundle, plainText } from './mime';
import { CellError, errorFromDiagnostics, errorFromThrown } from './traceback';
import { bindControlSockets, bindKernelSockets, KernelSockets, RequestSocket, sendQueue } from './transport';

/** A started kernel. */
export interface RunningKernel {
  /** Resolves when a shutdown_request was answered. */
  readonly stopped: Promise<void>;
}

// A cell written as `name?` or `?name`: show the name's documentation in the pager, as IPython does.
const PAGER = /^\s*(?:\?\s*([\w$.]+)|([\w$.]+)\s*\?)\s*$/;

/** Starts the kernel described by connection info `info`, running cells from `rootDir`. */
export async function startKernel(info: ConnectionInfo, rootDir: string = process.cwd()): Promise<RunningKernel> {
  const session = randomUUID();
  const interruptRequested = new Int32Array(new SharedArrayBuffer(4));
  const engine = createEngine(rootDir, interruptRequested);
  const history = createHistory();
  const queue: { msg: JupyterMessage; socket: RequestSocket }[] = [];
  let executionCount = 0;
  let current: CellContext | undefined;
  let draining = false;
  let stop: () => void = () => undefined;
  const stopped = new Promise<void>((resolve) => (stop = resolve));

  const sockets: KernelSockets = await bindKernelSockets(
    info,
    session,
    (msg) => {
      queue.push({ msg, socket: sockets.shell });
      if (!draining) void drain();
    },
    (where, e) => kernelLog(`${where}: ${e.message}`),
  );
  const output: Output = captureOutput((type, content, parent, buffers) => {
    void sockets.publish(type, content, parent, buffers);
  }, () => current);
  const comms = createCommManager((type, content, buffers) => {
    output.send(type, content, output.context()?.parent ?? {}, buffers);
  });
  installDisplayWriter(output);
  kernelRegistry().kernel = {
    openComm: (target, data) => comms.open(target, data),
    clearOutput(wait) {
      const ctx = output.context();
      if (ctx) output.send('clear_output', { wait }, ctx.parent);
    },
    async display(value) {
      const ctx = output.context();
      if (ctx) output.send('display_data', { data: await safeBundle(value), metadata: {}, transient: {} }, ctx.parent);
    },
  };
  installEscapeHandlers(engine, output, rootDir);
  process.on('SIGINT', () => engine.interrupt());

  const control = await startControl(info, session, interruptRequested, sockets, (msg, socket) => void handle(msg, socket));

  async function drain(): Promise<void> {
    draining = true;
    try {
      while (queue.length > 0) {
        const next = queue.shift()!;
        await handle(next.msg, next.socket);
      }
    } finally {
      draining = false;
    }
  }

  async function handle(msg: JupyterMessage, socket: RequestSocket): Promise<void> {
    const parent = msg.header;
    await sockets.publish('status', { execution_state: 'busy' }, parent);
    try {
      await dispatch(msg, socket);
    } catch (e) {
      kernelLog(`failed to handle ${msg.header.msg_type}: ${(e as Error).stack ?? String(e)}`);
    }
    output.flush();
    await sockets.publish('status', { execution_state: 'idle' }, parent);
  }

  async function dispatch(msg: JupyterMessage, socket: RequestSocket): Promise<void> {
    const c = msg.content;
    const reply = (type: string, content: JsonObject): Promise<void> => sockets.reply(socket, msg, type, content);
    switch (msg.header.msg_type) {
      case 'execute_request':
        return execute(msg, socket);
      case 'kernel_info_request':
        return reply('kernel_info_reply', kernelInfoReply());
      case 'complete_request': {
        const code = textField(c.code);
        const pos = utf16Offset(code, Number(c.cursor_pos ?? code.length));
        const r = safely(() => engine.complete(code, pos), { start: pos, end: pos, matches: [] });
        return reply('complete_reply', {
          status: 'ok',
          matches: r.matches,
          cursor_start: codePointOffset(code, r.start),
          cursor_end: codePointOffset(code, r.end),
          metadata: {},
        });
      }
      case 'inspect_request': {
        const code = textField(c.code);
        const pos = utf16Offset(code, Number(c.cursor_pos ?? code.length));
        const text = safely(() => engine.inspect(code, pos), '');
        return reply('inspect_reply', {
          status: 'ok',
          found: text !== '',
          data: text === '' ? {} : { 'text/plain': text },
          metadata: {},
        });
      }
      case 'is_complete_request':
        return reply('is_complete_reply', { ...engine.isComplete(textField(c.code)) });
      case 'history_request':
        return reply('history_reply', { status: 'ok', history: history.query(c) });
      case 'comm_info_request':
        return reply('comm_info_reply', {
          status: 'ok',
          comms: comms.info(typeof c.target_name === 'string' ? c.target_name : undefined),
        });
      case 'comm_open':
      case 'comm_msg':
      case 'comm_close':
        return cellContext.run(contextFor(msg), () => comms.receive(msg));
      case 'interrupt_request':
        engine.interrupt();
        return reply('interrupt_reply', { status: 'ok' });
      case 'shutdown_request': {
        const restart = c.restart === true;
        await reply('shutdown_reply', { status: 'ok', restart });
        setTimeout(() => {
          sockets.close();
          void control.close().then(stop);
        }, 100);
        return;
      }
      default:
        kernelLog(`unknown message type ${msg.header.msg_type}`);
    }
  }

  /** Comm handlers' output and errors go to the comm message (not running: their errors are published). */
  function contextFor(msg: JupyterMessage): CellContext {
    return { parent: msg.header, cell: executionCount, running: false };
  }

  async function execute(msg: JupyterMessage, socket: RequestSocket): Promise<void> {
    const c = msg.content;
    const code = textField(c.code);
    const silent = c.silent === true;
    const storeHistory = !silent && c.store_history !== false;
    if (storeHistory) executionCount++;
    const count = executionCount;
    if (!silent) await sockets.publish('execute_input', { code, execution_count: count }, msg.header);
    if (storeHistory) history.add({ line: count, input: code, output: null });
    const ctx: CellContext = { parent: msg.header, cell: count, running: true };
    current = ctx;
    const payload: JsonObject[] = [];
    let error: CellError | undefined;
    const pager = PAGER.exec(code);
    if (pager) {
      const name = pager[1] ?? pager[2];
      const text = safely(() => engine.inspect(name, name.length), '');
      if (text === '') error = { ename: 'NameError', evalue: `no documentation for ${name}`, traceback: [`NameError: no documentation for ${name}`] };
      else payload.push({ source: 'page', data: { 'text/plain': text }, start: 0 });
    } else {
      const outcome: CellOutcome = await engine.run(code, count, (fn) => cellContext.run(ctx, fn));
      if (outcome.kind === 'compile-error') error = errorFromDiagnostics(outcome.diagnostics, count, code);
      else if (outcome.kind === 'error') error = errorFromThrown(outcome.error, engine.cells, rootDir);
      else if (outcome.hasValue && outcome.value !== undefined && !silent) {
        const data = await safeBundle(outcome.value);
        if (storeHistory && typeof data['text/plain'] === 'string') history.setOutput(count, data['text/plain']);
        output.send('execute_result', { execution_count: count, data, metadata: {} }, msg.header);
      }
    }
    error ??= ctx.escaped;
    ctx.running = false;
    if (error) output.send('error', { ...error }, msg.header);
    // Outputs before the reply: a client that has the reply reads iopub only briefly for the rest.
    output.flush();
    await sockets.iopubDrained();
    if (error) {
      await sockets.reply(socket, msg, 'execute_reply', { status: 'error', execution_count: count, ...error });
      if (c.stop_on_error !== false) await abortQueued();
      return;
    }
    await sockets.reply(socket, msg, 'execute_reply', {
      status: 'ok',
      execution_count: count,
      payload,
      user_expressions: {},
    });
  }

  /** stop_on_error: every execute_request already sent when a cell fails is answered 'aborted', not run. */
  async function abortQueued(): Promise<void> {
    // Let requests that already arrived on the socket reach the queue first (one turn, not a wait).
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < queue.length; i++) {
      const { msg, socket } = queue[i];
      if (msg.header.msg_type !== 'execute_request') continue;
      queue.splice(i--, 1);
      await sockets.publish('status', { execution_state: 'busy' }, msg.header);
      // As ipykernel: no execution_count, so front ends leave the skipped cell's prompt empty.
      await sockets.reply(socket, msg, 'execute_reply', { status: 'aborted' });
      await sockets.publish('status', { execution_state: 'idle' }, msg.header);
    }
  }

  return { stopped };
}

/** Errors that escape a cell (unhandled rejections, throws in timers) go to the cell that started the work. */
function installEscapeHandlers(engine: Engine, output: Output, rootDir: string): void {
  const report = (thrown: unknown): void => {
    const ctx = output.context();
    const error = errorFromThrown(thrown, engine.cells, rootDir);
    if (!ctx) {
      kernelLog(`uncaught outside any cell: ${error.traceback.join('\n')}`);
      return;
    }
    if (ctx.running && !ctx.escaped) {
      ctx.escaped = error;
      return;
    }
    output.send('error', { ...error }, ctx.parent);
  };
  process.on('uncaughtException', report);
  process.on('unhandledRejection', report);
}

/** tslab's display API (and replearn's displays, which find it among loaded modules) write through us. */
function installDisplayWriter(output: Output): void {
  const jupyter = require('tslab/dist/jupyter') as { lastWriteDisplayData: unknown };
  jupyter.lastWriteDisplayData = (content: JsonObject, update: boolean): void => {
    const ctx = output.context();
    if (!ctx) return;
    const transient = content.transient as { display_id?: string } | undefined;
    const message = { data: content.data, metadata: content.metadata ?? {}, transient: transient?.display_id ? transient : {} };
    output.send(update ? 'update_display_data' : 'display_data', message, ctx.parent);
  };
}

async function safeBundle(value: unknown): Promise<Record<string, unknown>> {
  try {
    return await mimeBundle(value);
  } catch (e) {
    kernelLog(`rendering a result failed: ${(e as Error).message}`);
    return { 'text/plain': plainText(value) };
  }
}

function safely<T>(fn: () => T, fallback: T): T {
  try {
    return fn();
  } catch (e) {
    kernelLog(`language service: ${(e as Error).message}`);
    return fallback;
  }
}

/** Jupyter counts cursor positions in code points; JavaScript strings in UTF-16 units. */
function utf16Offset(code: string, codePoints: number): number {
  return [...code].slice(0, codePoints).join('').length;
}

function codePointOffset(code: string, utf16: number): number {
  return [...code.slice(0, utf16)].length;
}

/**
 * The control channel and heartbeat: in a worker thread, so an interrupt_request breaks a synchronous loop;
 * in this thread where workers are not allowed (Node's permission model without --allow-worker).
 */
async function startControl(
  info: ConnectionInfo,
  session: string,
  interruptRequested: Int32Array,
  sockets: KernelSockets,
  handle: (msg: JupyterMessage, socket: RequestSocket) => void,
): Promise<{ close(): Promise<void> }> {
  let worker: Worker;
  const socketsClosed = new Int32Array(new SharedArrayBuffer(4));
  try {
    worker = new Worker(path.join(__dirname, 'control-worker.js'), {
      workerData: { info, session, interruptRequested, socketsClosed } satisfies ControlWorkerData,
    });
  } catch (e) {
    kernelLog(`control channel in the main thread (${(e as Error).message}): interrupts reach pending awaits only`);
    return controlInThisThread(info, sockets, handle);
  }
  const socket: RequestSocket = {
    // A throw becomes a rejection, as callers of a socket's send expect.
    send: (msg) =>
      new Promise<void>((resolve) => {
        worker.postMessage({ kind: 'send', frames: encodeMessage(msg, sockets.signing) } satisfies ControlFrames);
        resolve();
      }),
  };
  worker.on('message', (m: ControlFrames) => {
    if (m.kind === 'problem') kernelLog(`control: ${m.error}`);
    if (!m.frames) return;
    const msg = decodeMessage(
      m.frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength)),
      sockets.signing,
    );
    if (m.kind === 'request') handle(msg, socket);
    else if (m.kind === 'interrupted') {
      void sockets.publish('status', { execution_state: 'busy' }, msg.header);
      void sockets.publish('status', { execution_state: 'idle' }, msg.header);
    }
  });
  worker.on('error', (e) => kernelLog(`control worker: ${e.message}`));
  worker.unref();
  // zeromq aborts the process when a thread ends with open sockets: on any exit (a cell's process.exit too),
  // have the worker close its sockets first.
  process.on('exit', () => {
    if (Atomics.load(socketsClosed, 0) === 1) return;
    worker.postMessage({ kind: 'close' } satisfies ControlFrames);
    Atomics.wait(socketsClosed, 0, 0, 1000);
  });
  return {
    close: () =>
      new Promise<void>((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage({ kind: 'close' } satisfies ControlFrames);
        setTimeout(() => void worker.terminate().then(() => resolve()), 1000).unref();
      }),
  };
}

async function controlInThisThread(
  info: ConnectionInfo,
  sockets: KernelSockets,
  handle: (msg: JupyterMessage, socket: RequestSocket) => void,
): Promise<{ close(): Promise<void> }> {
  const { control, heartbeat } = await bindControlSockets(info);
  const send = sendQueue(control);
  const socket: RequestSocket = { send: (msg) => send(encodeMessage(msg, sockets.signing)) };
  void (async () => {
    for await (const frames of heartbeat) await heartbeat.send(frames);
  })().catch(() => undefined);
  void (async () => {
    for await (const frames of control) {
      try {
        handle(decodeMessage(frames, sockets.signing), socket);
      } catch (e) {
        kernelLog(`control: ${(e as Error).message}`);
      }
    }
  })().catch(() => undefined);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        control.close();
        heartbeat.close();
        resolve();
      }),
  };
}
