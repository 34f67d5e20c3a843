import * as tf from '@tensorflow/tfjs';
import type { GradientApplier, GroupedOptimizer } from '../models/transfer';
import { optimizerSpec, restoreOptimizer } from './optimizer-state';
import type { GraphOptimizerSpec, OptimizerState } from './trainer';

/** A per-group optimizer as the graph runs it: one update with a learning-rate scale per trainable weight. */
export interface GraphGroupedOptimizer {
  spec: GraphOptimizerSpec;
  rateScales: number[];
  /** Hands the optimizer state after graph training back to each group's optimizer. */
  restore(state: OptimizerState): void;
}

const isGrouped = (applier: GradientApplier): applier is GroupedOptimizer =>
  Array.isArray((applier as Partial<GroupedOptimizer>).optimizers) &&
  Array.isArray((applier as Partial<GroupedOptimizer>).groups);

/**
 * The graph's version of `applier` for `variables` (the model's trainable weights in order): a tf.Optimizer as is, or
 * a groupedOptimizer of fresh optimizers of one kind whose rates differ only by the groups' multipliers (one optimizer
 * per group is then one optimizer with a rate per weight: Adam and SGD update each element on its own). Else why not.
 */
export function graphOptimizer(applier: GradientApplier, variables: tf.Variable[]): GraphGroupedOptimizer | string {
  if (!isGrouped(applier)) {
    if (!(applier instanceof tf.Optimizer)) return 'a gradient applier that is not a tf.Optimizer';
    const spec = optimizerSpec(applier);
    if (typeof spec === 'string') return spec;
    return {
      spec,
      rateScales: variables.map(() => 1),
      restore: (state) => {
        if (state.iterations > 0) restoreOptimizer(applier, variables, state);
      },
    };
  }
  const live = applier.optimizers.filter((o): o is tf.Optimizer => o !== null);
  if (live.length === 0) return 'a grouped optimizer with no group that trains';
  const specs = live.map(optimizerSpec);
  const first = specs[0];
  if (typeof first === 'string') return first;
  // Everything but the rate (and the state, empty in fresh optimizers) must agree for one update to stand for all.
  const settings = (s: GraphOptimizerSpec): string =>
    JSON.stringify(Object.entries(s).filter(([key]) => key !== 'learningRate' && key !== 'slots'));
  for (const s of specs) {
    if (typeof s === 'string') return s;
    if (s.kind !== 'sgd' && s.iterations !== 0) return 'a grouped optimizer that has already taken steps';
    if (settings(s) !== settings(first))
      return 'a grouped optimizer whose groups differ in more than the learning rate';
  }
  const groupOf = new Map<string, number>();
  applier.groups.forEach((g, gi) => g.variables.forEach((v) => groupOf.set(v.name, gi)));
  const groups = variables.map((v) => groupOf.get(v.name) ?? -1);
  if (groups.includes(-1)) return 'a trainable weight in no group of the grouped optimizer';
  const base = first.learningRate;
  const rateScales = groups.map((gi) => {
    const o = applier.optimizers[gi];
    return o ? (optimizerSpec(o) as GraphOptimizerSpec).learningRate / base : 0;
  });
  return {
    spec: first,
    rateScales,
    restore: (state) => {
      if (state.iterations === 0) return;
      applier.optimizers.forEach((o, gi) => {
        if (!o) return;
        const mine = groups.map((g, i) => (g === gi ? i : -1)).filter((i) => i >= 0);
        restoreOptimizer(
          o,
          mine.map((i) => variables[i]),
          { iterations: state.iterations, slots: mine.map((i) => state.slots[i]) },
        );
      });
    },
  };
}
