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
        backend, attrs: { ...args.attrs, transposeA: false, transposeB: false },
      });
    } finally {
      releaseAll(backend, temps);
    }
  };
}
