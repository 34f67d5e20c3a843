import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/**
 * Slice for wasm that reads the input in place. tfjs-backend-wasm 4.22's Slice first copies the WHOLE input out of
 * the heap (readSync), so taking batch after batch of a dataset tensor copied the dataset once per batch (10k MNIST:
 * 31 MB per batch of 256). Strings go to the original kernel.
 */
export function heapSlice(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const { x } = args.inputs as { x: tf.TensorInfo };
    if (x.dtype === 'string') return original(args);
    const { begin, size } = args.attrs as unknown as tf.SliceAttrs;
    const [start, extent] = tf.slice_util.parseSliceParams(x, begin, size);
    const out = backend.makeOutput(extent, x.dtype);
    if (tf.util.sizeFromShape(extent) === 0) return out;
    // Views are taken after makeOutput: allocating may grow (and so move) the wasm heap.
    const from = backend.typedArrayFromHeap(x);
    const to = backend.typedArrayFromHeap(out);
    const rank = x.shape.length;
    const strides = tf.util.computeStrides(x.shape);
    // Copy runs of the last axis (the whole tail when the slice is contiguous).
    const contiguous = tf.slice_util.isSliceContinous(x.shape, start, extent);
    const run = contiguous ? to.length : extent[rank - 1];
    const outer = to.length / run;
    const index = new Array<number>(Math.max(0, rank - 1)).fill(0);
    for (let r = 0, o = 0; r < outer; r++, o += run) {
      let offset = contiguous ? tf.slice_util.computeFlatOffset(start, strides) : start[rank - 1];
      if (!contiguous) for (let d = 0; d < rank - 1; d++) offset += (start[d] + index[d]) * strides[d];
      to.set(from.subarray(offset, offset + run), o);
      for (let d = rank - 2; d >= 0 && !contiguous; d--) {
        if (++index[d] < extent[d]) break;
        index[d] = 0;
      }
    }
    return out;
  };
}
