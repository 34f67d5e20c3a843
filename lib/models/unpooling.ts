// Max-pooling that remembers where each maximum was ("switches"), and max-unpooling that puts values back
// there (Zeiler & Fergus 2014; SegNet). Windows are square, stride = window size, and a short edge is padded
// the way tfjs `maxPool(..., 'same')` pads (TensorFlow's rule: the smaller half before), so 7 → 4 → 7 round-trips.
import * as tf from '@tensorflow/tfjs';

/** Pooled maxima and the switches: a 0/1 tensor shaped like the input with one 1 per window, at its first maximum. */
export interface PooledWithSwitches {
  pooled: tf.Tensor4D;
  switches: tf.Tensor4D;
}

function pooledSize(size: number, pool: number): number {
  return Math.ceil(size / pool);
}

/** Padding before the first window along one axis, under the 'same' rule. */
function padBefore(size: number, pool: number): number {
  return Math.floor((pooledSize(size, pool) * pool - size) / 2);
}

function switchesForward(x: tf.Tensor4D, pool: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = x.shape;
    const ph = pooledSize(h, pool);
    const pw = pooledSize(w, pool);
    const top = padBefore(h, pool);
    const left = padBefore(w, pool);
    const padded =
      ph * pool > h || pw * pool > w
        ? tf.pad(
            x,
            [
              [0, 0],
              [top, ph * pool - h - top],
              [left, pw * pool - w - left],
              [0, 0],
            ],
            -Infinity,
          )
        : x;
    // Each window's pool*pool values on the last axis, in row-major order, so argMax's first maximum is the top-left-most.
    const windows = padded
      .reshape([n, ph, pool, pw, pool, c])
      .transpose([0, 1, 3, 5, 2, 4])
      .reshape([n * ph * pw * c, pool * pool]);
    const first = tf.oneHot(tf.argMax(windows, 1), pool * pool).toFloat();
    const full = first
      .reshape([n, ph, pw, c, pool, pool])
      .transpose([0, 1, 4, 2, 5, 3])
      .reshape([n, ph * pool, pw * pool, c]);
    return full.slice([0, top, left, 0], [n, h, w, c]) as tf.Tensor4D;
  });
}

/** The switches alone; piecewise constant in x, so its gradient is zero (argMax/oneHot never enter the tape). */
const switchesOp = (pool: number) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => ({
    value: switchesForward(args[0] as tf.Tensor4D, pool),
    gradFunc: (dy: tf.Tensor4D) => [tf.zerosLike(dy)],
  }));

/** Switches of a non-overlapping `pool`×`pool` max-pooling of x [N,H,W,C]; no gradient flows through them. */
export function poolingSwitches(x: tf.Tensor4D, pool = 2): tf.Tensor4D {
  return switchesOp(pool)(x);
}

/**
 * Max-pooling whose gradient is max-unpooling of dy with the same switches: the gradient of a max goes to the
 * element that won. Written out so that, on every backend, a tie sends the gradient to the very element the
 * switches mark (and independently of MaxPoolGrad kernels, one of which tfjs-backend-wasm 4.22 gets wrong).
 */
const maxPoolThroughSwitches = (pool: number) =>
  tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, switches] = args as tf.Tensor4D[];
    const save = args[2] as tf.GradSaveFunc;
    save([switches]); // the tape keeps saved tensors alive until the backward pass; a closure would not
    return {
      value: tf.maxPool(x, pool, pool, 'same'),
      gradFunc: (dy: tf.Tensor4D, saved: tf.Tensor[]) => [
        maxUnpool(dy, saved[0] as tf.Tensor4D, pool),
        tf.zerosLike(saved[0]),
      ],
    };
  });

/** Max-pool x [N,H,W,C] (window = stride = `pool`, 'same' padding) and return the switches too. */
export function maxPoolWithSwitches(x: tf.Tensor4D, pool = 2): PooledWithSwitches {
  const switches = poolingSwitches(x, pool);
  return { pooled: maxPoolThroughSwitches(pool)(x, switches), switches };
}

/**
 * Nearest-neighbour upsampling ("repeat the values") of y [N,h,w,C] by `factor`; with outH×outW given, the result
 * is cropped to that size the way {@link maxPoolWithSwitches} padded it, so it lines up with the pooled input.
 */
export function repeatUpsample(y: tf.Tensor4D, factor: number, outH?: number, outW?: number): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, h, w, c] = y.shape;
    // A broadcasting multiply, not tile/broadcastTo: tfjs has no tile gradient above rank 4.
    const big = y
      .reshape([n * h, 1, w, 1, c])
      .mul(tf.ones([1, factor, 1, factor, 1]))
      .reshape([n, h * factor, w * factor, c]);
    const oh = outH ?? h * factor;
    const ow = outW ?? w * factor;
    if (oh === h * factor && ow === w * factor) return big as tf.Tensor4D;
    return big.slice([0, padBefore(oh, factor), padBefore(ow, factor), 0], [n, oh, ow, c]) as tf.Tensor4D;
  });
}

/** Max-unpooling: each value of y goes back to where its window's maximum was (per `switches`), zeros elsewhere. */
export function maxUnpool(y: tf.Tensor4D, switches: tf.Tensor4D, pool = 2): tf.Tensor4D {
  return tf.tidy(() => {
    const [, h, w] = switches.shape;
    return repeatUpsample(y, pool, h, w).mul<tf.Tensor4D>(switches);
  });
}

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/** A layer returning [pooled, switches]: max-pooling that remembers its maxima for a later {@link MaxUnpooling2D}. */
export class MaxPoolingWithSwitches2D extends tf.layers.Layer {
  static className = 'MaxPoolingWithSwitches2D';
  readonly pool: number;

  constructor(args: LayerArgs & { pool?: number } = {}) {
    super(args);
    this.pool = args.pool ?? 2;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape[] {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const down = (d: number | null) => (d === null ? null : pooledSize(d, this.pool));
    return [[s[0], down(s[1]), down(s[2]), s[3]], s];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor[] {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor4D;
    const { pooled, switches } = maxPoolWithSwitches(x, this.pool);
    return [pooled, switches];
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pool: this.pool };
  }
}

/** A layer taking [values, switches] and returning the max-unpooled values (same shape as the switches). */
export class MaxUnpooling2D extends tf.layers.Layer {
  static className = 'MaxUnpooling2D';
  readonly pool: number;

  constructor(args: LayerArgs & { pool?: number } = {}) {
    super(args);
    this.pool = args.pool ?? 2;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [values, switches] = inputShape as tf.Shape[];
    return [values[0], switches[1], switches[2], values[3]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [values, switches] = inputs as tf.Tensor4D[];
    return maxUnpool(values, switches, this.pool);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), pool: this.pool };
  }
}

tf.serialization.registerClass(MaxPoolingWithSwitches2D);
tf.serialization.registerClass(MaxUnpooling2D);

/** Symbolic helper: apply max-pooling with switches to a symbolic tensor inside a functional model. */
export function maxPoolingWithSwitchesLayer(
  x: tf.SymbolicTensor,
  pool = 2,
  name?: string,
): { pooled: tf.SymbolicTensor; switches: tf.SymbolicTensor } {
  const [pooled, switches] = new MaxPoolingWithSwitches2D({ pool, name }).apply(x) as tf.SymbolicTensor[];
  return { pooled, switches };
}

/** Symbolic helper: max-unpool `values` with the `switches` of an earlier {@link maxPoolingWithSwitchesLayer}. */
export function maxUnpoolingLayer(
  values: tf.SymbolicTensor,
  switches: tf.SymbolicTensor,
  pool = 2,
  name?: string,
): tf.SymbolicTensor {
  return new MaxUnpooling2D({ pool, name }).apply([values, switches]) as tf.SymbolicTensor;
}
