import * as zmq from 'zeromq';
import { channelAddress, ConnectionInfo } from './connection';
import { decodeMessage, encodeMessage, JupyterMessage, SigningKey } from './wire';

/** The channels a client sends on (stdin is not used: kernels run with allow_stdin false). */
export type RequestChannel = 'shell' | 'control';
/** Every channel a client receives on. */
export type ReceiveChannel = RequestChannel | 'iopub';

/** Open client sockets to one kernel. */
export interface KernelChannels {
  /** Queues `msg` on a request channel (sends on one socket never overlap). */
  send(channel: RequestChannel, msg: JupyterMessage): Promise<void>;
  /** Closes every socket at once, dropping unsent messages. */
  close(): void;
}

/** Called for each verified message; `problem` for frames that fail to decode (bad signature etc.). */
export interface ChannelHandlers {
  message(channel: ReceiveChannel, msg: JupyterMessage): void;
  problem(channel: ReceiveChannel, error: Error): void;
}

/** Connects shell and control (dealers) and iopub (subscriber to everything) and starts their receive loops. */
export function openChannels(info: ConnectionInfo, session: string, handlers: ChannelHandlers): KernelChannels {
  const signing: SigningKey = { key: info.key, scheme: info.signature_scheme };
  const shell = new zmq.Dealer({ routingId: `${session}-shell`, linger: 0 });
  const control = new zmq.Dealer({ routingId: `${session}-control`, linger: 0 });
  // Unbounded: a kernel that prints in a tight loop must not lose output in our queue (PUB drops at the high-water mark).
  const iopub = new zmq.Subscriber({ linger: 0, receiveHighWaterMark: 0 });
  shell.connect(channelAddress(info, info.shell_port));
  control.connect(channelAddress(info, info.control_port));
  iopub.connect(channelAddress(info, info.iopub_port));
  iopub.subscribe();

  const receivers: [ReceiveChannel, zmq.Dealer | zmq.Subscriber][] = [
    ['shell', shell],
    ['control', control],
    ['iopub', iopub],
  ];
  for (const [name, socket] of receivers) void receiveLoop(name, socket, signing, handlers);

  // zeromq allows one pending send per socket: chain them.
  const queues: Record<RequestChannel, Promise<void>> = { shell: Promise.resolve(), control: Promise.resolve() };
  const sockets: Record<RequestChannel, zmq.Dealer> = { shell, control };
  return {
    send(channel, msg) {
      const frames = encodeMessage(msg, signing);
      const next = queues[channel].then(() => sockets[channel].send(frames));
      queues[channel] = next.catch(() => undefined);
      return next;
    },
    close() {
      for (const [, socket] of receivers) if (!socket.closed) socket.close();
    },
  };
}

async function receiveLoop(
  name: ReceiveChannel,
  socket: zmq.Dealer | zmq.Subscriber,
  signing: SigningKey,
  handlers: ChannelHandlers,
): Promise<void> {
  try {
    for await (const frames of socket) {
      let msg: JupyterMessage;
      try {
        msg = decodeMessage(frames, signing);
      } catch (e) {
        handlers.problem(name, e as Error);
        continue;
      }
      handlers.message(name, msg);
    }
  } catch (e) {
    // Closing the socket ends the iteration with an error on some versions: only report real failures.
    if (!socket.closed) handlers.problem(name, e as Error);
  }
}
