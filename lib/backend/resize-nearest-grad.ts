import * as tf from '@tensorflow/tfjs';
import { gradientLoopKernels } from './gradient-loop-kernel';
import type { KernelArgs } from './kernel-args';

/** For each output row (or column) of a nearest-neighbour resize, the input row it copies (the forward kernels' rule). */
export function nearestSources(
  inSize: number,
  outSize: number,
  alignCorners: boolean,
  halfPixelCenters: boolean,
): Int32Array {
  const aligned = alignCorners && outSize > 1;
  const ratio = (aligned ? inSize - 1 : inSize) / (aligned ? outSize - 1 : outSize);
  const src = new Int32Array(outSize);
  for (let r = 0; r < outSize; r++) {
    const frac = halfPixelCenters ? ratio * (r + 0.5) : ratio * r;
    let s = Math.min(inSize - 1, alignCorners ? Math.round(frac) : Math.floor(frac));
    if (halfPixelCenters) s = Math.max(0, s);
    src[r] = s;
  }
  return src;
}

/** The exact adjoint of the forward resize: every dy pixel is added to the input pixel it was copied from. */
function accumulate(args: KernelArgs, g: ArrayLike<number>, out: Float32Array): void {
  const { images, dy } = args.inputs as { images: tf.TensorInfo; dy: tf.TensorInfo };
  const { alignCorners, halfPixelCenters } = args.attrs as unknown as {
    alignCorners: boolean;
    halfPixelCenters?: boolean;
  };
  const [batch, h, w, c] = images.shape;
  const [, oh, ow] = dy.shape;
  const rows = nearestSources(h, oh, alignCorners, Boolean(halfPixelCenters));
  const cols = nearestSources(w, ow, alignCorners, Boolean(halfPixelCenters));
  let gi = 0;
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < oh; y++) {
      const rowBase = (b * h + rows[y]) * w;
      for (let x = 0; x < ow; x++) {
        const at = (rowBase + cols[x]) * c;
        for (let ch = 0; ch < c; ch++, gi++) out[at + ch] += g[gi];
      }
    }
  }
}

const kernels = gradientLoopKernels('images', accumulate);

/**
 * ResizeNearestNeighborGrad (the gradient of UpSampling2D) for wasm: tfjs-backend-wasm 4.22's kernel ignores
 * halfPixelCenters, and this loop over the wasm heap is also ~2.5× faster.
 */
export const resizeNearestGradWasm = kernels.wasm;

/**
 * ResizeNearestNeighborGrad for the cpu backend: tfjs-backend-cpu 4.22 offsets dy by the *images'* batch stride, so
 * with more than one image per batch the gradient is wrong (and it ignores halfPixelCenters).
 */
export const resizeNearestGradCpu = kernels.cpu;
