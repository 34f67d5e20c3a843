import * as tf from '@tensorflow/tfjs';
import { pair, type LayerConfig } from '../layer-config';

/** Activations a fused matMul / conv2d applies in the same kernel. */
type FusedActivation = 'linear' | 'relu' | 'relu6' | 'elu' | 'sigmoid';
const FUSABLE = new Set<string>(['linear', 'relu', 'relu6', 'elu', 'sigmoid']);

/** One layer as direct ops; `logits` asks for the pre-activation of a sigmoid output. */
type LayerOp = (x: tf.Tensor, logits: boolean) => tf.Tensor;

/** A model's forward pass as direct tfjs ops. */
export interface DirectForward {
  /** The model's output (training mode); with `logits`, the last layer's input to its sigmoid instead. */
  apply(x: tf.Tensor, logits?: boolean): tf.Tensor;
  /** True when the model ends in a sigmoid, so `apply(x, true)` gives its logits. */
  sigmoidOutput: boolean;
}

/** The variables a layer computes with (kernel, then bias), read so that gradients reach them. */
function weightsOf(layer: tf.layers.Layer): tf.Tensor[] {
  return layer.weights.map((w) => w.read());
}

/** The direct op of one layer, or null when this compiler does not know it (the model then keeps model.apply). */
function layerOp(layer: tf.layers.Layer): LayerOp | null {
  const config = layer.getConfig() as LayerConfig;
  const activation = config.activation ?? 'linear';
  if (!FUSABLE.has(activation)) return null;
  const act = activation as FusedActivation;
  const chosen = (logits: boolean): FusedActivation => (logits && act === 'sigmoid' ? 'linear' : act);
  switch (layer.getClassName()) {
    case 'InputLayer':
      return (x) => x;
    case 'Dense': {
      const [kernel, bias] = weightsOf(layer);
      if (kernel.rank !== 2) return null;
      return (x, logits) => tf.fused.matMul({ a: x, b: kernel, bias, activation: chosen(logits) });
    }
    case 'Conv2D': {
      if (config.dataFormat && config.dataFormat !== 'channelsLast') return null;
      const [filter, bias] = weightsOf(layer);
      const strides = pair(config.strides, 1);
      const dilations = pair(config.dilationRate, 1);
      return (x, logits) =>
        tf.fused.conv2d({
          x: x as tf.Tensor4D,
          filter: filter as tf.Tensor4D,
          strides,
          pad: config.padding ?? 'valid',
          dataFormat: 'NHWC',
          dilations,
          bias,
          activation: chosen(logits),
        });
    }
    case 'MaxPooling2D': {
      if (config.dataFormat && config.dataFormat !== 'channelsLast') return null;
      const size = pair(config.poolSize, 2);
      const strides = config.strides === undefined || config.strides === null ? size : pair(config.strides, 1);
      return (x) => tf.maxPool(x as tf.Tensor4D, size, strides, config.padding ?? 'valid');
    }
    case 'UpSampling2D': {
      if (
        (config.dataFormat && config.dataFormat !== 'channelsLast') ||
        (config.interpolation ?? 'nearest') !== 'nearest'
      )
        return null;
      const [sh, sw] = pair(config.size, 2);
      return (x) => tf.image.resizeNearestNeighbor(x as tf.Tensor4D, [x.shape[1]! * sh, x.shape[2]! * sw]);
    }
    case 'Flatten':
      return (x) => tf.reshape(x, [x.shape[0], -1]);
    case 'Reshape':
      return config.targetShape ? (x) => tf.reshape(x, [x.shape[0], ...config.targetShape!]) : null;
    default:
      return null;
  }
}

/** The model's layers in order, nested models expanded; null when a layer is unknown. */
function chain(model: tf.LayersModel): { layer: tf.layers.Layer; op: LayerOp }[] | null {
  const out: { layer: tf.layers.Layer; op: LayerOp }[] = [];
  for (const layer of model.layers) {
    if (layer instanceof tf.LayersModel) {
      const inner = chain(layer);
      if (!inner) return null;
      out.push(...inner);
      continue;
    }
    const op = layerOp(layer);
    if (!op) return null;
    out.push({ layer, op });
  }
  return out;
}

/**
 * Compiles a chain of Dense / Conv2D / MaxPooling2D / UpSampling2D / Flatten / Reshape layers (nested models included)
 * into direct fused ops: tfjs-layers spends about as long on its per-call bookkeeping as a small network's kernels take.
 * The compiled pass is checked once against model.apply on a small batch; null when the model is not such a chain or
 * the two disagree, and the caller keeps model.apply.
 */
export function compileForward(model: tf.LayersModel): DirectForward | null {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return null;
  const ops = chain(model);
  if (!ops || ops.length === 0) return null;
  const last = ops[ops.length - 1].layer;
  const sigmoidOutput = (last.getConfig() as LayerConfig).activation === 'sigmoid';
  const apply = (x: tf.Tensor, logits = false): tf.Tensor =>
    ops.reduce((h, { op }, i) => op(h, logits && i === ops.length - 1), x);
  const agrees = tf.tidy(() => {
    const shape = model.inputs[0].shape.map((d) => d ?? 2);
    const probe = tf.randomUniform(shape, 0, 1, 'float32', 7);
    try {
      const ours = apply(probe);
      const theirs = model.apply(probe) as tf.Tensor;
      return (
        tf.util.arraysEqual(ours.shape, theirs.shape) && tf.max(tf.abs(tf.sub(ours, theirs))).dataSync()[0] <= 1e-4
      );
    } catch {
      return false;
    }
  });
  return agrees ? { apply, sigmoidOutput } : null;
}
