// "Deconvolution is actually convolution": a transposed convolution equals an ordinary stride-1 convolution
// over the input with (stride − 1) zeros inserted between pixels, padded by (kernel − 1 − crop), using the
// kernel flipped in space with its in/out channels swapped. These functions build each piece so a lesson can
// show the identity numerically against tf.conv2dTranspose.
import * as tf from '@tensorflow/tfjs';

/** Padding of the transposed convolution, as in tf.conv2dTranspose. */
export type TransposedPadding = 'valid' | 'same';

/** Insert (stride − 1) zero rows and columns between the pixels of x [N,H,W,C] → [N,(H−1)s+1,(W−1)s+1,C]. */
export function insertZeros(x: tf.Tensor4D, stride: number): tf.Tensor4D {
  if (stride === 1) return x.clone();
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    // Put each pixel in the top-left corner of a stride×stride block of zeros, then drop the trailing zeros.
    const block = tf.pad(x.reshape([n, h, 1, w, 1, c]), [
      [0, 0],
      [0, 0],
      [0, stride - 1],
      [0, 0],
      [0, stride - 1],
      [0, 0],
    ]);
    const spread = block.reshape([n, h * stride, w * stride, c]);
    return spread.slice([0, 0, 0, 0], [n, (h - 1) * stride + 1, (w - 1) * stride + 1, c]) as tf.Tensor4D;
  });
}

/** Flip a conv2dTranspose kernel [kh,kw,out,in] in space and swap channels → a conv2d kernel [kh,kw,in,out]. */
export function flipKernel(kernel: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.reverse(kernel, [0, 1]).transpose<tf.Tensor4D>([0, 1, 3, 2]));
}

/** Output length of a transposed convolution along one axis. */
export function transposedOutputSize(size: number, kernel: number, stride: number, padding: TransposedPadding): number {
  return padding === 'same' ? size * stride : (size - 1) * stride + kernel;
}

/** Zeros added before and after the zero-inserted input along one axis so a 'valid' conv lands on the transposed output. */
export function transposedPadAmounts(
  size: number,
  kernel: number,
  stride: number,
  padding: TransposedPadding,
): [number, number] {
  const out = transposedOutputSize(size, kernel, stride, padding);
  // The forward 'same' conv this transposes padded max(kernel − stride, 0) in all, the smaller half first
  // (TensorFlow's rule); the transposed conv crops that much of its full output.
  const cropBefore = padding === 'same' ? Math.floor(Math.max(kernel - stride, 0) / 2) : 0;
  const before = kernel - 1 - cropBefore;
  const after = out + kernel - 1 - ((size - 1) * stride + 1) - before;
  return [before, after];
}

/** A transposed convolution computed as an ordinary convolution: zero-insert, pad, flip + swap the kernel, conv2d. */
export function transposedConvAsConv(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  stride: number,
  padding: TransposedPadding = 'valid',
): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = x.shape;
    const [kh, kw] = kernel.shape;
    const [top, bottom] = transposedPadAmounts(h, kh, stride, padding);
    const [left, right] = transposedPadAmounts(w, kw, stride, padding);
    const spread = insertZeros(x, stride);
    const padded = tf.pad(spread, [
      [0, 0],
      [top, bottom],
      [left, right],
      [0, 0],
    ]);
    return tf.conv2d(padded, flipKernel(kernel), 1, 'valid');
  });
}

/** The same transposed convolution through tfjs, for comparison: output [N, out(H), out(W), kernel.shape[2]]. */
export function transposedConv(
  x: tf.Tensor4D,
  kernel: tf.Tensor4D,
  stride: number,
  padding: TransposedPadding = 'valid',
): tf.Tensor4D {
  const [n, h, w] = x.shape;
  const [kh, kw, out] = kernel.shape;
  const shape: [number, number, number, number] = [
    n,
    transposedOutputSize(h, kh, stride, padding),
    transposedOutputSize(w, kw, stride, padding),
    out,
  ];
  return tf.conv2dTranspose(x, kernel, shape, stride, padding);
}
