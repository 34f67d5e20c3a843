import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import type { KernelArgs } from './kernel-args';

/** Name of the kernel that does one whole Adam update of one variable: value, m and v in one pass. */
export const FUSED_ADAM = 'ReplearnFusedAdam';

/** Attributes of {@link FUSED_ADAM}; the bias corrections 1 - beta^t are passed in, as tf.train.adam computes them. */
export interface FusedAdamAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

type Arrays = [value: Float32Array, gradient: Float32Array, m: Float32Array, v: Float32Array];

/** tf.train.adam's update (its ten kernels per variable) in one loop, in float64 and stored as float32: it differs
 * from tf.train.adam by float32 rounding only. Constants are hoisted into locals: the loop runs over every weight. */
function adamLoop([w, g, m, v]: Arrays, [nw, nm, nv]: Float32Array[], a: FusedAdamAttrs): void {
  const b1 = a.beta1;
  const b2 = a.beta2;
  const c1 = 1 - b1;
  const c2 = 1 - b2;
  const step = a.learningRate / a.oneMinusAccBeta1;
  const invBias2 = 1 / a.oneMinusAccBeta2;
  const eps = a.epsilon;
  const n = w.length;
  for (let i = 0; i < n; i++) {
    const gi = g[i];
    const mi = m[i] * b1 + gi * c1;
    const vi = v[i] * b2 + gi * gi * c2;
    nm[i] = mi;
    nv[i] = vi;
    nw[i] = w[i] - (step * mi) / (Math.sqrt(vi * invBias2) + eps);
  }
}

function inputsOf(args: KernelArgs): tf.TensorInfo[] {
  const { value, gradient, m, v } = args.inputs as Record<'value' | 'gradient' | 'm' | 'v', tf.TensorInfo>;
  for (const t of [value, gradient, m, v]) {
    if (t.dtype !== 'float32') throw new Error(`${FUSED_ADAM}: float32 tensors only, got ${t.dtype}`);
  }
  return [value, gradient, m, v];
}

/** The fused Adam update on wasm: reads and writes the wasm heap directly. */
export function fusedAdamWasm(args: KernelArgs): tf.TensorInfo[] {
  const backend = args.backend as BackendWasm;
  const ins = inputsOf(args);
  const outs = [0, 1, 2].map(() => backend.makeOutput(ins[0].shape, 'float32'));
  // Views are taken after every makeOutput: allocating may grow (and so move) the wasm heap.
  const view = (t: tf.TensorInfo): Float32Array => backend.typedArrayFromHeap(t) as Float32Array;
  adamLoop(ins.map(view) as Arrays, outs.map(view), args.attrs as unknown as FusedAdamAttrs);
  return outs;
}

/** The fused Adam update on backends that read and write plain arrays (cpu, tfjs-node). */
export function fusedAdamCpu(args: KernelArgs): tf.TensorInfo[] {
  const backend = args.backend as tf.KernelBackend;
  const ins = inputsOf(args);
  const outs = [0, 1, 2].map(() => new Float32Array(tf.util.sizeFromShape(ins[0].shape)));
  adamLoop(
    ins.map((t) => backend.readSync(t.dataId) as Float32Array) as Arrays,
    outs,
    args.attrs as unknown as FusedAdamAttrs,
  );
  return outs.map((values) => ({
    dataId: backend.write(values, ins[0].shape, 'float32'),
    shape: ins[0].shape,
    dtype: 'float32',
  }));
}

/**
 * Register {@link FUSED_ADAM} on wasm, cpu and tfjs-node: where ten small kernels per variable cost most (on tfjs-node
 * each kernel costs ≈20 µs of dispatch; reading the four arrays out and writing three back costs less).
 */
export function registerFusedAdam(): void {
  for (const backendName of ['cpu', 'tensorflow']) {
    if (!tf.getKernel(FUSED_ADAM, backendName))
      tf.registerKernel({ kernelName: FUSED_ADAM, backendName, kernelFunc: fusedAdamCpu });
  }
  if (!tf.getKernel(FUSED_ADAM, 'wasm'))
    tf.registerKernel({ kernelName: FUSED_ADAM, backendName: 'wasm', kernelFunc: fusedAdamWasm });
}
