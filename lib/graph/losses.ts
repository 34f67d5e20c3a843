import type { GraphOutput } from './addon';
import type { GraphBuilder } from './builder';

/** The losses the graph trainer builds: the lesson losses fitFast, the pair and the triplet trainers use. */
export type GraphLoss =
  | { kind: 'meanSquaredError'; targetIsInput?: boolean }
  /** From the logits of a model ending in a sigmoid, as fitFast's binaryCrossentropyFromLogits. */
  | { kind: 'binaryCrossentropy'; targetIsInput?: boolean }
  /** Pairs (a, b, same): contrastiveLoss(rowDistances(f(a), f(b)), same, margin). */
  | { kind: 'contrastive'; margin: number }
  /** Logits [B, K] against one-hot rows, mean over the batch: tf.losses.softmaxCrossEntropy as fitClassifier uses it. */
  | { kind: 'softmaxCrossEntropy' }
  /** Pairs (a, b, same): cosineTargetLoss(cosineSimilarity(f(a), f(b)), same), Bromley et al.'s target ±1. */
  | { kind: 'cosineTarget' }
  /** Triplets (anchor, positive, negative): tripletLoss with squared or Euclidean distance. */
  | { kind: 'triplet'; margin: number; distance?: 'squared' | 'euclidean' };

/** A batch input of the loss graph. */
export interface LossInput {
  output: GraphOutput;
  /** Shape of one example. */
  shape: number[];
  /** Values per example. */
  size: number;
}

/** The loss (a scalar output) and the placeholders it reads, in feeding order. */
export interface LossGraph {
  loss: GraphOutput;
  inputs: LossInput[];
}

const size = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

/** Mean over every element of `v`. */
function meanAll(g: GraphBuilder, v: GraphOutput): GraphOutput {
  return g.op('Mean', [g.op('Reshape', [v, g.ints([-1])]), g.ints([0])]);
}

/** Sum over axis 1 of a [B, D] output. */
function rowSum(g: GraphBuilder, v: GraphOutput): GraphOutput {
  return g.op('Sum', [v, g.ints([1])]);
}

/** Squared Euclidean distance between matching rows. */
function squaredDistance(g: GraphBuilder, a: GraphOutput, b: GraphOutput): GraphOutput {
  return rowSum(g, g.op('Square', [g.op('Sub', [a, b])]));
}

/** The rows of `stacked` [k·B, D] as k outputs of B rows (tied branches run as one stacked pass). */
function unstack(g: GraphBuilder, stacked: GraphOutput, k: number): GraphOutput[] {
  const [name] = g.op('Split', [g.axis(0), stacked], [['num_split', 'int', k]], 'split');
  return Array.from({ length: k }, (_, i): GraphOutput => [name, i]);
}

/** Builds `loss` on the model's forward pass `forward` (x → output; with logits, the last sigmoid left out). */
export function lossGraph(
  g: GraphBuilder,
  loss: GraphLoss,
  forward: (x: GraphOutput, logits?: boolean) => GraphOutput,
  inShape: number[],
  outShape: number[],
): LossGraph {
  const example = (name: string, shape = inShape): LossInput => ({
    output: g.placeholder([-1, ...shape], name),
    shape,
    size: size(shape),
  });
  const pairInputs = (): LossInput[] => [
    example('a'),
    example('b'),
    { output: g.placeholder([-1], 'same'), shape: [], size: 1 },
  ];
  switch (loss.kind) {
    case 'meanSquaredError':
    case 'binaryCrossentropy': {
      const x = example('x');
      const y = loss.targetIsInput ? x : example('y', outShape);
      const inputs = loss.targetIsInput ? [x] : [x, y];
      if (loss.kind === 'meanSquaredError') {
        const out = forward(x.output);
        return { loss: meanAll(g, g.op('Square', [g.op('Sub', [out, y.output])])), inputs };
      }
      // softplus(z) − t·z, averaged: binary cross-entropy of sigmoid(z) without its clip, as fitFast computes it.
      const z = forward(x.output, true);
      return { loss: meanAll(g, g.op('Sub', [g.op('Softplus', [z]), g.op('Mul', [y.output, z])])), inputs };
    }
    case 'contrastive': {
      const [a, b, same] = pairInputs();
      const [ea, eb] = unstack(g, forward(g.op('ConcatV2', [[a.output, b.output], g.axis(0)], [['N', 'int', 2]])), 2);
      const d = g.op('Sqrt', [g.op('Maximum', [squaredDistance(g, ea, eb), g.scalar(1e-12)])]);
      const pull = g.op('Mul', [same.output, g.op('Square', [d])]);
      const gap = g.op('Relu', [g.op('Sub', [g.scalar(loss.margin), d])]);
      const push = g.op('Mul', [g.op('Sub', [g.scalar(1), same.output]), g.op('Square', [gap])]);
      return { loss: g.op('Mean', [g.op('AddV2', [pull, push]), g.ints([0])]), inputs: [a, b, same] };
    }
    case 'softmaxCrossEntropy': {
      const [x, y] = [example('x'), example('y', outShape)];
      const logProbabilities = g.op('LogSoftmax', [forward(x.output)]);
      const perRow = rowSum(g, g.op('Mul', [y.output, logProbabilities]));
      return { loss: g.op('Neg', [g.op('Mean', [perRow, g.ints([0])])]), inputs: [x, y] };
    }
    case 'cosineTarget': {
      const [a, b, same] = pairInputs();
      const [ea, eb] = unstack(g, forward(g.op('ConcatV2', [[a.output, b.output], g.axis(0)], [['N', 'int', 2]])), 2);
      const norm = (e: GraphOutput): GraphOutput => g.op('Sqrt', [rowSum(g, g.op('Square', [e]))]);
      const norms = g.op('Maximum', [g.op('Mul', [norm(ea), norm(eb)]), g.scalar(1e-8)]);
      const cosine = g.op('RealDiv', [rowSum(g, g.op('Mul', [ea, eb])), norms]);
      const target = g.op('Sub', [g.op('Mul', [same.output, g.scalar(2)]), g.scalar(1)]);
      const error = g.op('Square', [g.op('Sub', [cosine, target])]);
      return { loss: g.op('Mean', [error, g.ints([0])]), inputs: [a, b, same] };
    }
    case 'triplet': {
      const [a, p, n] = [example('anchor'), example('positive'), example('negative')];
      const stacked = g.op('ConcatV2', [[a.output, p.output, n.output], g.axis(0)], [['N', 'int', 3]]);
      const [ea, ep, en] = unstack(g, forward(stacked), 3);
      // Squared distance only: tf's sqrt gradient at 0 is infinite where the library's safeSqrt gives 0.
      if ((loss.distance ?? 'squared') !== 'squared') throw new Error('triplet loss with Euclidean distance');
      const gap = g.op('Sub', [squaredDistance(g, ea, ep), squaredDistance(g, ea, en)]);
      const hinge = g.op('Relu', [g.op('AddV2', [gap, g.scalar(loss.margin)])]);
      return { loss: g.op('Mean', [hinge, g.ints([0])]), inputs: [a, p, n] };
    }
  }
}
