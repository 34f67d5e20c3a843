// The grader's end of a graded kernel's private channel: a Unix socket in a folder only the grader
// created, accepting one connection (the kernel's launcher connects before any notebook code runs).
// It sends the key, seed and TESTS cells, and keeps the records whose signature and sequence check out.
import { createHmac, randomBytes } from 'crypto';
import * as net from 'net';
import * as path from 'path';
import { checkLine, GradingRecord, signedLine } from '../exercises/record-line';
import { TestsMessage } from '../exercises/recorder';

/** Past this many bytes from one kernel, further records are dropped (a flood cannot exhaust the grader). */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

/** Past this many records from one kernel, further ones are dropped. */
export const MAX_RECORDS = 10_000;

/** One kernel's channel. */
export interface RecordChannel {
  readonly socketPath: string;
  /** Accepted records in the order they came. */
  readonly records: GradingRecord[];
  /** Why lines were rejected (forged, replayed, malformed), at most 20 kept. */
  readonly rejected: string[];
  rejectedCount(): number;
  /** Sends a TESTS cell to the recorder (signed like the records). */
  send(message: TestsMessage): void;
  /** Resolves when the kernel side has closed (all records are in), or after `timeoutMs`. */
  drained(timeoutMs: number): Promise<void>;
  close(): void;
}

/** Node's HMAC, identical to the kernel's plain-JavaScript one (the grader's own process is trusted). */
export function nodeHmacHex(key: string, message: string): string {
  return createHmac('sha256', key).update(message, 'utf8').digest('hex');
}

/** Listens on `dir`/channel.sock; the first connection gets the key and seed, later ones are refused. */
export async function openRecordChannel(dir: string, seed: number): Promise<RecordChannel> {
  const socketPath = path.join(dir, 'channel.sock');
  const key = randomBytes(32).toString('hex');
  const records: GradingRecord[] = [];
  const rejected: string[] = [];
  let rejectedTotal = 0;
  let peer: net.Socket | null = null;
  let closed = false;
  let bytes = 0;
  let minSeq = 0;
  let sendSeq = 0;
  let pending = '';
  const ended: Promise<void>[] = [];

  const reject = (reason: string): void => {
    rejectedTotal++;
    if (rejected.length < 20) rejected.push(reason);
  };
  const takeLine = (line: string): void => {
    const checked = checkLine(key, line, minSeq, nodeHmacHex);
    if (!checked.ok) return reject(checked.reason);
    minSeq = checked.seq + 1;
    if (records.length >= MAX_RECORDS) return reject(`more than ${MAX_RECORDS} records: the rest was dropped`);
    try {
      records.push(JSON.parse(checked.body) as GradingRecord);
    } catch {
      reject('signed record is not JSON');
    }
  };
  const server = net.createServer((socket) => {
    if (peer) {
      socket.destroy();
      return;
    }
    peer = socket;
    server.close();
    socket.write(`${JSON.stringify({ key, seed })}\n`);
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      bytes += chunk.length;
      if (bytes > MAX_RECORD_BYTES) {
        if (pending !== '') reject(`more than ${MAX_RECORD_BYTES} bytes of records: the rest was dropped`);
        pending = '';
        return;
      }
      pending += chunk;
      let end: number;
      while ((end = pending.indexOf('\n')) >= 0) {
        takeLine(pending.slice(0, end));
        pending = pending.slice(end + 1);
      }
    });
    socket.on('error', () => undefined);
    ended.push(new Promise((resolve) => socket.once('close', () => resolve())));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => resolve());
  });
  return {
    socketPath,
    records,
    rejected,
    rejectedCount: () => rejectedTotal,
    send(message) {
      if (!peer || peer.destroyed) throw new Error('the kernel never connected to its grading channel');
      peer.write(signedLine(key, sendSeq++, JSON.stringify(message)));
    },
    async drained(timeoutMs) {
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([
        Promise.all(ended).then(() => undefined),
        new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs))),
      ]);
      clearTimeout(timer);
    },
    close() {
      if (closed) return;
      closed = true;
      server.close();
      peer?.destroy();
    },
  };
}
