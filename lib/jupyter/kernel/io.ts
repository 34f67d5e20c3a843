// Where a cell's output goes: every write is sent with the parent header of the cell that caused it, found
// through the async context the cell ran in, so output of timers and promises that outlive their cell (and
// their errors) reach that cell, as ipykernel does. Stream writes are batched into one message per turn.
import { AsyncLocalStorage } from 'async_hooks';
import * as fs from 'fs';
import { TextDecoder } from 'util';
import { JsonObject, MessageHeader } from '../client/wire';
import { CellError } from './traceback';

/** The cell a piece of code belongs to. */
export interface CellContext {
  parent: MessageHeader;
  cell: number;
  /** True until the cell's execute_reply is sent. */
  running: boolean;
  /** An error that escaped the cell's promise chain while it ran (it fails the cell). */
  escaped?: CellError;
}

/** The async context of the code a cell started. */
export const cellContext = new AsyncLocalStorage<CellContext>();

/** Sends one iopub message. */
export type Publish = (msgType: string, content: JsonObject, parent: Partial<MessageHeader>, buffers?: Buffer[]) => void;

/** The kernel's output side. */
export interface Output {
  /** Sends `msgType` after any buffered stream text. */
  send(msgType: string, content: JsonObject, parent: Partial<MessageHeader>, buffers?: Buffer[]): void;
  /** Sends buffered stream text now. */
  flush(): void;
  /** The context code runs in now: its own cell, else the cell that runs or ran last. */
  context(): CellContext | undefined;
}

const FLUSH_BYTES = 64 * 1024;

/** Replaces process.stdout/stderr.write with writes to iopub (the kernel's own notes use fd 2 directly). */
export function captureOutput(publish: Publish, current: () => CellContext | undefined): Output {
  let pending: { parent: MessageHeader; name: 'stdout' | 'stderr'; text: string } | null = null;
  let scheduled = false;
  const flush = (): void => {
    if (!pending) return;
    const { parent, name, text } = pending;
    pending = null;
    publish('stream', { name, text }, parent);
  };
  const context = (): CellContext | undefined => cellContext.getStore() ?? current();
  const write = (name: 'stdout' | 'stderr', text: string): void => {
    const ctx = context();
    if (!ctx) {
      fs.writeSync(2, text);
      return;
    }
    if (pending && (pending.parent !== ctx.parent || pending.name !== name)) flush();
    if (pending) pending.text += text;
    else pending = { parent: ctx.parent, name, text };
    if (pending.text.length > FLUSH_BYTES) flush();
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        scheduled = false;
        flush();
      });
    }
  };
  const decoder = new TextDecoder();
  const writer =
    (name: 'stdout' | 'stderr') =>
    (chunk: string | Uint8Array, encoding?: BufferEncoding | ((e?: Error) => void), cb?: (e?: Error) => void): boolean => {
      write(name, typeof chunk === 'string' ? chunk : decoder.decode(chunk));
      const done = typeof encoding === 'function' ? encoding : cb;
      if (done) process.nextTick(done);
      return true;
    };
  process.stdout.write = writer('stdout');
  process.stderr.write = writer('stderr');
  return {
    flush,
    context,
    send(msgType, content, parent, buffers) {
      flush();
      publish(msgType, content, parent, buffers);
    },
  };
}

/** A note from the kernel itself, on its process's stderr (never a cell's output). */
export function kernelLog(message: string): void {
  fs.writeSync(2, `replearn kernel: ${message}\n`);
}
