import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { callWasmKernel, releaseAll } from './wasm-kernel-calls';

function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  [perm[rank - 2], perm[rank - 1]] = [perm[rank - 1], perm[rank - 2]];
  return perm;
}

/**
 * Wraps the wasm BatchMatMul / _FusedMatMul kernel so it never multiplies transposed operands: tfjs-backend-wasm 4.22
 * sends those to a naive loop (≈2.5 GFLOP/s against ≈25 for XNNPACK's path), and every gradient of a dense layer is
 * one (x^T·dy, dy·W^T). Transposing an operand first costs one pass over it.
 */
export function untransposedMatMul(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const attrs = (args.attrs ?? {}) as { transposeA?: boolean; transposeB?: boolean };
    if (!attrs.transposeA && !attrs.transposeB) return original(args);
    const backend = args.backend as BackendWasm;
    const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
    const temps: tf.TensorInfo[] = [];
    try {
      const plain = (t: tf.TensorInfo, transposed?: boolean): tf.TensorInfo => {
        if (!transposed) return t;
        const out = callWasmKernel(backend, tf.Transpose, { x: t }, { perm: swapLastTwo(t.shape.length) });
        temps.push(out);
        return out;
      };
      return original({
        inputs: { ...args.inputs, a: plain(a, attrs.transposeA), b: plain(b, attrs.transposeB) },
        backend,
        attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      releaseAll(backend, temps);
    }
  };
}

/** Applies a fused activation with the backend's own kernel (what _FusedMatMul would have done in place). */
function activate(
  backend: BackendWasm,
  x: tf.TensorInfo,
  attrs: tf._FusedMatMulAttrs,
  alpha?: tf.TensorInfo,
): tf.TensorInfo {
  switch (attrs.activation) {
    case 'relu':
      return callWasmKernel(backend, tf.Relu, { x });
    case 'relu6':
      return callWasmKernel(backend, tf.Relu6, { x });
    case 'elu':
      return callWasmKernel(backend, tf.Elu, { x });
    case 'sigmoid':
      return callWasmKernel(backend, tf.Sigmoid, { x });
    case 'leakyrelu':
      return callWasmKernel(backend, tf.LeakyRelu, { x }, { alpha: attrs.leakyreluAlpha ?? 0.2 });
    case 'prelu':
      return callWasmKernel(backend, tf.Prelu, { x, alpha: alpha! });
    default:
      throw new Error(`replearn: unknown fused activation "${attrs.activation}"`);
  }
}

/**
 * _FusedMatMul for wasm: {@link untransposedMatMul}, and with a batch of more than one matrix plus a bias it adds the
 * bias and activation as separate kernels, because tfjs-backend-wasm 4.22's fused kernel gets that case wrong.
 */
export function batchSafeFusedMatMul(original: tf.KernelFunc): tf.KernelFunc {
  const untransposed = untransposedMatMul(original);
  return (args) => {
    const { a, b, bias, preluActivationWeights } = args.inputs as Record<string, tf.TensorInfo | undefined>;
    const batch = (t: tf.TensorInfo | undefined): number => tf.util.sizeFromShape(t!.shape.slice(0, -2));
    if (!bias || Math.max(batch(a), batch(b)) <= 1) return untransposed(args);
    const backend = args.backend as BackendWasm;
    const attrs = args.attrs as unknown as tf._FusedMatMulAttrs;
    const temps: tf.TensorInfo[] = [];
    try {
      const product = untransposed({
        inputs: { a: a!, b: b! },
        backend,
        attrs: { ...args.attrs, activation: 'linear' },
      }) as tf.TensorInfo;
      temps.push(product);
      const biased = callWasmKernel(backend, tf.Add, { a: product, b: bias });
      if (!attrs.activation || attrs.activation === 'linear') return biased;
      temps.push(biased);
      return activate(backend, biased, attrs, preluActivationWeights);
    } finally {
      releaseAll(backend, temps);
    }
  };
}
