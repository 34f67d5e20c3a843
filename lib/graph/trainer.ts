import * as tf from '@tensorflow/tfjs';
import type { GraphFeed, GraphOutput } from './addon';
import { graphBuilder, type GraphBuilder } from './builder';
import { forwardGraph, graphChain, type GraphChain } from './layers';
import type { GraphLoss } from './losses';
import { lossGraph } from './losses';

/** The optimizer the graph runs: Adam (tf.train.adam's update, state included) or plain SGD. */
export type GraphOptimizerSpec =
  | {
      kind: 'adam';
      learningRate: number;
      beta1: number;
      beta2: number;
      epsilon: number;
      /** Steps already taken (bias correction continues from there). */
      iterations: number;
      /** Adam's moments per trainable weight (in the model's trainable-weight order), when it has any. */
      moments?: ({ m: Float32Array; v: Float32Array } | null)[];
    }
  | { kind: 'sgd'; learningRate: number };

/** Options of {@link createGraphTrainer}. */
export interface GraphTrainerOptions {
  loss: GraphLoss;
  optimizer: GraphOptimizerSpec;
  /** Learning-rate multiplier per trainable weight (per-parameter-group rates); default 1 each. */
  rateScales?: number[];
  /** TensorFlow's intra-op threads (default TF_NUM_INTRAOP_THREADS, else TensorFlow's own choice). */
  threads?: number;
}

/** A model's training step as one TensorFlow graph: forward pass, loss, gradients and optimizer update. */
export interface GraphTrainer {
  /** Per example, the values each input expects (1 for contrastive's `same`). */
  inputSizes: number[];
  /** One optimizer step on a batch of `batch` examples (inputs in the loss's order); returns the batch's mean loss. */
  step(inputs: Float32Array[], batch: number): number;
  /** The loss of a batch without training. */
  evaluate(inputs: Float32Array[], batch: number): number;
  /** The model's output for a batch of inputs (as model.apply in training mode). */
  forward(x: Float32Array, batch: number): Float32Array;
  /** Copies the graph's weights into the model's variables. */
  writeBack(): void;
  /** Adam's state now (null for SGD): to hand back to the tfjs optimizer. */
  adamState(): { iterations: number; moments: { m: Float32Array; v: Float32Array }[] } | null;
  dispose(): void;
}

const FLOAT: ['dtype', 'type', 'float32'] = ['dtype', 'type', 'float32'];

/** A resource variable of `shape`, the placeholder that sets it, the op that does, and its read. */
function variable(g: GraphBuilder, shape: number[], name: string) {
  const handle = g.op('VarHandleOp', [], [FLOAT, ['shape', 'shape', shape], ['shared_name', 'string', name]], name);
  const value = g.placeholder(shape, `${name}_value`);
  const assign = g.op('AssignVariableOp', [handle, value], [FLOAT], `${name}_assign`);
  const read = g.op('ReadVariableOp', [handle], [FLOAT], `${name}_read`);
  return { handle, value, assign: assign[0], read, shape };
}

function threadsFromEnv(name: string): number {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * Builds the training graph of `model` (a chain {@link graphChain} covers) with `loss` and the optimizer, opens a
 * session and copies the model's weights in. Returns why not, as one line, when the model or loss is not covered.
 */
export function createGraphTrainer(
  addonLike: { addon: import('./addon').GraphAddon },
  model: tf.LayersModel,
  options: GraphTrainerOptions,
): GraphTrainer | string {
  const chain = graphChain(model);
  if (typeof chain === 'string') return chain;
  if (options.loss.kind === 'binaryCrossentropy' && !chain.sigmoidOutput)
    return 'binary cross-entropy on a model that does not end in a sigmoid';
  const inShape = model.inputs[0].shape.slice(1).map((d) => d ?? -1);
  if (inShape.some((d) => d < 0)) return 'an input of unknown size';
  const outShape = model.outputs[0].shape.slice(1).map((d) => d ?? -1);
  const g = graphBuilder(addonLike.addon);
  try {
    return build(g, chain, inShape, outShape, options);
  } catch (err) {
    return `the graph could not be built: ${(err as Error).message.split('\n')[0]}`;
  }
}

function build(
  g: GraphBuilder,
  chain: GraphChain,
  inShape: number[],
  outShape: number[],
  options: GraphTrainerOptions,
): GraphTrainer {
  const { addon, handle } = g;
  const weights = chain.weights.map((w, i) => variable(g, w.variable.shape as number[], `w${i}`));
  const reads = weights.map((w) => w.read);
  const trainable = chain.weights.map((w, i) => (w.trainable ? i : -1)).filter((i) => i >= 0);
  const x = g.placeholder([-1, ...inShape], 'x');
  const forward = (input: GraphOutput, logits = false): GraphOutput => forwardGraph(g, chain, reads, input, logits);
  const plain = forward(x);
  const objective = lossGraph(g, options.loss, forward, inShape, outShape);
  const grads = addon.addGradients(
    handle,
    [objective.loss],
    trainable.map((i) => reads[i]),
    'gradients',
  );
  const spec = options.optimizer;
  const scales = options.rateScales ?? trainable.map(() => 1);
  if (scales.length !== trainable.length)
    throw new Error(`${scales.length} learning-rate scales for ${trainable.length} trainable weights`);
  const lr = g.placeholder([], 'lr');
  const updates: string[] = [];
  const slots: { m: ReturnType<typeof variable>; v: ReturnType<typeof variable> }[] = [];
  const adamFeeds =
    spec.kind === 'adam'
      ? [g.placeholder([], 'beta1_power'), g.placeholder([], 'beta2_power'), g.placeholder([], 'epsilon_hat')]
      : [];
  trainable.forEach((w, k) => {
    const rate = scales[k] === 1 ? lr : g.op('Mul', [lr, g.scalar(scales[k])]);
    if (spec.kind === 'sgd') {
      updates.push(
        g.op('ResourceApplyGradientDescent', [weights[w].handle, rate, grads[k]], [['T', 'type', 'float32']], 'sgd')[0],
      );
      return;
    }
    const m = variable(g, weights[w].shape, `m${w}`);
    const v = variable(g, weights[w].shape, `v${w}`);
    slots.push({ m, v });
    const [b1p, b2p, eps] = adamFeeds;
    updates.push(
      g.op(
        'ResourceApplyAdam',
        [
          weights[w].handle,
          m.handle,
          v.handle,
          b1p,
          b2p,
          rate,
          g.scalar(spec.beta1),
          g.scalar(spec.beta2),
          eps,
          grads[k],
        ],
        [
          ['T', 'type', 'float32'],
          ['use_locking', 'bool', false],
          ['use_nesterov', 'bool', false],
        ],
        'adam',
      )[0],
    );
  });
  addon.openSession(
    handle,
    options.threads ?? threadsFromEnv('TF_NUM_INTRAOP_THREADS'),
    threadsFromEnv('TF_NUM_INTEROP_THREADS'),
  );
  // The model's weights (and the optimizer's moments, when it has some) in.
  const init: GraphFeed[] = weights.map((w, i) => [
    w.value,
    chain.weights[i].variable.read().dataSync() as Float32Array,
    w.shape,
  ]);
  slots.forEach(({ m, v }, k) => {
    const given = spec.kind === 'adam' ? spec.moments?.[k] : null;
    const size = m.shape.reduce((a, b) => a * b, 1);
    init.push(
      [m.value, given?.m ?? new Float32Array(size), m.shape],
      [v.value, given?.v ?? new Float32Array(size), v.shape],
    );
  });
  addon.run(handle, init, [], [...weights.map((w) => w.assign), ...slots.flatMap(({ m, v }) => [m.assign, v.assign])]);
  let iterations = spec.kind === 'adam' ? spec.iterations : 0;
  const inputSizes = objective.inputs.map((p) => p.size);
  const feedsOf = (inputs: Float32Array[], batch: number): GraphFeed[] => {
    if (inputs.length !== objective.inputs.length)
      throw new Error(`graph trainer: ${inputs.length} inputs, expected ${objective.inputs.length}`);
    return objective.inputs.map((p, i) => [p.output, inputs[i], [batch, ...p.shape]]);
  };
  return {
    inputSizes,
    step(inputs, batch) {
      const feeds = feedsOf(inputs, batch);
      feeds.push([lr, Float32Array.of(spec.learningRate), []]);
      if (spec.kind === 'adam') {
        const t = iterations + 1;
        // ResourceApplyAdam puts ε beside sqrt(v) before the bias correction of v; tf.train.adam after it:
        // ε·sqrt(1 − β2^t) here gives tf.train.adam's update exactly.
        const correction2 = 1 - Math.pow(spec.beta2, t);
        feeds.push(
          [adamFeeds[0], Float32Array.of(Math.pow(spec.beta1, t)), []],
          [adamFeeds[1], Float32Array.of(Math.pow(spec.beta2, t)), []],
          [adamFeeds[2], Float32Array.of(spec.epsilon * Math.sqrt(correction2)), []],
        );
      }
      const [loss] = addon.run(handle, feeds, [objective.loss], updates);
      iterations++;
      return loss[0];
    },
    evaluate: (inputs, batch) => addon.run(handle, feedsOf(inputs, batch), [objective.loss], [])[0][0],
    forward: (data, batch) => addon.run(handle, [[x, data, [batch, ...inShape]]], [plain], [])[0],
    writeBack() {
      const values = addon.run(handle, [], reads, []);
      tf.tidy(() => {
        chain.weights.forEach((w, i) => w.variable.write(tf.tensor(values[i], w.variable.shape as number[])));
      });
    },
    adamState() {
      if (spec.kind !== 'adam') return null;
      const values = addon.run(
        handle,
        [],
        slots.flatMap(({ m, v }) => [m.read, v.read]),
        [],
      );
      return { iterations, moments: slots.map((_, k) => ({ m: values[2 * k], v: values[2 * k + 1] })) };
    },
    dispose: () => addon.closeSession(handle),
  };
}
