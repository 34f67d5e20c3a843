import * as tf from '@tensorflow/tfjs';

/** The activations a dense autoencoder layer may use ('linear' = none). */
export type DenseActivation = 'relu' | 'sigmoid' | 'tanh' | 'linear';

/** Encoder sizes of the simple autoencoder of the Keras blog: 784 → 32 (the decoder mirrors it). */
export const SIMPLE_AUTOENCODER_SIZES: readonly number[] = [784, 32];
/** Encoder sizes of the Keras blog's deep autoencoder: 784-128-64-32 (mirrored: …-64-128-784). */
export const DEEP_AUTOENCODER_SIZES: readonly number[] = [784, 128, 64, 32];
/** Encoder sizes of Hinton & Salakhutdinov (2006), MNIST: 784-1000-500-250-30. */
export const HINTON_AUTOENCODER_SIZES: readonly number[] = [784, 1000, 500, 250, 30];

/** How to build a dense autoencoder. */
export interface DenseAutoencoderOptions {
  /** Encoder layer sizes, input first and code last, e.g. [784, 128, 64, 32]; the decoder mirrors them. */
  sizes: readonly number[];
  /** Activation of every hidden layer (default 'relu'). */
  hidden?: DenseActivation;
  /** Activation of the code layer (default: same as `hidden`; Hinton & Salakhutdinov use 'linear'). */
  code?: DenseActivation;
  /** Activation of the reconstruction (default 'sigmoid', for pixels in [0, 1] and cross-entropy). */
  output?: DenseActivation;
  /** Seed of the weight initialisers, so two builds start from the same weights. */
  seed?: number;
}

/** A dense autoencoder: the whole model plus its two halves, which share weights with it. */
export interface DenseAutoencoder {
  /** input → reconstruction; compile and fit this one. */
  autoencoder: tf.LayersModel;
  /** input → code. */
  encoder: tf.LayersModel;
  /** code → reconstruction. */
  decoder: tf.LayersModel;
  inputSize: number;
  codeSize: number;
}

function denseStack(
  sizes: readonly number[],
  activations: DenseActivation[],
  seed: number,
  name: string,
): tf.Sequential {
  const model = tf.sequential({ name });
  for (let i = 1; i < sizes.length; i++) {
    model.add(
      tf.layers.dense({
        units: sizes[i],
        activation: activations[i - 1],
        inputShape: i === 1 ? [sizes[0]] : undefined,
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        name: `${name}_dense_${i}`,
      }),
    );
  }
  return model;
}

/** Build a dense autoencoder from its encoder sizes; the decoder is the mirror image (untied weights). */
export function denseAutoencoder(options: DenseAutoencoderOptions): DenseAutoencoder {
  const { sizes, hidden = 'relu', output = 'sigmoid', seed = 1 } = options;
  const code = options.code ?? hidden;
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new Error(
      `denseAutoencoder: sizes must be at least [input, code] positive integers, got [${sizes.join(', ')}]`,
    );
  }
  const depth = sizes.length - 1;
  const encoderActs = Array.from({ length: depth }, (_, i) => (i === depth - 1 ? code : hidden));
  const decoderActs = Array.from({ length: depth }, (_, i) => (i === depth - 1 ? output : hidden));
  const encoder = denseStack(sizes, encoderActs, seed, 'encoder');
  const decoder = denseStack([...sizes].reverse(), decoderActs, seed + 1000, 'decoder');
  const input = tf.input({ shape: [sizes[0]] });
  const reconstruction = decoder.apply(encoder.apply(input)) as tf.SymbolicTensor;
  const autoencoder = tf.model({ inputs: input, outputs: reconstruction, name: 'autoencoder' });
  return { autoencoder, encoder, decoder, inputSize: sizes[0], codeSize: sizes[depth] };
}

/** A linear autoencoder input → k → input with no non-linearity anywhere (Baldi & Hornik 1989). */
export function linearAutoencoder(inputSize: number, codeSize: number, seed = 1): DenseAutoencoder {
  return denseAutoencoder({ sizes: [inputSize, codeSize], hidden: 'linear', output: 'linear', seed });
}

/** The decoder's last kernel as a [codeSize, inputSize] → transposed [inputSize, codeSize] tensor: the directions its
 * reconstructions are built from (for a linear autoencoder, the subspace it spans). */
export function decoderBasis(ae: DenseAutoencoder): tf.Tensor2D {
  const layers = ae.decoder.layers;
  const kernel = layers[layers.length - 1].getWeights()[0] as tf.Tensor2D;
  return tf.tidy(() => kernel.transpose());
}
