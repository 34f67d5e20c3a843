import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelArgs } from './kernel-args';

/** A gradient written as one loop: dy in, a zero-filled dx of the named input's shape out. */
export type GradientLoop = (args: KernelArgs, dy: ArrayLike<number>, dx: Float32Array) => void;

/**
 * One loop as a float32 kernel for wasm (reading and writing the wasm heap in place) and for backends that read and
 * write arrays (cpu); dx takes the shape of the input named `shapeOf`.
 */
export function gradientLoopKernels(shapeOf: string, loop: GradientLoop): { wasm: tf.KernelFunc; cpu: tf.KernelFunc } {
  const parts = (args: KernelArgs): { dy: tf.TensorInfo; shape: number[] } => {
    const inputs = args.inputs as Record<string, tf.TensorInfo>;
    return { dy: inputs.dy, shape: inputs[shapeOf].shape };
  };
  return {
    wasm: (args) => {
      const backend = args.backend as BackendWasm;
      const { dy, shape } = parts(args);
      const dx = backend.makeOutput(shape, 'float32');
      // Views are taken after makeOutput: allocating may grow (and so move) the wasm heap.
      const out = backend.typedArrayFromHeap(dx) as Float32Array;
      out.fill(0);
      loop(args, backend.typedArrayFromHeap(dy), out);
      return dx;
    },
    cpu: (args) => {
      const backend = args.backend as tf.KernelBackend;
      const { dy, shape } = parts(args);
      const out = new Float32Array(tf.util.sizeFromShape(shape));
      loop(args, backend.readSync(dy.dataId) as Float32Array, out);
      return { dataId: backend.write(out, shape, 'float32'), shape, dtype: 'float32' };
    },
  };
}
