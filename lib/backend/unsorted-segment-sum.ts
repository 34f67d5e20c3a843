import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callWasmKernel, releaseAll } from './wasm-kernel-calls';
import type { KernelArgs } from './kernel-args';

/**
 * UnsortedSegmentSum for wasm (the gradient of gather, hence of every embedding layer), as one ScatterNd that adds
 * rows sharing an id: O(size of x), where the cpu kernel loops over every segment.
 */
export function unsortedSegmentSumWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, segmentIds } = args.inputs as { x: tf.TensorInfo; segmentIds: tf.TensorInfo };
  const { numSegments } = args.attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const ids = backend.readSync(segmentIds.dataId) as Int32Array;
  // ScatterNd does not check its indices: an id outside [0, numSegments) would write outside the output.
  for (const id of ids) {
    if (!(id >= 0 && id < numSegments))
      throw new Error(`unsortedSegmentSum: segment id ${id} is outside [0, ${numSegments})`);
  }
  const outShape = [numSegments, ...x.shape.slice(segmentIds.shape.length)];
  const temps: tf.TensorInfo[] = [];
  try {
    const indices = callWasmKernel(backend, tf.Reshape, { x: segmentIds }, { shape: [...segmentIds.shape, 1] });
    temps.push(indices);
    return callWasmKernel(backend, tf.ScatterNd, { indices, updates: x }, { shape: outShape });
  } finally {
    releaseAll(backend, temps);
  }
}
