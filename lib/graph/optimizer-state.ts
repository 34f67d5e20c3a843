import * as tf from '@tensorflow/tfjs';
import type { GraphOptimizerSpec, OptimizerState, SlotValues } from './trainer';

/** One slot list of a tfjs optimizer: per variable (in the order it first saw them), its slot variable. */
type SlotList = ({ originalName: string; variable: tf.Variable } | undefined)[];

/** The private state of tf.AdamOptimizer and tf.RMSPropOptimizer read and written here (as fused-adam.ts does). */
interface OptimizerInternals {
  iterations_: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  [slotList: string]: SlotList | number | tf.Variable;
}

/** Where each graph slot lives in the tfjs optimizer. */
const SLOT_FIELDS: Record<string, string> = {
  m: 'accumulatedFirstMoment',
  v: 'accumulatedSecondMoment',
  ms: 'accumulatedMeanSquares',
  mom: 'accumulatedMoments',
  mg: 'accumulatedMeanGrads',
};

/**
 * Whether `optimizer` is tf.train.adam's (or a subclass keeping its state). Not `instanceof` alone: tfjs's optimizer
 * classes all pass `instanceof tf.AdamOptimizer` (tf.train.sgd's included).
 */
export function isAdam(optimizer: tf.Optimizer): optimizer is tf.AdamOptimizer {
  return optimizer.getClassName() === 'Adam' && 'accumulatedFirstMoment' in optimizer;
}

/** The slots a tfjs optimizer holds now, per variable, for the graph's slot `names` (null where it has none yet). */
function slotsOf(optimizer: tf.Optimizer, names: string[]): (SlotValues | null)[] {
  const internals = optimizer as unknown as OptimizerInternals;
  const lists = names.map((n) => (internals[SLOT_FIELDS[n]] as SlotList | undefined) ?? []);
  const count = Math.max(0, ...lists.map((l) => l.length));
  return Array.from({ length: count }, (_, i) =>
    lists.every((l) => l[i])
      ? Object.fromEntries(names.map((n, j) => [n, lists[j][i]!.variable.dataSync() as Float32Array]))
      : null,
  );
}

/** The graph's version of a tfjs optimizer (Adam or RMSProp with their state, or SGD), or why it has none. */
export function optimizerSpec(optimizer: tf.Optimizer): GraphOptimizerSpec | string {
  if (isAdam(optimizer)) {
    const config = optimizer.getConfig() as { learningRate: number; beta1: number; beta2: number; epsilon: number };
    return {
      kind: 'adam',
      learningRate: config.learningRate,
      beta1: config.beta1,
      beta2: config.beta2,
      epsilon: config.epsilon,
      iterations: optimizer.iterations,
      slots: slotsOf(optimizer, ['m', 'v']),
    };
  }
  if (optimizer.getClassName() === 'RMSProp' && 'accumulatedMeanSquares' in optimizer) {
    const config = optimizer.getConfig() as {
      learningRate: number;
      decay: number;
      momentum: number;
      epsilon: number;
      centered: boolean;
    };
    return {
      kind: 'rmsprop',
      learningRate: config.learningRate,
      rho: config.decay,
      momentum: config.momentum,
      epsilon: config.epsilon,
      centered: config.centered,
      iterations: optimizer.iterations,
      slots: slotsOf(optimizer, config.centered ? ['ms', 'mom', 'mg'] : ['ms', 'mom']),
    };
  }
  if (optimizer instanceof tf.SGDOptimizer && optimizer.getClassName() === 'SGD') {
    return { kind: 'sgd', learningRate: (optimizer as unknown as { learningRate: number }).learningRate };
  }
  return `optimizer ${optimizer.getClassName()}`;
}

/** Hands the optimizer state after graph training back to the tfjs optimizer, so a later fit continues from it. */
export function restoreOptimizer(optimizer: tf.Optimizer, variables: tf.Variable[], state: OptimizerState): void {
  const internals = optimizer as unknown as OptimizerInternals;
  tf.tidy(() => {
    state.slots.forEach((slots, i) => {
      for (const [name, values] of Object.entries(slots)) {
        const list = internals[SLOT_FIELDS[name]] as SlotList;
        const value = tf.tensor(values, variables[i].shape);
        const held = list[i];
        if (held) held.variable.assign(value);
        else list[i] = { originalName: `${variables[i].name}/${name}`, variable: tf.keep(value.variable(false)) };
      }
    });
    if (isAdam(optimizer)) {
      const { beta1, beta2 } = optimizer.getConfig() as { beta1: number; beta2: number };
      internals.accBeta1.assign(tf.scalar(Math.pow(beta1, state.iterations + 1)));
      internals.accBeta2.assign(tf.scalar(Math.pow(beta2, state.iterations + 1)));
    }
  });
  internals.iterations_ = state.iterations;
}
