import * as tf from '@tensorflow/tfjs';

/**
 * Step for tfjs-node when alpha = 0 (every ReLU gradient: dy · step(x)): sign(relu(x)) in two TF kernels. tfjs-node's
 * own builds it from seven full-size ones (isNaN, greater, ones, fill, two selects) and that cost 10% of a Siamese step.
 * NaN stays NaN, as in the original.
 */
function stepNative(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const alpha = (args.attrs as { alpha?: number } | undefined)?.alpha ?? 0;
    const { x } = args.inputs as { x: tf.Tensor };
    if (alpha !== 0 || x.dtype !== 'float32') return original(args);
    return tf.tidy(() => tf.sign(tf.relu(x)));
  };
}

let registered = false;

/** Replaces tfjs-node kernels that are composed slowly; call after tfjs-node is loaded (it registers its own). */
export function registerNativeKernelFixes(): void {
  if (registered) return;
  const existing = tf.getKernel(tf.Step, 'tensorflow');
  if (!existing) return;
  tf.unregisterKernel(tf.Step, 'tensorflow');
  tf.registerKernel({ ...existing, kernelFunc: stepNative(existing.kernelFunc) });
  registered = true;
}
