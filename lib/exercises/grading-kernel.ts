// Entry point of a graded kernel process: `node [limits] grading-kernel.js <socket> <connection file>`.
// Before the kernel (and so before any notebook code) starts, it connects to the
// grader's private socket, receives the record key and seed, and pins the recorder to a non-writable
// global. Records then go out on that socket, which no cell output, print or display can reach.
/* eslint-disable @typescript-eslint/unbound-method -- intrinsics are captured unbound at load, before notebook code could patch them, and called through call/apply/bind */
import * as fs from 'fs';
import * as net from 'net';
import * as path from 'path';
import { projectRoot } from '../project';
import { ChannelHello, RECORDER_GLOBAL } from './record-line';
import { createRecorder } from './recorder';

const writeSync = fs.writeSync;
const readSync = fs.readSync;
const bufferFrom = Buffer.from;
const bufferAlloc = Buffer.alloc;
const bufferConcat = Buffer.concat;
const now = Date.now;
const sleeper = new Int32Array(new SharedArrayBuffer(4));
const wait = Atomics.wait;

/** Writes all of `line` to the non-blocking socket `fd`, waiting out a full buffer. */
function writeAll(fd: number, line: string): void {
  const bytes = bufferFrom(line, 'utf8');
  let offset = 0;
  while (offset < bytes.length) {
    try {
      offset += writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      wait(sleeper, 0, 0, 2);
    }
  }
}

/** Reads newline-terminated lines from the non-blocking socket `fd`, starting with what `pending` holds. */
function lineReader(fd: number, pending: Buffer): (timeoutMs: number) => string | null {
  let buffered = pending;
  const chunk = bufferAlloc(1 << 16);
  return (timeoutMs) => {
    const deadline = now() + timeoutMs;
    for (;;) {
      const end = buffered.indexOf(10);
      if (end >= 0) {
        const line = buffered.subarray(0, end).toString('utf8');
        buffered = buffered.subarray(end + 1);
        return line;
      }
      let n = 0;
      try {
        n = readSync(fd, chunk, 0, chunk.length, null);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') return null;
      }
      if (n > 0) buffered = bufferConcat([buffered, chunk.subarray(0, n)]);
      else if (now() > deadline) return null;
      else wait(sleeper, 0, 0, 2);
    }
  };
}

/**
 * Native addons load only from read-only folders: the one folder a sandboxed kernel can write (its
 * socket folder, written only by native code such as a TensorFlow WriteFile op) never yields code to
 * run. The check is on the resolved path, and that path is what gets loaded. The kit's own runtime
 * (node_modules, dist, the built addons under native/) is read-only in the sandbox and is allowed even
 * where the project itself lives under a writable root such as /tmp.
 */
function guardNativeCode(writable: string[], runtime: string[]): void {
  const dlopen = process.dlopen;
  const apply = Reflect.apply;
  const realpath = fs.realpathSync.native;
  const roots = writable.map((d) => path.resolve(d) + path.sep);
  // Resolved once, before any notebook code runs (a folder that is absent or unreadable allows nothing).
  const kit: string[] = [];
  for (const d of runtime) {
    try {
      kit.push(realpath(d) + path.sep);
    } catch {
      /* not there: nothing to allow */
    }
  }
  Object.defineProperty(process, 'dlopen', {
    value: function guardedDlopen(module: object, filename: string, flags?: number): void {
      const real = realpath(filename);
      const fromKit = kit.some((k) => real.startsWith(k));
      if (!fromKit && roots.some((root) => real.startsWith(root)))
        throw new Error('native code from a writable folder is not loaded in a graded kernel');
      apply(dlopen, process, flags === undefined ? [module, real] : [module, real, flags]);
    },
    writable: false,
    configurable: false,
    enumerable: true,
  });
}

function start(socketPath: string, configPath: string): void {
  const root = projectRoot();
  guardNativeCode(
    [path.dirname(socketPath), process.cwd(), '/tmp'],
    ['node_modules', 'dist', path.join('native', 'graph', 'build')].map((p) => path.join(root, p)),
  );
  const socket = net.connect(socketPath);
  let received = Buffer.alloc(0);
  const onData = (chunk: Buffer): void => {
    received = Buffer.concat([received, chunk]);
    const end = received.indexOf(10);
    if (end < 0) return;
    // From here on the recorder reads the socket itself, synchronously, so nothing else sees the data.
    socket.off('data', onData);
    socket.pause();
    for (let more = socket.read() as Buffer | null; more !== null; more = socket.read() as Buffer | null)
      received = Buffer.concat([received, more]);
    // read() may restart the handle's reading: stop it last, in the same tick, so libuv reads nothing more.
    const handle = (socket as unknown as { _handle: { fd: number; readStop(): number; reading: boolean } })._handle;
    handle.reading = false;
    handle.readStop();
    const hello = JSON.parse(received.subarray(0, end).toString('utf8')) as ChannelHello;
    const fd = handle.fd;
    const recorder = createRecorder({
      key: hello.key,
      seed: hello.seed,
      write: (line) => writeAll(fd, line),
      readLine: lineReader(fd, received.subarray(end + 1)),
    });
    Object.defineProperty(globalThis, RECORDER_GLOBAL, {
      value: recorder,
      writable: false,
      enumerable: false,
      configurable: false,
    });
    // The replearn kernel (tslab's engine inside); loaded only now, after the recorder is pinned.
    const kernel = require('../jupyter/kernel/main') as typeof import('../jupyter/kernel/main');
    void kernel.runKernel(configPath);
  };
  socket.on('data', onData);
  socket.on('error', (e) => {
    process.stderr.write(`replearn grading kernel: lost the grader's channel: ${e.message}\n`);
    process.exit(70);
  });
}

if (require.main === module) {
  const [socketPath, configPath] = process.argv.slice(2);
  if (!socketPath || !configPath) {
    process.stderr.write('usage: grading-kernel <socket> <connection file>\n');
    process.exit(64);
  }
  start(socketPath, configPath);
}
