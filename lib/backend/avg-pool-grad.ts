import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface PoolGradArgs { inputs: tf.NamedTensorInfoMap; backend: unknown; attrs?: tf.NamedAttrMap }

/** dx = the adjoint of average pooling: each window's dy shared among the input pixels it averaged. */
function accumulate(args: PoolGradArgs, g: ArrayLike<number>, out: Float32Array): void {
  const { input } = args.inputs as { input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.AvgPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad);
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  out.fill(0);
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

/**
 * AvgPoolGrad for wasm. tfjs 4.22's wasm and cpu kernels divide by the full window even where 'same' padding cuts it
 * (the forward pass divides by the pixels actually averaged), so their gradient is not the forward's adjoint; TF's is.
 */
export function avgPoolGradWasm(args: PoolGradArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views are taken after makeOutput: allocating may grow (and so move) the wasm heap.
  accumulate(args, backend.typedArrayFromHeap(dy) as Float32Array, backend.typedArrayFromHeap(dx) as Float32Array);
  return dx;
}

/** AvgPoolGrad for the cpu backend, for the same reason as {@link avgPoolGradWasm}. */
export function avgPoolGradCpu(args: PoolGradArgs): tf.TensorInfo {
  const backend = args.backend as tf.KernelBackend;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const out = new Float32Array(tf.util.sizeFromShape(input.shape));
  accumulate(args, backend.readSync(dy.dataId) as Float32Array, out);
  return { dataId: backend.write(out, input.shape, 'float32'), shape: input.shape, dtype: 'float32' };
}
