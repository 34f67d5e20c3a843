import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Sum for wasm that reduces leading axes in place: tfjs-backend-wasm 4.22 transposes the reduced axes innermost
 * first, so every bias gradient (dy summed over the batch, or over batch, height and width for a convolution) paid a
 * full transpose of dy. Other reductions, and non-float32 input, go to the original kernel.
 */
export function leadingAxesSum(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    const { axis, keepDims } = args.attrs as unknown as tf.SumAttrs;
    const rank = x.shape.length;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const leading = axes.length > 0 && axes.length < rank && axes.every((a, i) => a === i);
    if (x.dtype !== 'float32' || !leading) return original(args);
    const kept = x.shape.slice(axes.length);
    const out = backend.makeOutput(keepDims ? [...axes.map(() => 1), ...kept] : kept, 'float32');
    // Views are taken after makeOutput: allocating may grow (and so move) the wasm heap.
    const from = backend.typedArrayFromHeap(x) as Float32Array;
    const to = backend.typedArrayFromHeap(out) as Float32Array;
    const cols = to.length;
    const acc = new Float64Array(cols);
    for (let at = 0; at < from.length; at += cols) {
      for (let c = 0; c < cols; c++) acc[c] += from[at + c];
    }
    to.set(acc);
    return out;
  };
}
