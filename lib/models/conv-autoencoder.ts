// Convolutional autoencoders on small images: the Keras blog model ("Building Autoencoders in Keras", Chollet 2016)
// and one shared encoder with three ways back up — max-unpooling with switches, repeating values (nearest
// upsampling) and transposed convolution — so a lesson can compare the decoders and nothing else.
import * as tf from '@tensorflow/tfjs';
import { maxPoolingWithSwitchesLayer, MaxUnpooling2D } from './unpooling';

/** How the decoder goes back up one pooling step. */
export type UpsamplingKind = 'unpool' | 'nearest' | 'transposed';

/** A convolutional autoencoder: the whole model (fit this) and the encoder half, which shares its weights. */
export interface ConvAutoencoder {
  autoencoder: tf.LayersModel;
  /** image → code [4, 4, 8] for 28×28 inputs (the Keras blog's "128-dimensional" representation). */
  encoder: tf.LayersModel;
  codeShape: number[];
  /** code (+ for 'unpool' the switches of each level, shallowest first) → image, sharing the autoencoder's weights. */
  decoder?: tf.LayersModel;
  /** image → the switches of each pooling level, shallowest first ('unpool' only). */
  switches?: tf.LayersModel;
}

/** Options shared by the builders. */
export interface ConvAutoencoderOptions {
  /** Image shape [H, W, C] (default [28, 28, 1]). */
  inputShape?: [number, number, number];
  /** Filters of the encoder's 3×3 convolutions, each followed by 2×2 max-pooling (default [16, 8, 8], the blog's). */
  filters?: number[];
  /** Seed of the weight initialisers, so the three decoders start from the same encoder weights. */
  seed?: number;
}

const KERNEL = 3;

function conv(
  filters: number,
  activation: 'relu' | 'sigmoid',
  seed: number,
  name: string,
  padding: 'same' | 'valid' = 'same',
): tf.layers.Layer {
  return tf.layers.conv2d({
    filters,
    kernelSize: KERNEL,
    padding,
    activation,
    kernelInitializer: tf.initializers.glorotUniform({ seed }),
    name,
  });
}

/**
 * The Keras blog's convolutional autoencoder, layer for layer: conv16-pool-conv8-pool-conv8-pool (code 4×4×8), then
 * conv8-up-conv8-up-conv16(valid, 16→14)-up-conv1(sigmoid); reported to reach 0.094 BCE after 50 epochs on MNIST.
 */
export function kerasBlogConvAutoencoder(options: ConvAutoencoderOptions = {}): ConvAutoencoder {
  const { inputShape = [28, 28, 1], seed = 1 } = options;
  const input = tf.input({ shape: inputShape });
  let x: tf.SymbolicTensor = input;
  [16, 8, 8].forEach((f, i) => {
    x = conv(f, 'relu', seed + i, `enc_conv_${i + 1}`).apply(x) as tf.SymbolicTensor;
    x = tf.layers
      .maxPooling2d({ poolSize: 2, padding: 'same', name: `enc_pool_${i + 1}` })
      .apply(x) as tf.SymbolicTensor;
  });
  const code = x;
  x = conv(8, 'relu', seed + 10, 'dec_conv_1').apply(x) as tf.SymbolicTensor;
  x = tf.layers.upSampling2d({ size: [2, 2], name: 'dec_up_1' }).apply(x) as tf.SymbolicTensor;
  x = conv(8, 'relu', seed + 11, 'dec_conv_2').apply(x) as tf.SymbolicTensor;
  x = tf.layers.upSampling2d({ size: [2, 2], name: 'dec_up_2' }).apply(x) as tf.SymbolicTensor;
  x = conv(16, 'relu', seed + 12, 'dec_conv_3', 'valid').apply(x) as tf.SymbolicTensor; // 16×16 → 14×14: back on the 28 grid
  x = tf.layers.upSampling2d({ size: [2, 2], name: 'dec_up_3' }).apply(x) as tf.SymbolicTensor;
  const out = conv(inputShape[2], 'sigmoid', seed + 13, 'dec_conv_out').apply(x) as tf.SymbolicTensor;
  return finish(input, code, out, 'keras_blog_conv_ae');
}

/**
 * The blog's encoder with a mirrored decoder whose only difference is how it goes up a pooling step:
 * 'unpool' puts values back where the encoder's maxima were (switches), zeros elsewhere; 'nearest' repeats each
 * value over its 2×2 block; 'transposed' learns the upsampling as a stride-2 transposed convolution (which then
 * also does the job of the convolution that follows 'unpool' / 'nearest'). Sizes retrace the encoder (4→7→14→28).
 */
export function convAutoencoder(kind: UpsamplingKind, options: ConvAutoencoderOptions = {}): ConvAutoencoder {
  const { inputShape = [28, 28, 1], filters = [16, 8, 8], seed = 1 } = options;
  const input = tf.input({ shape: inputShape });
  let x: tf.SymbolicTensor = input;
  const switches: tf.SymbolicTensor[] = [];
  const sizes: number[][] = [];
  filters.forEach((f, i) => {
    x = conv(f, 'relu', seed + i, `enc_conv_${i + 1}`).apply(x) as tf.SymbolicTensor;
    sizes.push([x.shape[1]!, x.shape[2]!]);
    if (kind === 'unpool') {
      const pooled = maxPoolingWithSwitchesLayer(x, 2, `enc_pool_${i + 1}`);
      switches.push(pooled.switches);
      x = pooled.pooled;
    } else {
      x = tf.layers
        .maxPooling2d({ poolSize: 2, padding: 'same', name: `enc_pool_${i + 1}` })
        .apply(x) as tf.SymbolicTensor;
    }
  });
  const code = x;
  const decode = mirroredDecoder(kind, filters, inputShape[2], sizes, seed);
  const ae = finish(input, code, decode(code, switches), `conv_ae_${kind}`);
  // The same decoder layers on fresh inputs: code (and, for 'unpool', the switches of each level, deepest last).
  const codeIn = tf.input({ shape: code.shape.slice(1) });
  const switchesIn = switches.map((s) => tf.input({ shape: s.shape.slice(1) }));
  ae.decoder = tf.model({
    inputs: [codeIn, ...switchesIn],
    outputs: decode(codeIn, switchesIn),
    name: `conv_ae_${kind}_decoder`,
  });
  if (kind === 'unpool') ae.switches = tf.model({ inputs: input, outputs: switches, name: 'conv_ae_unpool_switches' });
  return ae;
}

/** The decoder as a function of (code, switches), building its layers once so every call shares the weights. */
function mirroredDecoder(
  kind: UpsamplingKind,
  filters: number[],
  channels: number,
  sizes: number[][],
  seed: number,
): (code: tf.SymbolicTensor, switches: tf.SymbolicTensor[]) => tf.SymbolicTensor {
  const stages = filters.map((_, stage) => {
    const i = filters.length - 1 - stage; // the encoder level this stage undoes
    const outFilters = i > 0 ? filters[i - 1] : channels;
    const activation = i > 0 ? 'relu' : 'sigmoid';
    const name = stage + 1;
    const [h, w] = sizes[i];
    if (kind === 'transposed') {
      const up = tf.layers.conv2dTranspose({
        filters: outFilters,
        kernelSize: KERNEL,
        strides: 2,
        padding: 'same',
        activation,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 10 + name }),
        name: `dec_convT_${name}`,
      });
      const crop = cropLayer(h, w, `dec_crop_${name}`);
      return (x: tf.SymbolicTensor) => applyCrop(crop, up.apply(x) as tf.SymbolicTensor);
    }
    const after = conv(outFilters, activation, seed + 10 + name, `dec_conv_${name}`);
    if (kind === 'unpool') {
      const unpool = new MaxUnpooling2D({ pool: 2, name: `dec_unpool_${name}` });
      return (x: tf.SymbolicTensor, s?: tf.SymbolicTensor) => after.apply(unpool.apply([x, s!])) as tf.SymbolicTensor;
    }
    const up = tf.layers.upSampling2d({ size: [2, 2], name: `dec_up_${name}` });
    const crop = cropLayer(h, w, `dec_crop_${name}`);
    return (x: tf.SymbolicTensor) =>
      after.apply(applyCrop(crop, up.apply(x) as tf.SymbolicTensor)) as tf.SymbolicTensor;
  });
  return (code, switches) => stages.reduce((x, stage, k) => stage(x, switches[filters.length - 1 - k]), code);
}

// An odd size was padded at the bottom/right by 'same' pooling (7 → 4); going up gives 8, so drop that last row/column.
function cropLayer(h: number, w: number, name: string): tf.layers.Layer | null {
  return h % 2 || w % 2
    ? tf.layers.cropping2D({
        cropping: [
          [0, h % 2],
          [0, w % 2],
        ],
        name,
      })
    : null;
}

function applyCrop(crop: tf.layers.Layer | null, x: tf.SymbolicTensor): tf.SymbolicTensor {
  return crop ? (crop.apply(x) as tf.SymbolicTensor) : x;
}

function finish(
  input: tf.SymbolicTensor,
  code: tf.SymbolicTensor,
  out: tf.SymbolicTensor,
  name: string,
): ConvAutoencoder {
  const autoencoder = tf.model({ inputs: input, outputs: out, name });
  const encoder = tf.model({ inputs: input, outputs: code, name: `${name}_encoder` });
  return { autoencoder, encoder, codeShape: code.shape.slice(1) as number[] };
}

/** Parameter count of a model (its trainable weights), for comparing decoders of different kinds. */
export function trainableParameterCount(model: tf.LayersModel): number {
  return model.trainableWeights.reduce((n, w) => n + (w.shape as number[]).reduce((a, b) => a * b, 1), 0);
}
