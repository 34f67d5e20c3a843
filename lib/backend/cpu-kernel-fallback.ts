import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { silenceCpuBanner } from './cpu-kernels';

/**
 * Wraps the cpu backend's kernel for use on wasm: copies the inputs into the cpu backend, runs it there and copies the
 * result back. For rarely used gradients (depthwise convolutions) where exactness matters more than speed.
 */
export function cpuKernelOnWasm(name: string): tf.KernelFunc {
  return (args) => {
    const wasm = args.backend as BackendWasm;
    const cpu = tf.findBackend('cpu');
    const config = tf.getKernel(name, 'cpu');
    if (!cpu || !config) throw new Error(`replearn: the cpu backend needed for wasm ${name} is not available`);
    silenceCpuBanner();
    const cpuInputs: tf.NamedTensorInfoMap = {};
    for (const [key, t] of Object.entries(args.inputs)) {
      if (!t) continue;
      cpuInputs[key] = { dataId: cpu.write(wasm.readSync(t.dataId), t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
    }
    try {
      const out = config.kernelFunc({ inputs: cpuInputs, backend: cpu, attrs: args.attrs });
      if (Array.isArray(out)) throw new Error(`replearn: cpu kernel ${name} returned several outputs`);
      const values = cpu.readSync(out.dataId);
      cpu.disposeData(out.dataId);
      return wasm.makeOutput(out.shape, out.dtype, undefined, values);
    } finally {
      for (const t of Object.values(cpuInputs)) if (t) cpu.disposeData(t.dataId);
    }
  };
}
