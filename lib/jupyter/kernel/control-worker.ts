// The control channel and the heartbeat, in a worker thread: they must answer while a cell's synchronous loop
// blocks the main thread. An interrupt_request is acted on here (SIGINT to our own process breaks the running
// cell, see engine.ts); every other control request goes to the main thread, whose replies come back to send.
import { parentPort, workerData } from 'worker_threads';
import { ConnectionInfo } from '../client/connection';
import { decodeMessage, encodeMessage, KERNEL_PROTOCOL_VERSION, newMessage, SigningKey } from '../client/wire';
import { bindControlSockets, sendQueue } from './transport';

/** What the main thread gives the worker. */
export interface ControlWorkerData {
  info: ConnectionInfo;
  session: string;
  /** Shared with the engine: set to 1 before each SIGINT (see createEngine). */
  interruptRequested: Int32Array;
  /** Set to 1 (and notified) once the worker's sockets are closed: the main thread waits for it on exit. */
  socketsClosed: Int32Array;
}

/** Messages between the worker and the main thread: raw frames of one control message. */
export interface ControlFrames {
  kind: 'request' | 'interrupted' | 'send' | 'bound' | 'problem' | 'close';
  frames?: Uint8Array[];
  error?: string;
}

function toBuffers(frames: readonly Uint8Array[]): Buffer[] {
  return frames.map((f) => Buffer.from(f.buffer, f.byteOffset, f.byteLength));
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const { info, session, interruptRequested, socketsClosed } = workerData as ControlWorkerData;
  const signing: SigningKey = { key: info.key, scheme: info.signature_scheme };
  const { control, heartbeat } = await bindControlSockets(info);
  const send = sendQueue(control);
  port.on('message', (m: ControlFrames) => {
    if (m.kind === 'send' && m.frames) void send(toBuffers(m.frames)).catch(() => undefined);
    // Closed here, before the thread ends: zeromq aborts the process when a worker exits with open sockets.
    if (m.kind === 'close') {
      control.close();
      heartbeat.close();
      port.close();
      Atomics.store(socketsClosed, 0, 1);
      Atomics.notify(socketsClosed, 0);
    }
  });
  port.postMessage({ kind: 'bound' } satisfies ControlFrames);
  void (async () => {
    for await (const frames of heartbeat) await heartbeat.send(frames);
  })().catch(() => undefined);
  try {
    for await (const frames of control) {
      let msg;
      try {
        msg = decodeMessage(frames, signing);
      } catch (e) {
        port.postMessage({ kind: 'problem', error: (e as Error).message } satisfies ControlFrames);
        continue;
      }
      if (msg.header.msg_type !== 'interrupt_request') {
        port.postMessage({ kind: 'request', frames } satisfies ControlFrames);
        continue;
      }
      Atomics.store(interruptRequested, 0, 1);
      process.kill(process.pid, 'SIGINT');
      const reply = newMessage('interrupt_reply', { status: 'ok' }, session, msg.header, KERNEL_PROTOCOL_VERSION);
      reply.identities = msg.identities;
      await send(encodeMessage(reply, signing)).catch(() => undefined);
      // The main thread publishes busy/idle for it once it is free again.
      port.postMessage({ kind: 'interrupted', frames } satisfies ControlFrames);
    }
  } catch (e) {
    if (!control.closed) throw e;
  }
}

void main().catch((e: Error) => parentPort?.postMessage({ kind: 'problem', error: e.message } satisfies ControlFrames));
