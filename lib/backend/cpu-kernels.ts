import * as tf from '@tensorflow/tfjs';
import { avgPoolGradCpu } from './avg-pool-grad';
import { resizeNearestGradCpu } from './resize-nearest-grad';

/** Kernels tfjs-backend-cpu 4.22 computes wrongly, with their replacements. */
const REPLACED: [string, tf.KernelFunc][] = [
  [tf.ResizeNearestNeighborGrad, resizeNearestGradCpu], // wrong for batch > 1 (UpSampling2D)
  [tf.AvgPoolGrad, avgPoolGradCpu], // wrong where 'same' padding cuts a window
];

/** Replace cpu kernels that give wrong gradients; safe to call any number of times. */
export function registerCpuKernelFixes(): void {
  for (const [kernelName, kernelFunc] of REPLACED) {
    const existing = tf.getKernel(kernelName, 'cpu');
    if (existing?.kernelFunc === kernelFunc) continue;
    if (existing) tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  }
}

/** Stops tfjs-backend-cpu's one-time "install tfjs-node" banner: initBackend's own line already says which backend runs. */
export function silenceCpuBanner(): void {
  const cpu = tf.findBackend('cpu') as unknown as { firstUse?: boolean } | undefined;
  if (cpu) cpu.firstUse = false;
}
