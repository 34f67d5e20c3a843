import * as tf from '@tensorflow/tfjs';
import { pair, type LayerConfig } from '../layer-config';
import type { GraphOutput } from './addon';
import type { GraphBuilder } from './builder';

/** A weight of the model and the graph output that reads it. */
export interface GraphWeight {
  variable: tf.LayerVariable;
  trainable: boolean;
}

/** One layer as a function on graph outputs: its weights (as read in the graph) in, its output out. */
type LayerGraph = (
  g: GraphBuilder,
  x: GraphOutput,
  weights: GraphOutput[],
  logits: boolean,
  training: boolean,
) => GraphOutput;

/** A model the graph trainer can build: its layers in order and every weight they read. */
export interface GraphChain {
  layers: { build: LayerGraph; weights: number[] }[];
  weights: GraphWeight[];
  /** The last layer ends in a sigmoid: binary cross-entropy can be taken from its logits. */
  sigmoidOutput: boolean;
}

const ACTIVATIONS: Record<string, string | null> = {
  linear: null,
  relu: 'Relu',
  sigmoid: 'Sigmoid',
  tanh: 'Tanh',
  elu: 'Elu',
  relu6: 'Relu6',
  softplus: 'Softplus',
};

/** The activation op after a layer (none for linear, or for a sigmoid whose logits are asked for). */
function activate(g: GraphBuilder, h: GraphOutput, activation: string, logits: boolean): GraphOutput {
  const op = ACTIVATIONS[activation];
  if (!op || (logits && activation === 'sigmoid')) return h;
  return g.op(op, [h]);
}

/** Output shape of a layer without the batch axis. */
function outputShape(layer: tf.layers.Layer): number[] {
  const shape = layer.outputShape as (number | null)[];
  return shape.slice(1).map((d) => d ?? -1);
}

/** The graph of one layer, or a reason it has none. */
function layerGraph(layer: tf.layers.Layer): LayerGraph | string {
  const name = layer.getClassName();
  const config = layer.getConfig() as LayerConfig;
  const activation = config.activation ?? 'linear';
  if (!(activation in ACTIVATIONS)) return `${name} with activation ${activation}`;
  if (config.dataFormat && config.dataFormat !== 'channelsLast') return `${name} with dataFormat ${config.dataFormat}`;
  switch (name) {
    case 'InputLayer':
      return (_g, x) => x;
    case 'Dense':
      if ((layer.input as tf.SymbolicTensor).shape.length !== 2) return 'Dense on inputs of rank > 2';
      return (g, x, [kernel, bias], logits) => {
        let h = g.op('MatMul', [x, kernel]);
        if (bias) h = g.op('BiasAdd', [h, bias]);
        return activate(g, h, activation, logits);
      };
    case 'Conv2D': {
      const [sh, sw] = pair(config.strides, 1);
      const [dh, dw] = pair(config.dilationRate, 1);
      const padding = (config.padding ?? 'valid').toUpperCase();
      return (g, x, [filter, bias], logits) => {
        let h = g.op(
          'Conv2D',
          [x, filter],
          [
            ['strides', 'ints', [1, sh, sw, 1]],
            ['dilations', 'ints', [1, dh, dw, 1]],
            ['padding', 'string', padding],
          ],
        );
        if (bias) h = g.op('BiasAdd', [h, bias]);
        return activate(g, h, activation, logits);
      };
    }
    case 'Conv1D': {
      // TensorFlow has no Conv1D kernel either: tf.nn.conv1d is a Conv2D over a height of 1, as here.
      const [stride] = pair(config.strides, 1);
      const [dilation] = pair(config.dilationRate, 1);
      const padding = (config.padding ?? 'valid').toUpperCase();
      if (padding !== 'SAME' && padding !== 'VALID') return `Conv1D with ${config.padding} padding`;
      return (g, x, [filter, bias], logits) => {
        const wide = g.op(
          'Conv2D',
          [g.op('ExpandDims', [x, g.axis(1)]), g.op('ExpandDims', [filter, g.axis(0)])],
          [
            ['strides', 'ints', [1, 1, stride, 1]],
            ['dilations', 'ints', [1, 1, dilation, 1]],
            ['padding', 'string', padding],
          ],
        );
        let h = g.op('Squeeze', [wide], [['squeeze_dims', 'ints', [1]]]);
        if (bias) h = g.op('BiasAdd', [h, bias]);
        return activate(g, h, activation, logits);
      };
    }
    case 'GlobalAveragePooling1D':
      return (g, x) => g.op('Mean', [x, g.ints([1])]);
    case 'GlobalAveragePooling2D':
      return (g, x) => g.op('Mean', [x, g.ints([1, 2])]);
    case 'MaxPooling2D': {
      const [ph, pw] = pair(config.poolSize, 2);
      const [sh, sw] = config.strides === undefined || config.strides === null ? [ph, pw] : pair(config.strides, 1);
      const padding = (config.padding ?? 'valid').toUpperCase();
      return (g, x) =>
        g.op(
          'MaxPool',
          [x],
          [
            ['ksize', 'ints', [1, ph, pw, 1]],
            ['strides', 'ints', [1, sh, sw, 1]],
            ['padding', 'string', padding],
          ],
        );
    }
    case 'UpSampling2D': {
      if ((config.interpolation ?? 'nearest') !== 'nearest') return `UpSampling2D with ${config.interpolation}`;
      const [h, w] = outputShape(layer);
      if (h < 0 || w < 0) return 'UpSampling2D of unknown size';
      return (g, x) => g.op('ResizeNearestNeighbor', [x, g.ints([h, w])]);
    }
    case 'Flatten':
    case 'Reshape': {
      const shape = outputShape(layer);
      if (shape.some((d) => d < 0)) return `${name} of unknown size`;
      return (g, x) => g.op('Reshape', [x, g.ints([-1, ...shape])]);
    }
    case 'Dropout': {
      const { noiseShape, seed } = config as { noiseShape?: unknown; seed?: number };
      if (noiseShape) return 'Dropout with a noise shape';
      // A seeded tfjs Dropout draws the same mask at every step; the lessons' results are calibrated on that.
      if (seed !== undefined && seed !== null) return 'Dropout with a seed (tfjs reuses one mask every step)';
      const keep = 1 - (config.rate ?? 0);
      // tf.dropout's mask: floor(U[0,1) + keep) / keep, drawn anew each step (tfjs draws its own: same law, other draws).
      return (g, x, _w, _logits, training) => {
        if (!training || keep >= 1) return x;
        const noise = g.op('RandomUniform', [g.op('Shape', [x])], [['dtype', 'type', 'float32']]);
        const mask = g.op('Floor', [g.op('AddV2', [noise, g.scalar(keep)])]);
        return g.op('Mul', [x, g.op('Mul', [mask, g.scalar(1 / keep)])]);
      };
    }
    case 'Activation':
      return (g, x, _w, logits) => activate(g, x, activation, logits);
    default:
      return name;
  }
}

/** The model's layers as graph builders (nested models expanded), or why it cannot be built. */
export function graphChain(model: tf.LayersModel): GraphChain | string {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) return 'a model with several inputs or outputs';
  const chain: GraphChain = { layers: [], weights: [], sigmoidOutput: false };
  let last: tf.layers.Layer | null = null;
  const visit = (m: tf.LayersModel): string | null => {
    for (const layer of m.layers) {
      if (layer instanceof tf.LayersModel) {
        const inner = visit(layer);
        if (inner) return inner;
        continue;
      }
      if (layer.inboundNodes.length > 1) return `layer ${layer.name} used twice`;
      const build = layerGraph(layer);
      if (typeof build === 'string') return `layer ${build} (${layer.name})`;
      const weights = layer.weights.map((variable) => {
        chain.weights.push({ variable, trainable: layer.trainable && variable.trainable });
        return chain.weights.length - 1;
      });
      chain.layers.push({ build, weights });
      last = layer;
    }
    return null;
  };
  const reason = visit(model);
  if (reason) return reason;
  if (!last) return 'a model without layers';
  chain.sigmoidOutput = ((last as tf.layers.Layer).getConfig() as LayerConfig).activation === 'sigmoid';
  return chain;
}

/** The chain's forward pass on `x`, reading weights from `reads`; with `logits`, the last sigmoid left out. */
export function forwardGraph(
  g: GraphBuilder,
  chain: GraphChain,
  reads: GraphOutput[],
  x: GraphOutput,
  logits = false,
  training = true,
): GraphOutput {
  return chain.layers.reduce(
    (h, { build, weights }, i) =>
      build(
        g,
        h,
        weights.map((w) => reads[w]),
        logits && i === chain.layers.length - 1,
        training,
      ),
    x,
  );
}
