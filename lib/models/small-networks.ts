import * as tf from '@tensorflow/tfjs';

/** Options of {@link smallConvNet}. */
export interface SmallConvNetOptions {
  inputShape: [number, number, number];
  /** Filters of each 3×3 conv + 2×2 max-pool stage (default [16, 32]). */
  filters?: number[];
  /** Width of the dense layer after flattening (default 64); 0 for none. */
  dense?: number;
  /** Units of a final linear layer (logits or an embedding); omitted: the net ends at the dense features. */
  outputs?: number;
  seed?: number;
}

/**
 * A small CNN in the spirit of Keras mnist_transfer_cnn (conv → pool → … → flatten → dense), narrow enough to
 * train on two CPU cores in seconds. Layer order: the conv/pool stages, flatten, dense, then the output layer.
 */
export function smallConvNet(options: SmallConvNetOptions): tf.Sequential {
  const { inputShape, filters = [16, 32], dense = 64, outputs, seed = 0 } = options;
  let s = seed;
  const init = () => tf.initializers.glorotUniform({ seed: s++ });
  const model = tf.sequential();
  filters.forEach((f, i) => {
    model.add(
      tf.layers.conv2d({
        filters: f,
        kernelSize: 3,
        activation: 'relu',
        kernelInitializer: init(),
        ...(i === 0 ? { inputShape } : {}),
      }),
    );
    model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  });
  model.add(tf.layers.flatten());
  if (dense > 0) model.add(tf.layers.dense({ units: dense, activation: 'relu', kernelInitializer: init() }));
  if (outputs) model.add(tf.layers.dense({ units: outputs, kernelInitializer: init() }));
  return model;
}

/** Options of {@link mlpEncoder}. */
export interface MlpEncoderOptions {
  inputShape: number[];
  /** Width of each ReLU layer (default [128, 128, 128], the Keras mnist_siamese base network). */
  units?: number[];
  /** Dropout between layers (default 0.1, as in Keras mnist_siamese; 0 for none). */
  dropout?: number;
  seed?: number;
}

/** A fully connected encoder: flatten (for image inputs), then ReLU layers with dropout between them. */
export function mlpEncoder(options: MlpEncoderOptions): tf.Sequential {
  const { inputShape, units = [128, 128, 128], dropout = 0.1, seed = 0 } = options;
  const model = tf.sequential();
  const flat = inputShape.length > 1;
  if (flat) model.add(tf.layers.flatten({ inputShape }));
  units.forEach((u, i) => {
    if (i > 0 && dropout > 0) model.add(tf.layers.dropout({ rate: dropout, seed: seed + 100 + i }));
    const first = i === 0 && !flat ? { inputShape } : {};
    model.add(
      tf.layers.dense({
        units: u,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: seed + i }),
        ...first,
      }),
    );
  });
  return model;
}

/** Options of {@link denseHead}. */
export interface DenseHeadOptions {
  /** Widths of the ReLU layers before the output (default [64]). */
  hidden?: number[];
  /** Units of the final linear layer (logits). */
  outputs: number;
  seed?: number;
}

/** Fresh dense layers (ReLU hidden layers, then linear logits) to put on top of reused features. */
export function denseHead(options: DenseHeadOptions): tf.layers.Layer[] {
  const { hidden = [64], outputs, seed = 0 } = options;
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed + i });
  return [
    ...hidden.map((units, i) => tf.layers.dense({ units, activation: 'relu', kernelInitializer: init(i) })),
    tf.layers.dense({ units: outputs, kernelInitializer: init(hidden.length) }),
  ];
}
