import * as zmq from 'zeromq';
import { channelAddress, ConnectionInfo } from '../client/connection';
import {
  decodeMessage,
  encodeMessage,
  JsonObject,
  JupyterMessage,
  KERNEL_PROTOCOL_VERSION,
  MessageHeader,
  newMessage,
  SigningKey,
} from '../client/wire';

/** The control (router) and heartbeat (reply) sockets, bound to their ports (in the main thread or the worker). */
export async function bindControlSockets(info: ConnectionInfo): Promise<{ control: zmq.Router; heartbeat: zmq.Reply }> {
  const control = new zmq.Router({ linger: 0 });
  const heartbeat = new zmq.Reply({ linger: 0 });
  await Promise.all([
    control.bind(channelAddress(info, info.control_port)),
    heartbeat.bind(channelAddress(info, info.hb_port)),
  ]);
  return { control, heartbeat };
}

/** iopub messages queued before the kernel drops output (a flood, not a lesson). */
export const IOPUB_HIGH_WATER_MARK = 100_000;

/** A bound socket the kernel answers requests on. */
export interface RequestSocket {
  /** Sends `msg` (its identities route it back to the asker); sends never overlap. */
  send(msg: JupyterMessage): Promise<void>;
}

/** The kernel's main-thread sockets: shell and stdin (routers) and iopub (an XPUB that welcomes subscribers). */
export interface KernelSockets {
  readonly session: string;
  readonly signing: SigningKey;
  shell: RequestSocket;
  stdin: RequestSocket;
  /** Resolves once every message published so far has been handed to zeromq. */
  iopubDrained(): Promise<void>;
  /** Publishes `msgType` with `parent` as its parent header. */
  publish(msgType: string, content: JsonObject, parent: Partial<MessageHeader>, buffers?: Buffer[]): Promise<void>;
  /** A reply to `request` on the socket it came from. */
  reply(socket: RequestSocket, request: JupyterMessage, msgType: string, content: JsonObject): Promise<void>;
  close(): void;
}

/** Serialises sends on one zeromq socket (zeromq.js allows a single pending send). */
export function sendQueue(socket: { send(frames: Buffer[]): Promise<void> }): SendQueue {
  let tail: Promise<void> = Promise.resolve();
  const send = (frames: Buffer[]): Promise<void> => {
    const next = tail.then(() => socket.send(frames));
    tail = next.catch(() => undefined);
    return next;
  };
  return Object.assign(send, { drained: () => tail });
}

/** Queued sends on one socket, and a promise of the queue being empty. */
export type SendQueue = ((frames: Buffer[]) => Promise<void>) & { drained(): Promise<void> };

/** Binds shell, stdin and iopub and feeds every verified shell message to `onShell`. */
export async function bindKernelSockets(
  info: ConnectionInfo,
  session: string,
  onShell: (msg: JupyterMessage) => void,
  onProblem: (where: string, error: Error) => void,
): Promise<KernelSockets> {
  const signing: SigningKey = { key: info.key, scheme: info.signature_scheme };
  const shell = new zmq.Router({ linger: 0 });
  const stdin = new zmq.Router({ linger: 0 });
  // sendTimeout 0 queues each send at once (the default makes concurrent sends fail with EBUSY and lose output).
  const iopub = new zmq.XPublisher({ linger: 0, sendTimeout: 0, sendHighWaterMark: IOPUB_HIGH_WATER_MARK });
  await Promise.all([
    shell.bind(channelAddress(info, info.shell_port)),
    stdin.bind(channelAddress(info, info.stdin_port)),
    iopub.bind(channelAddress(info, info.iopub_port)),
  ]);
  const sendIopub = sendQueue(iopub);
  const publish = (
    msgType: string,
    content: JsonObject,
    parent: Partial<MessageHeader>,
    buffers: Buffer[] = [],
  ): Promise<void> => {
    const msg = newMessage(msgType, content, session, parent, KERNEL_PROTOCOL_VERSION);
    msg.buffers = buffers;
    msg.identities = [Buffer.from(`kernel.${session}.${msgType}`)];
    return sendIopub(encodeMessage(msg, signing)).catch((e: Error) => onProblem('iopub', e));
  };
  const socketOf = (s: zmq.Router): RequestSocket => {
    const send = sendQueue(s);
    return { send: (msg) => send(encodeMessage(msg, signing)) };
  };
  const shellSocket = socketOf(shell);
  const stdinSocket = socketOf(stdin);
  void (async () => {
    try {
      for await (const frames of shell) {
        try {
          onShell(decodeMessage(frames, signing));
        } catch (e) {
          onProblem('shell', e as Error);
        }
      }
    } catch (e) {
      if (!shell.closed) onProblem('shell', e as Error);
    }
  })();
  // Protocol 5.5: each new subscription gets an iopub_welcome, so a client knows its subscription is live.
  void (async () => {
    try {
      for await (const [frame] of iopub) {
        if (frame.length === 0 || frame[0] !== 1) continue;
        const topic = frame.subarray(1).toString('utf8');
        const msg = newMessage('iopub_welcome', { subscription: topic }, session, {}, KERNEL_PROTOCOL_VERSION);
        msg.identities = [Buffer.from(topic)];
        await sendIopub(encodeMessage(msg, signing)).catch((e: Error) => onProblem('iopub', e));
      }
    } catch (e) {
      if (!iopub.closed) onProblem('iopub', e as Error);
    }
  })();
  return {
    session,
    signing,
    shell: shellSocket,
    stdin: stdinSocket,
    publish,
    iopubDrained: () => sendIopub.drained(),
    reply(socket, request, msgType, content) {
      const msg = newMessage(msgType, content, session, request.header, KERNEL_PROTOCOL_VERSION);
      msg.identities = request.identities;
      return socket.send(msg);
    },
    close() {
      for (const s of [shell, stdin, iopub]) if (!s.closed) s.close();
    },
  };
}
