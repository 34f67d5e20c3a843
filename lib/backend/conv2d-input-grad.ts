import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callWasmKernel, releaseAll } from './wasm-kernel-calls';

/**
 * Conv2DBackpropInput for stride-1 NHWC convolutions as a forward convolution: dy, padded so every kernel tap of every
 * input position exists, convolved with the kernel turned 180° and its channel axes swapped. tfjs-backend-wasm's own
 * kernel loops element by element (5–10× slower on the conv autoencoder's layers); strided and dilated cases, which
 * would need dy dilated first, keep it.
 */
export function conv2dInputGradWasm(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as tf.Conv2DBackpropInputAttrs;
    const { dy, filter } = args.inputs as { dy: tf.TensorInfo; filter: tf.TensorInfo };
    if (attrs.dataFormat === 'NCHW') return original(args);
    const info = tf.backend_util.computeConv2DInfo(
      attrs.inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides,
      1,
      attrs.pad,
      attrs.dimRoundingMode,
    );
    const { filterHeight: kh, filterWidth: kw, outHeight: oh, outWidth: ow, inHeight: ih, inWidth: iw } = info;
    const { top, left } = info.padInfo;
    const padTop = kh - 1 - top;
    const padLeft = kw - 1 - left;
    const padBottom = ih - oh + top;
    const padRight = iw - ow + left;
    if (
      info.strideHeight !== 1 ||
      info.strideWidth !== 1 ||
      info.dilationHeight !== 1 ||
      info.dilationWidth !== 1 ||
      Math.min(padTop, padLeft, padBottom, padRight) < 0
    ) {
      return original(args);
    }
    const backend = args.backend as BackendWasm;
    const temps: tf.TensorInfo[] = [];
    const keep = (t: tf.TensorInfo): tf.TensorInfo => {
      temps.push(t);
      return t;
    };
    try {
      const flipped = keep(callWasmKernel(backend, tf.Reverse, { x: filter }, { dims: [0, 1] }));
      const swapped = keep(callWasmKernel(backend, tf.Transpose, { x: flipped }, { perm: [0, 1, 3, 2] }));
      const padded =
        padTop || padBottom || padLeft || padRight
          ? keep(
              callWasmKernel(
                backend,
                tf.PadV2,
                { x: dy },
                {
                  paddings: [
                    [0, 0],
                    [padTop, padBottom],
                    [padLeft, padRight],
                    [0, 0],
                  ],
                  constantValue: 0,
                },
              ),
            )
          : dy;
      return callWasmKernel(
        backend,
        tf.Conv2D,
        { x: padded, filter: swapped },
        { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [1, 1] },
      );
    } finally {
      releaseAll(backend, temps);
    }
  };
}
