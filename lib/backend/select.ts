import * as tf from '@tensorflow/tfjs';
import { registerCpuKernelFixes, silenceCpuBanner } from './cpu-kernels';
import { registerFusedAdam } from './fused-adam-kernel';
import { registerWasmTrainingKernels } from './wasm-kernels';
import { useThreadedWasm } from './wasm-threads';

/** The backends replearn knows, best first. */
export type BackendName = 'tensorflow' | 'wasm' | 'cpu';

/** Which backend runs, and why it was chosen. */
export interface BackendInfo {
  name: BackendName;
  reason: string;
}

/** Options for {@link initBackend}. */
export interface InitBackendOptions {
  /** Force a backend; defaults to the REPLEARN_BACKEND environment variable, then automatic. */
  prefer?: BackendName;
  /** Print the one-line summary (default true). */
  quiet?: boolean;
}

const ALIASES: Record<string, BackendName> = {
  node: 'tensorflow',
  'tfjs-node': 'tensorflow',
  tensorflow: 'tensorflow',
  wasm: 'wasm',
  cpu: 'cpu',
};

/** Why tfjs-node cannot load, in a few words a student can act on (its own messages name internal paths). */
export function nativeFailureReason(err: unknown): string {
  const message = err instanceof Error ? err.message : String(err);
  const code = (err as { code?: string } | null)?.code;
  if (code === 'MODULE_NOT_FOUND' && message.includes("'@tensorflow/tfjs-node'")) return 'tfjs-node not installed';
  if (message.includes('tfjs_binding.node'))
    return 'tfjs-node native addon not built; try `npx replearn backend install-native`';
  const lib = /lib(tensorflow\w*)\.so[.\d]*/.exec(message);
  if (lib) return `tfjs-node cannot load ${lib[0]}; try \`npx replearn backend install-native\``;
  return `tfjs-node failed to load: ${message.split('\n')[0].slice(0, 120)}`;
}

function tryNative(): string | null {
  // TensorFlow's start-up INFO lines would otherwise fill every CLI run and kernel log (its two oneDNN lines come
  // before its logging starts and ignore this; native stderr never reaches a notebook's outputs).
  process.env.TF_CPP_MIN_LOG_LEVEL ??= '2';
  try {
    require('@tensorflow/tfjs-node');
    silenceNativeProgressBar();
    return null;
  } catch (err) {
    return nativeFailureReason(err);
  }
}

/**
 * tfjs-node registers a terminal progress bar for model.fit's default verbose = 1: in a notebook it lands as stray
 * stdout and stderr lines (red in JupyterLab) under every training cell, beside the lesson's own progress display,
 * and the other backends print nothing. Its helper object is mutable by design (tfjs-node's tests stub it).
 */
function silenceNativeProgressBar(): void {
  const { progressBarHelper } = require('@tensorflow/tfjs-node/dist/callbacks') as {
    progressBarHelper: { log: (message: string) => void; ProgressBar: unknown };
  };
  progressBarHelper.log = () => undefined;
  progressBarHelper.ProgressBar = class {
    tick(): void {
      /* nothing shown */
    }
  };
}

/** Worker threads for wasm from REPLEARN_WASM_THREADS (default 1: tfjs runs wasm single-threaded in Node). */
export function wasmThreadsWanted(): number {
  const raw = process.env.REPLEARN_WASM_THREADS?.trim();
  if (!raw) return 1;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 8)
    throw new Error(`REPLEARN_WASM_THREADS="${raw}" must be a whole number from 1 to 8`);
  return n;
}

let wasmThreads = 1;

async function tryWasm(): Promise<string | null> {
  try {
    require('@tensorflow/tfjs-backend-wasm');
    registerWasmTrainingKernels();
    const wanted = wasmThreadsWanted();
    if (wanted > 1 && tf.findBackend('wasm') === null) {
      wasmThreads = await useThreadedWasm(wanted);
      return null;
    }
    return (await tf.setBackend('wasm')) ? null : 'setBackend("wasm") returned false';
  } catch (err) {
    return `wasm failed to start: ${(err instanceof Error ? err.message : String(err)).split('\n')[0].slice(0, 120)}`;
  }
}

let current: BackendInfo | null = null;

/** Pick the fastest working backend (tfjs-node → wasm → cpu, or REPLEARN_BACKEND) and print one line saying which. */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  registerCpuKernelFixes();
  registerFusedAdam();
  const envChoice = process.env.REPLEARN_BACKEND?.trim().toLowerCase();
  let forced = options.prefer;
  if (!forced && envChoice) {
    forced = ALIASES[envChoice];
    if (!forced) throw new Error(`REPLEARN_BACKEND="${envChoice}" is not one of: tensorflow (tfjs-node), wasm, cpu`);
  }
  const order: BackendName[] = forced ? [forced] : ['tensorflow', 'wasm', 'cpu'];
  const skipped: string[] = [];
  for (const name of order) {
    let failure: string | null;
    if (name === 'tensorflow') {
      failure = tryNative();
      if (!failure) failure = (await tf.setBackend('tensorflow')) ? null : 'setBackend("tensorflow") returned false';
    } else if (name === 'wasm') {
      failure = await tryWasm();
    } else {
      failure = (await tf.setBackend('cpu')) ? null : 'setBackend("cpu") returned false';
      if (!failure) silenceCpuBanner();
    }
    if (failure === null) {
      await tf.ready();
      const why = forced
        ? `chosen by ${options.prefer ? 'the caller' : 'REPLEARN_BACKEND'}`
        : skipped.length
          ? skipped.join('; ')
          : 'first choice';
      const label = name === 'wasm' && wasmThreads > 1 ? `wasm, ${wasmThreads} threads` : name;
      current = { name, reason: why };
      if (!options.quiet) console.log(`replearn backend: ${label} (${why})`);
      return current;
    }
    if (forced) throw new Error(`replearn: backend "${name}" was requested but cannot start: ${failure}`);
    skipped.push(failure);
  }
  throw new Error('replearn: no tfjs backend could start: ' + skipped.join('; '));
}

/** The backend chosen by the last {@link initBackend}, or null before it ran. */
export function currentBackend(): BackendInfo | null {
  return current;
}
