import * as tf from '@tensorflow/tfjs';
import type { GraphOptimizerSpec } from './trainer';

/** The private state of tf.AdamOptimizer read and written here (as lib/training/fused-adam.ts does). */
interface AdamInternals {
  iterations_: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
}

/** The graph's version of a tfjs optimizer (Adam with its moments, or SGD), or why it has none. */
export function optimizerSpec(optimizer: tf.Optimizer): GraphOptimizerSpec | string {
  if (optimizer instanceof tf.AdamOptimizer) {
    const state = optimizer as unknown as AdamInternals;
    const moments = state.accumulatedFirstMoment.map((first, i) => {
      const second = state.accumulatedSecondMoment[i];
      return first && second
        ? { m: first.variable.dataSync() as Float32Array, v: second.variable.dataSync() as Float32Array }
        : null;
    });
    const config = optimizer.getConfig() as { learningRate: number; beta1: number; beta2: number; epsilon: number };
    return {
      kind: 'adam',
      learningRate: config.learningRate,
      beta1: config.beta1,
      beta2: config.beta2,
      epsilon: config.epsilon,
      iterations: optimizer.iterations,
      moments,
    };
  }
  if (optimizer instanceof tf.SGDOptimizer && optimizer.getClassName() === 'SGD') {
    return { kind: 'sgd', learningRate: (optimizer as unknown as { learningRate: number }).learningRate };
  }
  return `optimizer ${optimizer.getClassName()}`;
}

/** Hands Adam's state after graph training back to the tfjs optimizer, so a later fit continues from it. */
export function restoreAdam(
  optimizer: tf.AdamOptimizer,
  variables: tf.Variable[],
  state: { iterations: number; moments: { m: Float32Array; v: Float32Array }[] },
): void {
  const internals = optimizer as unknown as AdamInternals;
  const { beta1, beta2 } = optimizer.getConfig() as { beta1: number; beta2: number };
  tf.tidy(() => {
    state.moments.forEach(({ m, v }, i) => {
      const put = (list: AdamInternals['accumulatedFirstMoment'], slot: string, values: Float32Array): void => {
        const value = tf.tensor(values, variables[i].shape);
        const held = list[i];
        if (held) held.variable.assign(value);
        else list[i] = { originalName: `${variables[i].name}/${slot}`, variable: tf.keep(value.variable(false)) };
      };
      put(internals.accumulatedFirstMoment, 'm', m);
      put(internals.accumulatedSecondMoment, 'v', v);
    });
    internals.accBeta1.assign(tf.scalar(Math.pow(beta1, state.iterations + 1)));
    internals.accBeta2.assign(tf.scalar(Math.pow(beta2, state.iterations + 1)));
  });
  internals.iterations_ = state.iterations;
}
