import * as tf from '@tensorflow/tfjs';
import { FUSED_ADAM, registerFusedAdam } from '../backend/fused-adam-kernel';

type VariableGradients = Parameters<tf.AdamOptimizer['applyGradients']>[0];
interface NamedGradient {
  name: string;
  tensor: tf.Tensor;
}

/** The private state of tf.AdamOptimizer this subclass reuses, so weights, config and the fallback stay compatible. */
interface AdamState {
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
  accumulatedSecondMoment: ({ originalName: string; variable: tf.Variable } | undefined)[];
}

/**
 * tf.train.adam with each variable's update done by one fused kernel on wasm and cpu (a whole Adam step of a
 * 784-32-784 autoencoder: 60 small kernels → 4); on any other backend it is tf.train.adam unchanged. Works with
 * model.compile / model.fit as well as custom loops.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** Same serialization name as Adam: a saved model reloads with the stock optimizer. */
  static override get className(): string {
    return 'Adam';
  }

  override applyGradients(variableGradients: VariableGradients): void {
    if (!tf.getKernel(FUSED_ADAM, tf.getBackend())) {
      super.applyGradients(variableGradients);
      return;
    }
    const state = this as unknown as AdamState;
    const named: NamedGradient[] = Array.isArray(variableGradients)
      ? variableGradients
      : Object.entries(variableGradients).map(([name, tensor]) => ({ name, tensor }));
    // Kept as variables, like the parent: accBeta = beta^(t+1) whatever set the iteration count (setWeights too).
    const oneMinusAccBeta1 = 1 - Math.pow(this.beta1, this.iterations + 1);
    const oneMinusAccBeta2 = 1 - Math.pow(this.beta2, this.iterations + 1);
    tf.tidy(() => {
      named.forEach(({ name, tensor: gradient }, i) => {
        const value = tf.engine().registeredVariables[name];
        const moment = (slot: 'm' | 'v', list: AdamState['accumulatedFirstMoment']): tf.Variable => {
          const slotVariable = (list[i] ??= {
            originalName: `${name}/${slot}`,
            variable: tf.tidy(() => tf.zerosLike(value).variable(false)),
          });
          return slotVariable.variable;
        };
        const m = moment('m', state.accumulatedFirstMoment);
        const v = moment('v', state.accumulatedSecondMoment);
        if (gradient == null) return;
        const [newValue, newM, newV] = tf.engine().runKernel<tf.Tensor[]>(
          FUSED_ADAM,
          { value, gradient, m, v },
          {
            learningRate: this.learningRate,
            beta1: this.beta1,
            beta2: this.beta2,
            epsilon: this.epsilon,
            oneMinusAccBeta1,
            oneMinusAccBeta2,
          },
        );
        m.assign(newM);
        v.assign(newV);
        value.assign(newValue);
      });
      state.accBeta1.assign(tf.scalar(Math.pow(this.beta1, this.iterations + 2)));
      state.accBeta2.assign(tf.scalar(Math.pow(this.beta2, this.iterations + 2)));
    });
    this.incrementIterations();
  }
}

/** Options of {@link fusedAdam}; the defaults are tf.train.adam's. */
export interface FusedAdamOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  /** Default: the backend's epsilon (1e-7 for float32), as tf.train.adam. */
  epsilon?: number;
}

/** An Adam optimizer that gives tf.train.adam's results with one kernel per variable on wasm and cpu. */
export function fusedAdam(options: FusedAdamOptions = {}): FusedAdamOptimizer {
  registerFusedAdam();
  const { learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon } = options;
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
