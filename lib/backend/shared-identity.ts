import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Identity for wasm that shares the input's buffer (reference-counted), as the cpu backend's does. tfjs-backend-wasm
 * 4.22 copies it, and the engine clones every tensor it saves for the backward pass through Identity, so each
 * training step copied every activation once more (19 full-batch copies per step of a 784-32-784 autoencoder).
 * Sharing is safe because tfjs never writes into an existing buffer (Variable.assign swaps buffers).
 */
export function sharedIdentityWasm(args: { inputs: tf.NamedTensorInfoMap; backend: unknown }): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x } = args.inputs as { x: tf.TensorInfo };
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}
