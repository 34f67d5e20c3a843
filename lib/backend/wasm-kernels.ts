import * as tf from '@tensorflow/tfjs';
import { avgPoolGradWasm } from './avg-pool-grad';
import { conv2dBackpropFilterWasm } from './conv2d-filter-grad';
import { conv2dInputGradWasm } from './conv2d-input-grad';
import { cpuKernelOnWasm } from './cpu-kernel-fallback';
import { registerFusedAdam } from './fused-adam-kernel';
import { heapGather } from './heap-gather';
import { heapSlice } from './heap-slice';
import { leadingAxesSum } from './leading-axes-sum';
import { maxPoolGradWasm } from './max-pool-grad';
import { resizeNearestGradWasm } from './resize-nearest-grad';
import { sharedIdentityWasm } from './shared-identity';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum';
import { batchSafeFusedMatMul, untransposedMatMul } from './untransposed-matmul';

/** Kernels that tfjs-backend-wasm 4.22 lacks but training needs, and how each is supplied. */
const MISSING: [string, tf.KernelFunc][] = [
  [tf.Conv2DBackpropFilter, conv2dBackpropFilterWasm], // Conv2D / Conv1D / Conv2DTranspose weights
  [tf.UnsortedSegmentSum, unsortedSegmentSumWasm], // gather gradient: embedding layers
  [tf.DepthwiseConv2dNativeBackpropFilter, cpuKernelOnWasm(tf.DepthwiseConv2dNativeBackpropFilter)],
  [tf.DepthwiseConv2dNativeBackpropInput, cpuKernelOnWasm(tf.DepthwiseConv2dNativeBackpropInput)],
];

/** Kernels tfjs-backend-wasm 4.22 has but computes wrongly or slowly (see each file, and the tests). */
const REPLACED: [string, tf.KernelFunc][] = [
  [tf.MaxPoolGrad, maxPoolGradWasm], // all-negative windows got no gradient
  [tf.AvgPoolGrad, avgPoolGradWasm], // wrong where 'same' padding cuts a window
  [tf.ResizeNearestNeighborGrad, resizeNearestGradWasm], // ignored halfPixelCenters; 2.5× faster
  [tf.MaxPoolWithArgmax, cpuKernelOnWasm(tf.MaxPoolWithArgmax)], // same running-maximum-at-0 bug
  [tf.MaxPool3D, cpuKernelOnWasm(tf.MaxPool3D)],
  [tf.MaxPool3DGrad, cpuKernelOnWasm(tf.MaxPool3DGrad)],
  [tf.Identity, sharedIdentityWasm], // speed: shares the buffer instead of copying it
];

/** Kernels kept but wrapped for speed: the wrapper calls the original for the part it does well. */
const WRAPPED: [string, (original: tf.KernelFunc) => tf.KernelFunc][] = [
  [tf.BatchMatMul, untransposedMatMul], // transposed operands hit a 10× slower loop
  [tf._FusedMatMul, batchSafeFusedMatMul], // same; and wrong with a bias and batch > 1
  [tf.Slice, heapSlice], // copied the whole input for every slice
  [tf.GatherV2, heapGather], // element-by-element: 20× slower than copying rows
  [tf.Sum, leadingAxesSum], // bias gradients transposed all of dy first
  [tf.Conv2DBackpropInput, conv2dInputGradWasm], // stride 1: a forward conv, 5–10× faster
];

/** Our wrappers, so registering twice never wraps a wrapper. */
const wrappers = new WeakSet<tf.KernelFunc>();

/** Names of the kernels {@link registerWasmTrainingKernels} adds to, replaces in, or wraps on the wasm backend. */
export const WASM_TRAINING_KERNELS: readonly string[] = [...MISSING, ...REPLACED, ...WRAPPED].map(([name]) => name);

/** Register kernels that the wasm backend lacks (or gets wrong or slow) but training needs; safe to call again. */
export function registerWasmTrainingKernels(): void {
  // The wasm package registers its kernels when first loaded: load it first so ours are never overwritten.
  require('@tensorflow/tfjs-backend-wasm');
  for (const [kernelName, kernelFunc] of MISSING) {
    if (!tf.getKernel(kernelName, 'wasm')) tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  for (const [kernelName, kernelFunc] of REPLACED) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (existing?.kernelFunc === kernelFunc) continue;
    if (existing) tf.unregisterKernel(kernelName, 'wasm');
    tf.registerKernel({ kernelName, backendName: 'wasm', kernelFunc });
  }
  for (const [kernelName, wrap] of WRAPPED) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (!existing || wrappers.has(existing.kernelFunc)) continue;
    const kernelFunc = wrap(existing.kernelFunc);
    wrappers.add(kernelFunc);
    tf.unregisterKernel(kernelName, 'wasm');
    // Keep the original setup: it binds the wasm function the original kernel calls when the backend starts.
    tf.registerKernel({ ...existing, kernelFunc });
  }
  registerFusedAdam();
}
