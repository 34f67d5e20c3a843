import * as tf from '@tensorflow/tfjs';
import { gradientLoopKernels } from './gradient-loop-kernel';
import type { KernelArgs } from './kernel-args';

/** dx = the adjoint of average pooling: each window's dy shared among the input pixels it averaged. */
function accumulate(args: KernelArgs, g: ArrayLike<number>, out: Float32Array): void {
  const { input } = args.inputs as { input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.AvgPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
  );
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oy = 0; oy < oh; oy++) {
      const y0 = Math.max(0, oy * info.strideHeight - info.padInfo.top);
      const y1 = Math.min(h, oy * info.strideHeight - info.padInfo.top + info.filterHeight);
      for (let ox = 0; ox < ow; ox++, gi += c) {
        const x0 = Math.max(0, ox * info.strideWidth - info.padInfo.left);
        const x1 = Math.min(w, ox * info.strideWidth - info.padInfo.left + info.filterWidth);
        // The forward kernels divide by the pixels inside the input, not by the padded window size.
        const share = 1 / ((y1 - y0) * (x1 - x0));
        for (let y = y0; y < y1; y++) {
          for (let x = x0; x < x1; x++) {
            const at = ((b * h + y) * w + x) * c;
            for (let ch = 0; ch < c; ch++) out[at + ch] += g[gi + ch] * share;
          }
        }
      }
    }
  }
}

const kernels = gradientLoopKernels('input', accumulate);

/**
 * AvgPoolGrad for wasm. tfjs 4.22's wasm and cpu kernels divide by the full window even where 'same' padding cuts it
 * (the forward pass divides by the pixels actually averaged), so their gradient is not the forward's adjoint; TF's is.
 */
export const avgPoolGradWasm = kernels.wasm;

/** AvgPoolGrad for the cpu backend, for the same reason as {@link avgPoolGradWasm}. */
export const avgPoolGradCpu = kernels.cpu;
