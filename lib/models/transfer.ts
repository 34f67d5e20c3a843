import * as tf from '@tensorflow/tfjs';

/** The tf.Variable behind each trainable weight of a model (frozen layers excluded). */
export function trainableVariables(model: tf.LayersModel): tf.Variable[] {
  return model.trainableWeights.map((w) => w.read() as tf.Variable);
}

/**
 * Freeze layers so training leaves them unchanged: the first `which` layers, or those `which` selects.
 * Returns the names frozen. (model.fit needs a new compile() to see the change; custom loops see it at once.)
 */
export function freezeLayers(
  model: tf.LayersModel,
  which: number | ((layer: tf.layers.Layer, index: number) => boolean),
): string[] {
  const frozen: string[] = [];
  model.layers.forEach((layer, i) => {
    const freeze = typeof which === 'number' ? i < which : which(layer, i);
    if (freeze && layer.trainable) {
      layer.trainable = false;
      frozen.push(layer.name);
    }
  });
  return frozen;
}

/** Make every layer trainable again (fine-tuning everything). */
export function unfreezeAll(model: tf.LayersModel): void {
  for (const layer of model.layers) layer.trainable = true;
}

/** Variables that train at `multiplier` × the base learning rate. */
export interface ParamGroup {
  variables: tf.Variable[];
  multiplier: number;
}

/**
 * Group a model's trainable weights by the multiplier `rule` gives each (e.g. new layers' kernels 10, their biases 20,
 * the source layers 1). Weights of frozen layers are left out.
 */
export function groupByMultiplier(
  model: tf.LayersModel,
  rule: (layer: tf.layers.Layer, weight: tf.LayerVariable) => number,
): ParamGroup[] {
  const groups = new Map<number, tf.Variable[]>();
  for (const layer of model.layers) {
    for (const weight of layer.trainableWeights) {
      const m = rule(layer, weight);
      groups.set(m, [...(groups.get(m) ?? []), weight.read() as tf.Variable]);
    }
  }
  return [...groups].map(([multiplier, variables]) => ({ multiplier, variables }));
}

/** Anything that applies a map of gradients by variable name: a tf.Optimizer or a {@link GroupedOptimizer}. */
export interface GradientApplier {
  applyGradients(gradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void;
}

/** Per-group learning rates behind one applyGradients. */
export interface GroupedOptimizer extends GradientApplier {
  /** The optimizer of each group (null where the multiplier is 0: that group never moves). */
  optimizers: (tf.Optimizer | null)[];
  /** The groups, in the order of `optimizers`. */
  groups: ParamGroup[];
  /** The rate before multipliers. */
  baseLearningRate: number;
  dispose(): void;
}

/**
 * Per-parameter-group learning rates for any tfjs optimizer: one optimizer per group, made by `make(baseLr × multiplier)`.
 * Scaling the gradients instead would be exact only for SGD: Adam and RMSprop divide the scale back out.
 * A gradient for a variable in no group is an error, so nothing trains by accident.
 */
export function groupedOptimizer(
  make: (learningRate: number) => tf.Optimizer,
  baseLr: number,
  groups: ParamGroup[],
): GroupedOptimizer {
  const owner = new Map<string, number>();
  groups.forEach((g, gi) =>
    g.variables.forEach((v) => {
      if (owner.has(v.name)) throw new Error(`groupedOptimizer: variable ${v.name} is in two groups`);
      owner.set(v.name, gi);
    }),
  );
  const optimizers = groups.map((g) => (g.multiplier === 0 ? null : make(baseLr * g.multiplier)));
  return {
    optimizers,
    groups,
    baseLearningRate: baseLr,
    applyGradients(gradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
      const perGroup: tf.NamedTensorMap[] = groups.map(() => ({}));
      const entries = Array.isArray(gradients)
        ? gradients.map((g): [string, tf.Tensor] => [g.name, g.tensor])
        : Object.entries(gradients);
      for (const [name, grad] of entries) {
        const gi = owner.get(name);
        if (gi === undefined) throw new Error(`groupedOptimizer: gradient for ${name}, which is in no group`);
        perGroup[gi][name] = grad;
      }
      perGroup.forEach((g, gi) => {
        if (Object.keys(g).length) optimizers[gi]?.applyGradients(g);
      });
    },
    dispose(): void {
      for (const o of optimizers) o?.dispose();
    },
  };
}

/** A copy of a model with its own variables (same architecture, weights copied), so each experiment changes only its copy. */
export async function cloneModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  const topology = model.toJSON(null, false) as tf.io.ModelJSON['modelTopology'];
  const copy = await tf.models.modelFromJSON({ modelTopology: topology });
  // Layer by layer: getWeights() lists trainable weights first, so its order changes with freezing.
  model.layers.forEach((layer, i) => copy.layers[i].setWeights(layer.getWeights()));
  return copy;
}

/** The model up to and including layer `keep − 1` (layers shared, not copied): the frozen-feature extractor. */
export function truncateModel(model: tf.LayersModel, keep: number): tf.LayersModel {
  if (keep < 1 || keep > model.layers.length)
    throw new Error(`truncateModel: keep must be 1..${model.layers.length}, got ${keep}`);
  return tf.model({ inputs: model.inputs, outputs: model.layers[keep - 1].output });
}

/** The first `keep` layers of `source` (shared, not copied) followed by `newLayers`: the network a transfer trains. */
export function withNewHead(source: tf.LayersModel, keep: number, newLayers: tf.layers.Layer[]): tf.LayersModel {
  let out = truncateModel(source, keep).outputs[0];
  for (const layer of newLayers) out = layer.apply(out) as tf.SymbolicTensor;
  return tf.model({ inputs: source.inputs, outputs: out });
}
