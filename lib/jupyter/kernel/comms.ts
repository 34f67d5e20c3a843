// Comms: comm_open / comm_msg / comm_close routed to the targets library code registers (api.ts).
import { randomUUID } from 'crypto';
import { JsonObject, JupyterMessage, textField } from '../client/wire';
import { Comm, kernelRegistry } from './api';
import { kernelLog } from './io';

/** Sends a comm message on iopub (with the parent header of the code that sent it). */
export type CommSend = (msgType: 'comm_open' | 'comm_msg' | 'comm_close', content: JsonObject, buffers?: Buffer[]) => void;

/** The kernel's open comms. */
export interface CommManager {
  /** Handles comm_open, comm_msg or comm_close from the front end. */
  receive(msg: JupyterMessage): void;
  /** The comm_info_reply's `comms`, only those of `targetName` when given. */
  info(targetName?: string): Record<string, { target_name: string }>;
  /** Opens a comm from the kernel side. */
  open(targetName: string, data: Record<string, unknown>): Comm;
}

interface OpenComm extends Comm {
  messageHandlers: ((data: Record<string, unknown>, buffers: Buffer[]) => void)[];
  closeHandlers: ((data: Record<string, unknown>) => void)[];
}

/** A manager that sends through `send`. */
export function createCommManager(send: CommSend): CommManager {
  const comms = new Map<string, OpenComm>();
  const make = (commId: string, targetName: string): OpenComm => {
    const comm: OpenComm = {
      commId,
      targetName,
      messageHandlers: [],
      closeHandlers: [],
      send: (data, buffers) => send('comm_msg', { comm_id: commId, data }, buffers),
      close(data = {}) {
        if (!comms.delete(commId)) return;
        send('comm_close', { comm_id: commId, data });
      },
      onMessage: (h) => void comm.messageHandlers.push(h),
      onClose: (h) => void comm.closeHandlers.push(h),
    };
    comms.set(commId, comm);
    return comm;
  };
  const guarded = (what: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      kernelLog(`comm ${what} handler failed: ${(e as Error).stack ?? String(e)}`);
    }
  };
  return {
    receive(msg) {
      const c = msg.content;
      const commId = textField(c.comm_id);
      const data = (c.data && typeof c.data === 'object' ? c.data : {}) as Record<string, unknown>;
      switch (msg.header.msg_type) {
        case 'comm_open': {
          const target = kernelRegistry().targets.get(textField(c.target_name));
          if (!target) {
            // No such target: close it at once so the front end does not wait on it (ipykernel does the same).
            send('comm_close', { comm_id: commId, data: {} });
            return;
          }
          const comm = make(commId, String(c.target_name));
          guarded('open', () => target(comm, data));
          return;
        }
        case 'comm_msg': {
          const comm = comms.get(commId);
          for (const h of comm?.messageHandlers ?? []) guarded('message', () => h(data, msg.buffers));
          return;
        }
        case 'comm_close': {
          const comm = comms.get(commId);
          comms.delete(commId);
          for (const h of comm?.closeHandlers ?? []) guarded('close', () => h(data));
          return;
        }
      }
    },
    info(targetName) {
      const out: Record<string, { target_name: string }> = {};
      for (const [id, comm] of comms)
        if (!targetName || comm.targetName === targetName) out[id] = { target_name: comm.targetName };
      return out;
    },
    open(targetName, data) {
      const comm = make(randomUUID(), targetName);
      send('comm_open', { comm_id: comm.commId, target_name: targetName, data });
      return comm;
    },
  };
}
