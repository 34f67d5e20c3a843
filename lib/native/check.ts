import * as tf from '@tensorflow/tfjs';
import { registerCpuKernelFixes } from '../backend/cpu-kernels';

/** One op compared between a backend and cpu. */
export interface OpCheck {
  name: string;
  /** Largest |backend - cpu| over the result, divided by max(1, largest |cpu|). */
  error: number;
  ok: boolean;
  /** Set when the backend threw instead of answering. */
  failure?: string;
}

const n = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);
const x4 = (): tf.Tensor4D => n([2, 9, 9, 3], 1) as tf.Tensor4D;
const f4 = (): tf.Tensor4D => n([3, 3, 3, 4], 2) as tf.Tensor4D;
const dense = (s: number): tf.LayersModel =>
  tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [12],
        units: 5,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: s }),
      }),
      tf.layers.dense({
        units: 12,
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: s + 1 }),
      }),
    ],
  });
const convAe = (): tf.LayersModel =>
  tf.sequential({
    layers: [
      tf.layers.conv2d({
        inputShape: [8, 8, 1],
        filters: 4,
        kernelSize: 3,
        padding: 'same',
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
      }),
      tf.layers.maxPooling2d({ poolSize: 2 }),
      tf.layers.upSampling2d({ size: [2, 2] }),
      tf.layers.conv2dTranspose({
        filters: 1,
        kernelSize: 3,
        padding: 'same',
        activation: 'sigmoid',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 4 }),
      }),
    ],
  });

/** Gradients of every weight of a freshly built (seeded) model, flattened into one tensor. */
function modelGrads(build: () => tf.LayersModel, input: () => tf.Tensor): tf.Tensor {
  const model = build();
  const { grads } = tf.variableGrads(
    () => tf.mean<tf.Scalar>(tf.square(model.apply(input()) as tf.Tensor)),
    model.trainableWeights.map((w) => w.read() as tf.Variable),
  );
  const flat = tf.concat(Object.values(grads).map((g) => g.flatten()));
  model.dispose();
  return flat;
}

/** A variable after `steps` updates of `optimizer` on a fixed quadratic. */
function optimized(make: () => tf.Optimizer, steps = 10): tf.Tensor {
  const optimizer = make();
  const w = tf.variable(n([6], 9));
  for (let i = 0; i < steps; i++)
    optimizer.minimize(() => tf.sum<tf.Scalar>(tf.square(tf.sub(w, tf.linspace(-1, 1, 6)))), false, [w]);
  const out = tf.clone(w);
  w.dispose();
  optimizer.dispose();
  return out;
}

/** The ops the lessons train with, each a function giving one tensor from seeded inputs. */
export const LESSON_OPS: Record<string, () => tf.Tensor> = {
  matMul: () => tf.matMul(n([7, 5], 1), n([5, 3], 2)),
  'matMul transposeA': () => tf.matMul(n([5, 7], 1), n([5, 3], 2), true, false),
  'matMul transposeB': () => tf.matMul(n([7, 5], 1), n([3, 5], 2), false, true),
  'batched matMul': () => tf.matMul(n([4, 7, 5], 1), n([4, 5, 3], 2)),
  'fused matMul + bias + relu': () =>
    tf.fused.matMul({ a: n([7, 5], 1), b: n([5, 3], 2), bias: n([3], 3), activation: 'relu' }),
  'conv2d same s1': () => tf.conv2d(x4(), f4(), 1, 'same'),
  'conv2d valid s2': () => tf.conv2d(x4(), f4(), 2, 'valid'),
  'conv2d grad x': () =>
    tf.grad((x: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x as tf.Tensor4D, f4(), 2, 'same'))))(x4()),
  'conv2d grad filter': () =>
    tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x4(), f as tf.Tensor4D, 2, 'same'))))(f4()),
  conv1d: () => tf.conv1d(n([2, 20, 3], 1) as tf.Tensor3D, n([5, 3, 4], 2) as tf.Tensor3D, 2, 'same'),
  'conv2dTranspose s2': () => tf.conv2dTranspose(n([2, 5, 5, 4], 1) as tf.Tensor4D, f4(), [2, 9, 9, 3], 2, 'same'),
  depthwiseConv2d: () => tf.depthwiseConv2d(x4(), n([3, 3, 3, 2], 2) as tf.Tensor4D, 1, 'same'),
  'maxPool + grad': () =>
    tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(x as tf.Tensor4D, 2, 2, 'valid'), n([2, 4, 4, 3], 5))))(x4()),
  'avgPool + grad': () =>
    tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(x as tf.Tensor4D, 3, 2, 'same'), n([2, 5, 5, 3], 5))))(x4()),
  'upsampling (nearest) + grad': () =>
    tf.grad((x: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [18, 18]), n([2, 18, 18, 3], 6))),
    )(x4()),
  'resizeBilinear + grad': () =>
    tf.grad((x: tf.Tensor) =>
      tf.sum(tf.mul(tf.image.resizeBilinear(x as tf.Tensor4D, [14, 14]), n([2, 14, 14, 3], 6))),
    )(x4()),
  batchNorm: () => {
    const { mean, variance } = tf.moments(x4(), [0, 1, 2]);
    return tf.batchNorm(x4(), mean, variance, n([3], 3), n([3], 4), 1e-3);
  },
  activations: () =>
    tf.concat([
      tf.sigmoid(n([20], 1)),
      tf.tanh(n([20], 2)),
      tf.elu(n([20], 3)),
      tf.leakyRelu(n([20], 4), 0.2),
      tf.softplus(n([20], 5)),
    ]),
  'softmax / logSoftmax': () => tf.concat([tf.softmax(n([4, 6], 1)), tf.logSoftmax(n([4, 6], 2))]),
  reductions: () =>
    tf.concat([tf.sum(x4(), [0, 1, 2]), tf.mean(x4(), [1, 2]).flatten(), tf.max(x4(), 3).flatten().slice(0, 10)]),
  'gather + grad (embedding)': () =>
    tf.grad((t: tf.Tensor) => tf.sum(tf.square(tf.gather(t, tf.tensor1d([3, 1, 3, 0], 'int32')))))(n([5, 4], 7)),
  unsortedSegmentSum: () => tf.unsortedSegmentSum(n([6, 3], 1), tf.tensor1d([2, 0, 2, 1, 0, 0], 'int32'), 3),
  'binary cross-entropy grad': () =>
    tf.grad((p: tf.Tensor) =>
      tf.mean(tf.metrics.binaryCrossentropy(tf.randomUniform([4, 6], 0, 1, 'float32', 8), tf.sigmoid(p))),
    )(n([4, 6], 9)),
  'dense autoencoder gradients': () =>
    modelGrads(
      () => dense(1),
      () => tf.randomUniform([8, 12], 0, 1, 'float32', 10),
    ),
  'conv autoencoder gradients': () => modelGrads(convAe, () => tf.randomUniform([3, 8, 8, 1], 0, 1, 'float32', 11)),
  'LSTM gradients': () =>
    modelGrads(
      () =>
        tf.sequential({
          layers: [
            tf.layers.lstm({
              inputShape: [5, 3],
              units: 4,
              kernelInitializer: tf.initializers.glorotUniform({ seed: 5 }),
              recurrentInitializer: tf.initializers.glorotUniform({ seed: 6 }),
            }),
            tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotUniform({ seed: 7 }) }),
          ],
        }),
      () => n([4, 5, 3], 12),
    ),
  'adam (10 steps)': () => optimized(() => tf.train.adam(0.05)),
  'sgd (10 steps)': () => optimized(() => tf.train.sgd(0.05)),
  'rmsprop (10 steps)': () => optimized(() => tf.train.rmsprop(0.01)),
};

async function values(backend: string, op: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  const t = tf.tidy(op);
  const v = (await t.data()) as Float32Array;
  t.dispose();
  return v;
}

/** Runs every lesson op on `backend` and on cpu and reports how far apart they are (restores the backend after). */
export async function compareWithCpu(backend: string, tolerance = 1e-4): Promise<OpCheck[]> {
  registerCpuKernelFixes();
  const before = tf.getBackend();
  const checks: OpCheck[] = [];
  try {
    for (const [name, op] of Object.entries(LESSON_OPS)) {
      try {
        const expected = await values('cpu', op);
        const got = await values(backend, op);
        let diff = got.length === expected.length ? 0 : Infinity;
        let scale = 1;
        expected.forEach((v, i) => {
          diff = Math.max(diff, Math.abs(v - got[i]));
          scale = Math.max(scale, Math.abs(v));
        });
        checks.push({ name, error: diff / scale, ok: diff / scale <= tolerance });
      } catch (err) {
        checks.push({
          name,
          error: Infinity,
          ok: false,
          failure: (err instanceof Error ? err.message : String(err)).split('\n')[0],
        });
      }
    }
  } finally {
    if (before) await tf.setBackend(before);
  }
  return checks;
}
