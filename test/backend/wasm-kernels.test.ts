import { strict as assert } from 'assert';
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import {
  nativeFailureReason,
  registerCpuKernelFixes,
  registerWasmTrainingKernels,
  silenceCpuBanner,
  WASM_TRAINING_KERNELS,
} from '../../lib/backend';

type Backend = 'cpu' | 'wasm';
type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];

/** Runs fn on one backend and returns its result's values (inputs are rebuilt there from plain arrays). */
async function on(backend: Backend, fn: () => tf.Tensor): Promise<Float32Array> {
  await tf.setBackend(backend);
  silenceCpuBanner();
  const out = tf.tidy(fn);
  const values = (await out.data()) as Float32Array;
  out.dispose();
  return values;
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  assert.equal(a.length, b.length, 'lengths differ');
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}

const normal = (shape: number[], seed: number): tf.Tensor => tf.randomNormal(shape, 0, 1, 'float32', seed);

describe('backend/wasm training kernels', function () {
  let before: string | undefined;

  this.beforeAll(async () => {
    before = tf.getBackend();
    registerWasmTrainingKernels();
    registerCpuKernelFixes();
    assert.ok(await tf.setBackend('wasm'), 'wasm backend must start');
  });
  this.afterAll(async () => {
    if (before) await tf.setBackend(before);
  });

  it('registers each kernel once, however often it is called', () => {
    const funcs = WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels();
    registerWasmTrainingKernels();
    assert.ok(funcs.every((f) => typeof f === 'function'));
    assert.deepEqual(
      WASM_TRAINING_KERNELS.map((k) => tf.getKernel(k, 'wasm')?.kernelFunc),
      funcs,
    );
    assert.ok(WASM_TRAINING_KERNELS.includes('Conv2DBackpropFilter'));
  });

  const convCases: { x: number[]; filter: number[]; strides: number | [number, number]; pad: Pad }[] = [
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'same' },
    { x: [2, 9, 9, 3], filter: [3, 3, 3, 4], strides: 2, pad: 'valid' },
    { x: [3, 8, 7, 2], filter: [5, 5, 2, 3], strides: 2, pad: 'valid' }, // valid leaves rows unused
    { x: [3, 8, 7, 2], filter: [4, 2, 2, 3], strides: [2, 3], pad: 'same' },
    { x: [4, 28, 28, 1], filter: [3, 3, 1, 8], strides: 2, pad: 'same' },
    {
      x: [2, 10, 10, 2],
      filter: [3, 3, 2, 2],
      strides: 2,
      pad: [
        [0, 0],
        [1, 2],
        [0, 1],
        [0, 0],
      ],
    },
    { x: [5, 1, 20, 3], filter: [1, 5, 3, 4], strides: [1, 2], pad: 'same' }, // conv1d as tfjs runs it
  ];
  // Stride 1 takes the input gradient's forward-conv path; strided cases keep the original kernel.
  const stride1Cases: typeof convCases = [
    { x: [2, 7, 9, 3], filter: [5, 3, 3, 2], strides: 1, pad: 'same' },
    { x: [2, 7, 9, 3], filter: [4, 2, 3, 2], strides: 1, pad: 'same' }, // even kernel: padding is uneven
    { x: [2, 7, 9, 3], filter: [5, 3, 3, 2], strides: 1, pad: 'valid' },
    {
      x: [2, 8, 8, 2],
      filter: [3, 3, 2, 4],
      strides: 1,
      pad: [
        [0, 0],
        [2, 0],
        [1, 1],
        [0, 0],
      ],
    },
  ];
  /** The filter or input gradient of conv2d(x, filter) for a random dy, by the kernel alone. */
  const convGrad = (c: (typeof convCases)[number], which: 'filter' | 'input') => (): tf.Tensor => {
    const x = normal(c.x, 1) as tf.Tensor4D;
    const filter = normal(c.filter, 2) as tf.Tensor4D;
    const dy = normal(tf.conv2d(x, filter, c.strides, c.pad).shape, 3);
    const attrs = {
      strides: c.strides,
      pad: c.pad,
      dataFormat: 'NHWC',
      filterShape: c.filter,
      inputShape: c.x,
    } as unknown as tf.NamedAttrMap;
    return which === 'filter'
      ? tf.engine().runKernel(tf.Conv2DBackpropFilter, { x, dy }, attrs)
      : tf.engine().runKernel(tf.Conv2DBackpropInput, { dy, filter }, attrs);
  };
  for (const [which, cases] of [
    ['filter', convCases],
    ['input', [...convCases, ...stride1Cases]],
  ] as const) {
    for (const c of cases) {
      const name = which === 'filter' ? 'Conv2DBackpropFilter' : 'Conv2DBackpropInput';
      it(`${name} matches cpu: x ${c.x} filter ${c.filter} strides ${c.strides} pad ${JSON.stringify(c.pad)}`, async () => {
        const cpu = await on('cpu', convGrad(c, which));
        const wasm = await on('wasm', convGrad(c, which));
        assert.ok(maxAbs(cpu) > 0.1, 'a degenerate case would prove nothing');
        assert.ok(maxAbsDiff(cpu, wasm) < 1e-4 * Math.max(1, maxAbs(cpu)), `max diff ${maxAbsDiff(cpu, wasm)}`);
      });
    }
  }

  it('Conv2DBackpropFilter handles NCHW like cpu', async () => {
    const kernel = (): tf.Tensor =>
      tf
        .engine()
        .runKernel<tf.Tensor>(
          tf.Conv2DBackpropFilter,
          { x: normal([2, 3, 9, 9], 1), dy: normal([2, 4, 5, 5], 2) },
          { strides: 2, pad: 'same', dataFormat: 'NCHW', filterShape: [3, 3, 3, 4] },
        );
    assert.ok(maxAbsDiff(await on('cpu', kernel), await on('wasm', kernel)) < 1e-4);
  });

  it('UnsortedSegmentSum adds rows that share an id, and rejects ids out of range', async () => {
    const kernel = (): tf.Tensor =>
      tf.unsortedSegmentSum(normal([7, 3], 4), tf.tensor1d([2, 0, 2, 5, 0, 0, 1], 'int32'), 6);
    const wasm = await on('wasm', kernel);
    assert.ok(maxAbsDiff(await on('cpu', kernel), wasm) < 1e-6);
    assert.equal(maxAbs(wasm.slice(9, 15)), 0, 'segments 3 and 4 are empty');
    await tf.setBackend('wasm');
    assert.throws(
      () => tf.tidy(() => tf.unsortedSegmentSum(tf.ones([2, 2]), tf.tensor1d([0, 3], 'int32'), 3)),
      /outside \[0, 3\)/,
    );
  });

  it('MaxPoolGrad routes gradients through windows whose values are all negative', async () => {
    for (const [size, strides, pad] of [
      [2, 2, 'valid'],
      [3, 2, 'same'],
      [3, 1, 'same'],
    ] as [number, number, 'same' | 'valid'][]) {
      const grad = (): tf.Tensor => {
        const x = tf.sub(normal([3, 8, 8, 2], 5), 4); // nearly all negative
        const w = normal(tf.maxPool(x as tf.Tensor4D, size, strides, pad).shape, 6);
        return tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(a as tf.Tensor4D, size, strides, pad), w)))(x);
      };
      const cpu = await on('cpu', grad);
      assert.ok(maxAbs(cpu) > 0.5);
      assert.ok(maxAbsDiff(cpu, await on('wasm', grad)) < 1e-5, `pool ${size}/${strides}/${pad}`);
    }
  });

  it('ResizeNearestNeighborGrad is the adjoint of the resize on both backends (batch > 1)', async () => {
    const settings: [number[], [number, number], boolean, boolean][] = [
      [[3, 8, 8, 2], [16, 16], false, false],
      [[3, 8, 8, 2], [12, 20], false, true],
      [[2, 5, 7, 3], [9, 4], true, false],
    ];
    for (const backend of ['cpu', 'wasm'] as Backend[]) {
      for (const [shape, size, alignCorners, halfPixelCenters] of settings) {
        await tf.setBackend(backend);
        const [lhs, rhs] = tf.tidy(() => {
          const x = normal(shape, 7);
          const dy = normal([shape[0], ...size, shape[3]], 8);
          const forward = tf.image.resizeNearestNeighbor(x as tf.Tensor4D, size, alignCorners, halfPixelCenters);
          const g = tf
            .engine()
            .runKernel<tf.Tensor>(
              tf.ResizeNearestNeighborGrad,
              { images: x, dy },
              { alignCorners, halfPixelCenters, size },
            );
          return [tf.sum(tf.mul(forward, dy)).dataSync()[0], tf.sum(tf.mul(x, g)).dataSync()[0]];
        });
        assert.ok(
          Math.abs(lhs - rhs) < 1e-3 * Math.max(1, Math.abs(lhs)),
          `${backend} ${shape}→${size}: <Rx,dy>=${lhs} but <x,R'dy>=${rhs}`,
        );
      }
    }
  });

  it('AvgPoolGrad is the adjoint of avgPool where padding cuts windows, on both backends', async () => {
    for (const backend of ['cpu', 'wasm'] as Backend[]) {
      for (const [size, strides, pad] of [
        [3, 2, 'same'],
        [2, 2, 'valid'],
        [3, 1, 'same'],
      ] as [number, number, 'same' | 'valid'][]) {
        await tf.setBackend(backend);
        const [lhs, rhs] = tf.tidy(() => {
          const x = normal([2, 9, 9, 3], 1);
          const y = tf.avgPool(x as tf.Tensor4D, size, strides, pad);
          const dy = normal(y.shape, 2);
          const g = tf.grad((a: tf.Tensor) => tf.sum(tf.mul(tf.avgPool(a as tf.Tensor4D, size, strides, pad), dy)))(x);
          return [tf.sum(tf.mul(y, dy)).dataSync()[0], tf.sum(tf.mul(x, g)).dataSync()[0]];
        });
        assert.ok(
          Math.abs(lhs - rhs) < 1e-4 * Math.max(1, Math.abs(lhs)),
          `${backend} pool ${size}/${strides}/${pad}: ${lhs} vs ${rhs}`,
        );
      }
    }
    const forward = (): tf.Tensor => tf.avgPool(normal([2, 9, 9, 3], 1) as tf.Tensor4D, 3, 2, 'same');
    assert.ok(maxAbsDiff(await on('cpu', forward), await on('wasm', forward)) < 1e-5, 'forward passes agree');
  });

  it('depthwise convolution gradients match cpu', async () => {
    const grads = (which: 0 | 1) => (): tf.Tensor => {
      const x = normal([2, 9, 9, 3], 9);
      const f = normal([3, 3, 3, 2], 10);
      const w = normal(tf.depthwiseConv2d(x as tf.Tensor4D, f as tf.Tensor4D, 2, 'same').shape, 11);
      return tf.grads((a: tf.Tensor, b: tf.Tensor) =>
        tf.sum(tf.mul(tf.depthwiseConv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 'same'), w)),
      )([x, f])[which];
    };
    for (const which of [0, 1] as const)
      assert.ok(maxAbsDiff(await on('cpu', grads(which)), await on('wasm', grads(which))) < 1e-4);
  });

  /** Gradients of every weight of a model, on one backend, from the same weights and data. */
  async function modelGrads(
    backend: Backend,
    build: () => tf.LayersModel,
    input: () => tf.Tensor,
  ): Promise<Float32Array[]> {
    await tf.setBackend('cpu');
    const model = build(); // same seeds → same initial weights on either backend
    await tf.setBackend(backend);
    const { grads } = tf.variableGrads(() =>
      tf.tidy(() => tf.mean<tf.Scalar>(tf.square(model.apply(input(), { training: true }) as tf.Tensor))),
    );
    const out = await Promise.all(
      model.trainableWeights.map(async (w) => (await grads[w.name].data()) as Float32Array),
    );
    tf.dispose(grads);
    model.dispose();
    return out;
  }

  const init = (seed: number): ReturnType<typeof tf.initializers.glorotUniform> =>
    tf.initializers.glorotUniform({ seed });
  const models: Record<string, [() => tf.LayersModel, () => tf.Tensor]> = {
    'conv autoencoder (conv s2, maxPool, upSampling, conv2dTranspose)': [
      () =>
        tf.sequential({
          layers: [
            tf.layers.conv2d({
              inputShape: [16, 16, 1],
              filters: 4,
              kernelSize: 3,
              padding: 'same',
              activation: 'tanh',
              kernelInitializer: init(1),
            }),
            tf.layers.maxPooling2d({ poolSize: 2 }),
            tf.layers.conv2d({ filters: 6, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(2) }),
            tf.layers.upSampling2d({ size: [2, 2] }),
            tf.layers.conv2dTranspose({
              filters: 3,
              kernelSize: 3,
              strides: 2,
              padding: 'same',
              kernelInitializer: init(3),
            }),
            tf.layers.conv2d({
              filters: 1,
              kernelSize: 3,
              padding: 'same',
              activation: 'sigmoid',
              kernelInitializer: init(4),
            }),
          ],
        }),
      () => tf.randomUniform([6, 16, 16, 1], 0, 1, 'float32', 12),
    ],
    '1-D conv net (conv1d, maxPooling1d, global pooling)': [
      () =>
        tf.sequential({
          layers: [
            tf.layers.conv1d({
              inputShape: [24, 3],
              filters: 5,
              kernelSize: 5,
              strides: 2,
              activation: 'relu',
              kernelInitializer: init(5),
            }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.conv1d({ filters: 4, kernelSize: 3, padding: 'same', kernelInitializer: init(6) }),
            tf.layers.globalAveragePooling1d(),
            tf.layers.dense({ units: 2, kernelInitializer: init(7) }),
          ],
        }),
      () => tf.randomNormal([5, 24, 3], 0, 1, 'float32', 13),
    ],
    'embedding + dense (gather gradient)': [
      () =>
        tf.sequential({
          layers: [
            tf.layers.embedding({
              inputDim: 40,
              outputDim: 6,
              inputLength: 7,
              embeddingsInitializer: tf.initializers.randomUniform({ minval: -1, maxval: 1, seed: 8 }),
            }),
            tf.layers.flatten(),
            tf.layers.dense({ units: 3, kernelInitializer: init(9) }),
          ],
        }),
      () => tf.randomUniform([6, 7], 0, 40, 'int32', 14),
    ],
  };
  for (const [name, [build, input]] of Object.entries(models)) {
    it(`${name}: wasm gradients equal cpu gradients`, async () => {
      const cpu = await modelGrads('cpu', build, input);
      const wasm = await modelGrads('wasm', build, input);
      assert.equal(wasm.length, cpu.length);
      cpu.forEach((g, i) =>
        assert.ok(
          maxAbsDiff(g, wasm[i]) < 1e-4 * Math.max(1e-2, maxAbs(g)) + 1e-6,
          `weight ${i}: diff ${maxAbsDiff(g, wasm[i])} of ${maxAbs(g)}`,
        ),
      );
    });
  }

  it('fused matMul with a bias on a batch of matrices matches cpu, for every activation', async () => {
    const activations = ['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const;
    for (const activation of activations) {
      const f = (): tf.Tensor =>
        tf.fused.matMul({
          a: normal([3, 6, 5], 1),
          b: normal([3, 5, 4], 2),
          bias: normal([4], 3),
          activation,
          preluActivationWeights: activation === 'prelu' ? normal([4], 4) : undefined,
          leakyreluAlpha: 0.3,
        });
      assert.ok(maxAbsDiff(await on('cpu', f), await on('wasm', f)) < 1e-4, activation);
    }
  });

  it('matMul with transposed operands (wrapped for speed) matches cpu', async () => {
    const cases: [number[], number[], boolean, boolean][] = [
      [[7, 5], [5, 3], false, false],
      [[5, 7], [5, 3], true, false],
      [[7, 5], [3, 5], false, true],
      [[5, 7], [3, 5], true, true],
      [[4, 5, 7], [4, 5, 3], true, false],
      [[1, 7, 5], [4, 3, 5], false, true],
    ];
    for (const [sa, sb, ta, tb] of cases) {
      const plain = (): tf.Tensor => tf.matMul(normal(sa, 1), normal(sb, 2), ta, tb);
      const fused = (): tf.Tensor =>
        tf.fused.matMul({
          a: normal(sa, 1),
          b: normal(sb, 2),
          transposeA: ta,
          transposeB: tb,
          bias: normal([sb[sb.length - (tb ? 2 : 1)]], 3),
          activation: 'relu',
        });
      assert.ok(maxAbsDiff(await on('cpu', plain), await on('wasm', plain)) < 1e-4, `matMul ${sa} ${sb} ${ta} ${tb}`);
      assert.ok(maxAbsDiff(await on('cpu', fused), await on('wasm', fused)) < 1e-4, `fused ${sa} ${sb} ${ta} ${tb}`);
    }
  });

  it('slice (read in place) matches cpu, contiguous or not, any rank', async () => {
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [4]],
      [
        [50, 7],
        [12, 0],
        [20, 7],
      ],
      [
        [50, 7],
        [3, 2],
        [5, 4],
      ],
      [
        [4, 5, 6],
        [1, 2, 3],
        [2, 3, 2],
      ],
      [
        [3, 4, 5, 6],
        [0, 1, 0, 2],
        [3, 2, 5, 3],
      ],
      [
        [2, 3, 4, 5, 6],
        [1, 0, 1, 2, 0],
        [1, 3, 2, 2, 6],
      ],
      [
        [6, 4],
        [2, 0],
        [0, 4],
      ],
    ];
    for (const [shape, begin, size] of cases) {
      const f = (): tf.Tensor => tf.slice(normal(shape, 4), begin, size);
      assert.deepEqual(
        Array.from(await on('wasm', f)),
        Array.from(await on('cpu', f)),
        `slice ${shape} ${begin} ${size}`,
      );
    }
    await tf.setBackend('wasm');
    assert.deepEqual(await tf.slice(tf.tensor1d(['a', 'b', 'c'], 'string'), 1, 2).array(), ['b', 'c']);
  });

  it('gather (whole slices) matches cpu for axes and batch dims, and rejects bad indices', async () => {
    const cases: [number[], number[], number[], number, number][] = [
      [[10, 4], [3, 3, 0, 9], [4], 0, 0],
      [[4, 6, 3], [5, 0, 5], [3], 1, 0],
      [[4, 6], [2, 1, 0, 5, 5, 4], [2, 3], 1, 0],
      [[3, 5, 2], [0, 4, 1, 1, 2, 3], [3, 2], 1, 1],
      [[6], [5, 0], [2], 0, 0],
    ];
    for (const [shape, ids, idShape, axis, batchDims] of cases) {
      const f = (): tf.Tensor => tf.gather(normal(shape, 5), tf.tensor(ids, idShape, 'int32'), axis, batchDims);
      assert.deepEqual(Array.from(await on('wasm', f)), Array.from(await on('cpu', f)), `gather ${shape} axis ${axis}`);
    }
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    assert.throws(
      () => tf.tidy(() => tf.gather(tf.ones([3, 2]), tf.tensor1d([0, 3], 'int32'))),
      /index value 3 is not in \[0, 2\]/,
    );
    assert.equal(tf.memory().numTensors, before);
  });

  it('sum over leading axes (bias gradients) matches cpu', async () => {
    const cases: [number[], number[], boolean][] = [
      [[256, 50], [0], false],
      [[6, 5, 4, 3], [0, 1, 2], false],
      [[6, 5, 4], [1, 0], true],
      [[6, 5, 4], [1], false],
      [[6, 5], [0, 1], false],
    ];
    for (const [shape, axis, keepDims] of cases) {
      const f = (): tf.Tensor => tf.sum(normal(shape, 6), axis, keepDims);
      const cpu = await on('cpu', f);
      const wasm = await on('wasm', f);
      assert.ok(maxAbsDiff(cpu, wasm) < 1e-4, `sum ${shape} over ${axis}`);
      assert.deepEqual(tf.tidy(f).shape, (await tf.setBackend('cpu'), tf.tidy(f).shape));
    }
    const ints = (): tf.Tensor =>
      tf.cast(
        tf.sum(
          tf.tensor2d(
            [
              [1, 2],
              [3, 4],
            ],
            [2, 2],
            'int32',
          ),
          0,
        ),
        'float32',
      );
    assert.deepEqual(Array.from(await on('wasm', ints)), [4, 6]);
  });

  it('identity shares the buffer, and the source can be disposed first', async () => {
    await tf.setBackend('wasm');
    const backend = tf.backend() as BackendWasm;
    const x = tf.tensor1d([1, 2, 3]);
    const buffers = backend.numDataIds();
    const y = tf.clone(x);
    assert.equal(backend.numDataIds(), buffers, 'no new buffer');
    x.dispose();
    assert.deepEqual(Array.from(await y.data()), [1, 2, 3]);
    y.dispose();
    assert.equal(backend.numDataIds(), buffers - 1);
  });

  it('keeps tensor and wasm buffer counts flat over repeated training steps', async () => {
    await tf.setBackend('wasm');
    const [build, input] = models['conv autoencoder (conv s2, maxPool, upSampling, conv2dTranspose)'];
    const model = build();
    const x = input();
    const optimizer = tf.train.adam(0.01);
    const step = (): void => {
      optimizer.minimize(() => tf.mean<tf.Scalar>(tf.square(tf.sub(model.apply(x) as tf.Tensor, x))))?.dispose();
    };
    step();
    const backend = tf.backend() as BackendWasm;
    const tensors = tf.memory().numTensors;
    const buffers = backend.numDataIds();
    for (let i = 0; i < 5; i++) step();
    assert.equal(tf.memory().numTensors, tensors);
    assert.equal(backend.numDataIds(), buffers);
    optimizer.dispose();
    model.dispose();
    x.dispose();
  });
});

describe('backend/select reason line', () => {
  it('says briefly why tfjs-node did not load', () => {
    const notInstalled = Object.assign(new Error("Cannot find module '@tensorflow/tfjs-node'\nRequire stack:\n- /x"), {
      code: 'MODULE_NOT_FOUND',
    });
    assert.equal(nativeFailureReason(notInstalled), 'tfjs-node not installed');
    assert.match(
      nativeFailureReason(
        new Error('The Node.js native addon module (tfjs_binding.node) can not be found at path: /a/b'),
      ),
      /^tfjs-node native addon not built; try `npx replearn backend install-native`$/,
    );
    assert.match(
      nativeFailureReason(new Error('libtensorflow.so.2: cannot open shared object file: No such file or directory')),
      /cannot load libtensorflow\.so\.2/,
    );
    assert.ok(nativeFailureReason(new Error('x'.repeat(500))).length < 160);
  });
});
