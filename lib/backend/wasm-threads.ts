import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as tf from '@tensorflow/tfjs';

/** The part of the Emscripten module tfjs's BackendWasm expects (what the package's own init() assembles). */
interface EmscriptenModule {
  cwrap(name: string, ret: string | null, args: string[]): (...a: number[]) => number;
  PThread: { runningWorkers: { unref(): void }[]; unusedWorkers: { unref(): void }[] };
  then?: unknown;
  tfjs?: Record<string, unknown>;
}
type Factory = (config: Record<string, unknown>) => {
  then(ok: (m: EmscriptenModule) => void, fail: (e: unknown) => void): void;
};

/**
 * Replace the 'wasm' backend by tfjs's threaded SIMD build running its threads as Node worker_threads (tfjs itself
 * refuses threads in Node, tensorflow/tfjs#3830). Three things make it work: the worker script is written to a file
 * (Node's Worker takes no blob: URL), the main script is given by path, and the core count Emscripten reports is
 * raised while the module starts, because tfjs caps its thread pool at half the logical cores (1 on a 2-core machine).
 * Idle workers are unref'd so a script still exits. Call before the first setBackend('wasm').
 */
export async function useThreadedWasm(threads: number): Promise<number> {
  const wasmPackage = require('@tensorflow/tfjs-backend-wasm') as typeof import('@tensorflow/tfjs-backend-wasm');
  const dir = path.join(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'wasm-out');
  const factory = require(path.join(dir, 'tfjs-backend-wasm-threaded-simd.js')) as Factory;
  const { wasmWorkerContents } = require(path.join(dir, 'tfjs-backend-wasm-threaded-simd.worker.js')) as {
    wasmWorkerContents: string;
  };
  const workerFile = path.join(os.tmpdir(), `replearn-tfjs-wasm-${wasmPackage.version_wasm}-worker.js`);
  // The package keeps the worker as a string with its "\n" escapes already undone (it re-escapes before use too).
  fs.writeFileSync(workerFile, wasmWorkerContents.replace(/\n/g, '\\n'));
  // The module object itself (an `import *` namespace is read-only), which Emscripten's require('os') also returns.
  const nodeOs = require('os') as { cpus: () => os.CpuInfo[] };
  const cpus = nodeOs.cpus;
  const logical = cpus().length;
  nodeOs.cpus = () => Array.from({ length: Math.max(logical, 2 * threads) }, () => cpus()[0]);
  let module: EmscriptenModule;
  try {
    module = await new Promise<EmscriptenModule>((resolve, reject) =>
      factory({
        locateFile: (file: string, prefix: string) =>
          file.endsWith('.worker.js')
            ? workerFile
            : file.endsWith('.wasm')
              ? path.join(dir, 'tfjs-backend-wasm-threaded-simd.wasm')
              : prefix + file,
        mainScriptUrlOrBlob: path.join(dir, 'tfjs-backend-wasm-threaded-simd.js'),
        onAbort: (what: unknown) => reject(new Error(`threaded wasm aborted: ${String(what)}`)),
      }).then((m) => {
        delete m.then;
        resolve(m);
      }, reject),
    ); // a thenable resolving to itself would never settle
  } finally {
    nodeOs.cpus = cpus;
  }
  module.tfjs = {
    init: module.cwrap('init', null, []),
    initWithThreadsCount: module.cwrap('init_with_threads_count', null, ['number']),
    getThreadsCount: module.cwrap('get_threads_count', 'number', []),
    registerTensor: module.cwrap('register_tensor', null, ['number', 'number', 'number']),
    disposeData: module.cwrap('dispose_data', null, ['number']),
    dispose: module.cwrap('dispose', null, []),
  };
  wasmPackage.setThreadsCount(threads);
  tf.removeBackend('wasm');
  tf.registerBackend(
    'wasm',
    () => new wasmPackage.BackendWasm(module as unknown as ConstructorParameters<typeof wasmPackage.BackendWasm>[0]),
    2,
  );
  if (!(await tf.setBackend('wasm'))) throw new Error('the threaded wasm backend did not start');
  for (const worker of [...module.PThread.runningWorkers, ...module.PThread.unusedWorkers]) worker.unref();
  return wasmPackage.getThreadsCount();
}
