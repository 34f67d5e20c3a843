import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelArgs } from './kernel-args';

/**
 * MaxPoolGrad for wasm. tfjs-backend-wasm 4.22's own kernel starts its running maximum at 0, so a window whose
 * values are all negative passes no gradient at all; this one starts at -Infinity and, like the cpu kernel, routes each
 * window's gradient to its first maximum. It loops over the wasm heap directly (a copy to the cpu kernel costs ~10×).
 */
export function maxPoolGradWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { dy, input } = args.inputs as { dy: tf.TensorInfo; input: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    attrs.filterSize,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
  );
  const dx = backend.makeOutput(input.shape, 'float32');
  // Views are taken after makeOutput: allocating may grow (and so move) the wasm heap.
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  const out = backend.typedArrayFromHeap(dx) as Float32Array;
  out.fill(0);
  const { batchSize, inHeight: h, inWidth: w, inChannels: c, outHeight: oh, outWidth: ow } = info;
  const best = new Float32Array(c);
  const where = new Int32Array(c);
  let gi = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * h * w * c;
    for (let oy = 0; oy < oh; oy++) {
      const y0 = Math.max(0, oy * info.strideHeight - info.padInfo.top);
      const y1 = Math.min(h, oy * info.strideHeight - info.padInfo.top + info.filterHeight);
      for (let ox = 0; ox < ow; ox++) {
        const x0 = Math.max(0, ox * info.strideWidth - info.padInfo.left);
        const x1 = Math.min(w, ox * info.strideWidth - info.padInfo.left + info.filterWidth);
        best.fill(-Infinity);
        where.fill(-1);
        for (let y = y0; y < y1; y++) {
          for (let xx = x0; xx < x1; xx++) {
            const at = base + (y * w + xx) * c;
            for (let ch = 0; ch < c; ch++) {
              const v = x[at + ch];
              if (v > best[ch]) {
                best[ch] = v;
                where[ch] = at + ch;
              }
            }
          }
        }
        for (let ch = 0; ch < c; ch++, gi++) if (where[ch] >= 0) out[where[ch]] += g[gi];
      }
    }
  }
  return dx;
}
