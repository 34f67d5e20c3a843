import * as tf from '@tensorflow/tfjs';
import { conv2dBackpropFilterWasm } from './conv2d-filter-grad';
import { cpuKernelOnWasm } from './cpu-kernel-fallback';
import { maxPoolGradWasm } from './max-pool-grad';
import { resizeNearestGradWasm } from './resize-nearest-grad';
import { unsortedSegmentSumWasm } from './unsorted-segment-sum';
import { isUntransposedMatMul, untransposedMatMul } from './untransposed-matmul';

/** Kernels that tfjs-backend-wasm 4.22 lacks but training needs, and how each is supplied. */
const MISSING: Array<[string, tf.KernelFunc]> = [
  [tf.Conv2DBackpropFilter, conv2dBackpropFilterWasm],            // Conv2D / Conv1D / Conv2DTranspose weights
  [tf.UnsortedSegmentSum, unsortedSegmentSumWasm],                // gather gradient: embedding layers
  [tf.DepthwiseConv2dNativeBackpropFilter, cpuKernelOnWasm(tf.DepthwiseConv2dNativeBackpropFilter)],
  [tf.DepthwiseConv2dNativeBackpropInput, cpuKernelOnWasm(tf.DepthwiseConv2dNativeBackpropInput)],
];

/** Kernels tfjs-backend-wasm 4.22 has but computes wrongly (see each file, and the tests that show the bug). */
const REPLACED: Array<[string, tf.KernelFunc]> = [
  [tf.MaxPoolGrad, maxPoolGradWasm],                              // all-negative windows got no gradient
  [tf.ResizeNearestNeighborGrad, resizeNearestGradWasm],          // ignored halfPixelCenters; 2.5× faster
  [tf.MaxPoolWithArgmax, cpuKernelOnWasm(tf.MaxPoolWithArgmax)],  // same running-maximum-at-0 bug
  [tf.MaxPool3D, cpuKernelOnWasm(tf.MaxPool3D)],
  [tf.MaxPool3DGrad, cpuKernelOnWasm(tf.MaxPool3DGrad)],
];

/** Kernels wrapped for speed only: transposed operands are transposed first (see untransposed-matmul.ts). */
const SPED_UP = [tf.BatchMatMul, tf._FusedMatMul];

/** Names of the kernels {@link registerWasmTrainingKernels} adds to, replaces in, or wraps on the wasm backend. */
export const WASM_TRAINING_KERNELS: readonly string[] = [...[...MISSING, ...REPLACED].map(([name]) => name), ...SPED_UP];

/** Register kernels that the wasm backend lacks (or gets wrong) but training needs; safe to call any number of times. */
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
  for (const kernelName of SPED_UP) {
    const existing = tf.getKernel(kernelName, 'wasm');
    if (!existing || isUntransposedMatMul(existing.kernelFunc)) continue;
    tf.unregisterKernel(kernelName, 'wasm');
    // Keep the original setup: it binds the wasm function the wrapped kernel calls when the backend starts.
    tf.registerKernel({ ...existing, kernelFunc: untransposedMatMul(existing.kernelFunc) });
  }
}
