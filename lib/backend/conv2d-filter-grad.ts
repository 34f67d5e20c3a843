import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callWasmKernel, releaseAll } from './wasm-kernel-calls';
import type { KernelArgs } from './kernel-args';

/**
 * Conv2DBackpropFilter for wasm, composed from its own kernels. The filter gradient is a convolution of the padded
 * input, read as [Cin, H, W, B] (batch becomes the channel summed over), with dy read as a filter [OH, OW, B, Cout]
 * dilated by the forward stride; the valid result is cropped to the kernel size and turned back to [KH, KW, Cin, Cout].
 */
export function conv2dBackpropFilterWasm(args: KernelArgs): tf.TensorInfo {
  const backend = args.backend as BackendWasm;
  const { x, dy } = args.inputs as { x: tf.TensorInfo; dy: tf.TensorInfo };
  const attrs = args.attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  const nchw = attrs.dataFormat === 'NCHW';
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    attrs.filterShape,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    nchw ? 'channelsFirst' : 'channelsLast',
  );
  const { filterHeight: kh, filterWidth: kw, strideHeight: sh, strideWidth: sw, outHeight: oh, outWidth: ow } = info;
  const { top, left } = info.padInfo;
  // Pad at least enough that every kernel tap of every output position exists (rows past the input read as zeros).
  const bottom = Math.max(info.padInfo.bottom, (oh - 1) * sh + kh - info.inHeight - top);
  const right = Math.max(info.padInfo.right, (ow - 1) * sw + kw - info.inWidth - left);
  const temps: tf.TensorInfo[] = [];
  const keep = (t: tf.TensorInfo): tf.TensorInfo => {
    temps.push(t);
    return t;
  };
  try {
    let xt = keep(callWasmKernel(backend, tf.Transpose, { x }, { perm: nchw ? [1, 2, 3, 0] : [3, 1, 2, 0] }));
    if (top || bottom || left || right) {
      xt = keep(
        callWasmKernel(
          backend,
          tf.PadV2,
          { x: xt },
          {
            paddings: [
              [0, 0],
              [top, bottom],
              [left, right],
              [0, 0],
            ],
            constantValue: 0,
          },
        ),
      );
    }
    const dyt = keep(callWasmKernel(backend, tf.Transpose, { x: dy }, { perm: nchw ? [2, 3, 0, 1] : [1, 2, 0, 3] }));
    let grad = keep(
      callWasmKernel(
        backend,
        tf.Conv2D,
        { x: xt, filter: dyt },
        { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [sh, sw] },
      ),
    );
    if (grad.shape[1] !== kh || grad.shape[2] !== kw) {
      grad = keep(
        callWasmKernel(
          backend,
          tf.Slice,
          { x: grad },
          { begin: [0, 0, 0, 0], size: [grad.shape[0], kh, kw, grad.shape[3]] },
        ),
      );
    }
    return callWasmKernel(backend, tf.Transpose, { x: grad }, { perm: [1, 2, 0, 3] });
  } finally {
    releaseAll(backend, temps);
  }
}
