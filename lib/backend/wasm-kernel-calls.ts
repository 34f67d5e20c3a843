import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** Inputs of a kernel call: named tensors already living in the backend. */
export type KernelInputs = Record<string, tf.TensorInfo>;

/**
 * Calls another registered wasm kernel directly (not through the engine), so a composed kernel neither records on the
 * gradient tape nor trips the engine's leak check; the caller disposes what it gets back with {@link releaseAll}.
 */
export function callWasmKernel(
  backend: BackendWasm,
  name: string,
  inputs: KernelInputs,
  attrs: tf.NamedAttrMap = {},
): tf.TensorInfo {
  const config = tf.getKernel(name, 'wasm');
  if (!config) throw new Error(`replearn: the wasm backend has no ${name} kernel to compose with`);
  const out = config.kernelFunc({ inputs, backend, attrs });
  if (Array.isArray(out))
    throw new Error(`replearn: wasm kernel ${name} returned several outputs where one was expected`);
  return out;
}

/** Frees intermediate results of composed kernels. */
export function releaseAll(backend: BackendWasm, infos: tf.TensorInfo[]): void {
  for (const info of infos) backend.disposeData(info.dataId);
}
