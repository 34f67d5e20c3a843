import { randomUUID } from 'crypto';
import { KernelChannels, openChannels, RequestChannel } from './channels';
import { ConnectionInfo } from './connection';
import { KernelProcess } from './process';
import { raceTimer } from './timing';
import { JsonObject, JupyterMessage, newMessage } from './wire';

/** One kernel process, the sockets to it, and the routing of its messages to whoever asked. */
export interface KernelLink {
  readonly proc: KernelProcess;
  readonly session: string;
  /** A new message of this session. */
  message(type: string, content: JsonObject): JupyterMessage;
  /** Sends `msg`; false when the kernel has ended (its sockets are closed). */
  send(channel: RequestChannel, msg: JupyterMessage): Promise<boolean>;
  /** Sends a request and waits for its reply; undefined after `timeoutMs` or when the kernel ends. */
  request(
    channel: RequestChannel,
    type: string,
    content: JsonObject,
    timeoutMs: number,
  ): Promise<JupyterMessage | undefined>;
  /** Routes the shell/control reply to message `msgId` to `onReply`. */
  expectReply(msgId: string, onReply: (msg: JupyterMessage) => void): void;
  /** Routes iopub messages whose parent is `msgId` to `onMessage`. */
  listenIopub(msgId: string, onMessage: (msg: JupyterMessage) => void): void;
  /** Stops routing for `msgId`. */
  forget(msgId: string): void;
  /** Messages that failed to decode (bad signature ...), for start-up diagnostics. */
  readonly problems: readonly string[];
  close(): void;
}

/** Connects to the kernel's channels and routes incoming messages by parent msg_id. */
export function createLink(proc: KernelProcess, info: ConnectionInfo): KernelLink {
  const session = randomUUID();
  const replies = new Map<string, (msg: JupyterMessage) => void>();
  const iopub = new Map<string, (msg: JupyterMessage) => void>();
  const problems: string[] = [];
  const channels: KernelChannels = openChannels(info, session, {
    message(channel, msg) {
      const parent = msg.parent_header.msg_id;
      if (!parent) return;
      if (channel === 'iopub') iopub.get(parent)?.(msg);
      else replies.get(parent)?.(msg);
    },
    problem(channel, error) {
      if (problems.length < 20) problems.push(`${channel}: ${error.message}`);
    },
  });
  const forget = (id: string): void => {
    replies.delete(id);
    iopub.delete(id);
  };
  const send = async (channel: RequestChannel, msg: JupyterMessage): Promise<boolean> => {
    try {
      await channels.send(channel, msg);
      return true;
    } catch (e) {
      if (proc.isAlive()) throw e;
      return false;
    }
  };
  return {
    proc,
    session,
    problems,
    message: (type, content) => newMessage(type, content, session),
    send,
    async request(channel, type, content, timeoutMs) {
      const msg = newMessage(type, content, session);
      const reply = new Promise<JupyterMessage>((resolve) => replies.set(msg.header.msg_id, resolve));
      try {
        if (!(await send(channel, msg))) return undefined;
        return await raceTimer([reply, proc.exited.then(() => undefined)], timeoutMs, undefined);
      } finally {
        forget(msg.header.msg_id);
      }
    },
    expectReply: (id, fn) => void replies.set(id, fn),
    listenIopub: (id, fn) => void iopub.set(id, fn),
    forget,
    close: () => channels.close(),
  };
}
