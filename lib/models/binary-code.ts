// A code layer pushed to binary, for semantic hashing (Salakhutdinov & Hinton 2009; Krizhevsky & Hinton 2011).
// Two ways to train through a layer whose output is meant to be 0/1:
//  - 'noisy-sigmoid': logistic code units with Gaussian noise added to their input while training. To get its
//    message through the noise the encoder drives the inputs far from 0, so the activities become bimodal and
//    rounding them afterwards loses little.
//  - 'straight-through': the forward pass emits the rounded bits themselves; the backward pass pretends it was the
//    sigmoid (the straight-through estimator, Bengio et al. 2013), since the step function's gradient is zero.
// Outside training both emit hard bits, so the decoder sees exactly the codes the search uses.
import * as tf from '@tensorflow/tfjs';
import { denseAutoencoder } from './autoencoder';

/** How the code layer is trained towards binary outputs. */
export type BinarizeMode = 'noisy-sigmoid' | 'straight-through';

/** Bits of a code layer's pre-activations: 1 where sigmoid(z) > 0.5, i.e. z > 0. */
export function roundedBits(z: tf.Tensor): tf.Tensor {
  return tf.tidy(() => tf.step(z));
}

/** Forward: the bits step(z); backward: the sigmoid's gradient, dy · σ(z)(1 − σ(z)). */
export const straightThroughBits = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const z = args[0] as tf.Tensor;
  const save = args[1] as tf.GradSaveFunc;
  save([z]);
  return {
    value: tf.step(z),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const s = tf.sigmoid(saved[0]);
      return [dy.mul(s).mul(tf.sub(1, s))];
    },
  };
});

/** sigmoid(z + noise), noise ~ N(0, std²) drawn with `seed`. */
export function noisySigmoid(z: tf.Tensor, std: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.sigmoid(tf.add(z, tf.randomNormal(z.shape, 0, std, 'float32', seed))));
}

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];

/** Settings of {@link BinaryCodeLayer}. */
export interface BinaryCodeArgs {
  mode?: BinarizeMode;
  /** Standard deviation of the training noise in 'noisy-sigmoid' mode (default 4). */
  noiseStd?: number;
  /** First noise seed; each training call uses the next one, so runs repeat exactly. */
  seed?: number;
}

/** A code layer whose input is the pre-activation z: while training it applies `mode`, otherwise it emits step(z). */
export class BinaryCodeLayer extends tf.layers.Layer {
  static className = 'BinaryCodeLayer';
  readonly mode: BinarizeMode;
  readonly noiseStd: number;
  readonly seed: number;
  private calls = 0;

  constructor(args: LayerArgs & BinaryCodeArgs = {}) {
    super(args);
    this.mode = args.mode ?? 'noisy-sigmoid';
    this.noiseStd = args.noiseStd ?? 4;
    this.seed = args.seed ?? 1;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: { training?: boolean }): tf.Tensor {
    const z = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs.training) return roundedBits(z);
    if (this.mode === 'straight-through') return straightThroughBits(z);
    return noisySigmoid(z, this.noiseStd, this.seed + this.calls++);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), mode: this.mode, noiseStd: this.noiseStd, seed: this.seed };
  }
}
tf.serialization.registerClass(BinaryCodeLayer);

/** A dense autoencoder whose code is binary: encoder (linear code layer) → {@link BinaryCodeLayer} → decoder. */
export interface BinaryCodeAutoencoder {
  /** input → reconstruction; train this (with `training: true` so the code layer binarizes its way). */
  autoencoder: tf.LayersModel;
  /** input → bits (0/1 floats) outside training. */
  encoder: tf.LayersModel;
  /** input → code pre-activations z (bit = z > 0), to look at how bimodal training made them. */
  preActivations: tf.LayersModel;
  bits: number;
}

/** Options of {@link binaryCodeAutoencoder}. */
export interface BinaryCodeAutoencoderOptions extends BinaryCodeArgs {
  /** Encoder sizes, input first and code (the bit count) last, e.g. [784, 512, 256]. */
  sizes: readonly number[];
}

/** Build a dense autoencoder with a binary code of sizes[sizes.length − 1] bits (hidden layers ReLU, output sigmoid). */
export function binaryCodeAutoencoder(options: BinaryCodeAutoencoderOptions): BinaryCodeAutoencoder {
  const { sizes, mode = 'noisy-sigmoid', noiseStd = 4, seed = 1 } = options;
  const dense = denseAutoencoder({ sizes, hidden: 'relu', code: 'linear', output: 'sigmoid', seed });
  const input = tf.input({ shape: [sizes[0]] });
  const z = dense.encoder.apply(input) as tf.SymbolicTensor;
  const bits = new BinaryCodeLayer({ mode, noiseStd, seed, name: 'binary_code' }).apply(z) as tf.SymbolicTensor;
  const out = dense.decoder.apply(bits) as tf.SymbolicTensor;
  return {
    autoencoder: tf.model({ inputs: input, outputs: out, name: `binary_ae_${dense.codeSize}` }),
    encoder: tf.model({ inputs: input, outputs: bits, name: `binary_encoder_${dense.codeSize}` }),
    preActivations: dense.encoder,
    bits: dense.codeSize,
  };
}
