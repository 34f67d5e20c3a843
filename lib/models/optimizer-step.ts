import * as tf from '@tensorflow/tfjs';
import type { GradientApplier } from './transfer';

/**
 * One optimisation step: the gradients of `loss` with respect to `variables`, applied by `optimizer`, then freed.
 * Returns the loss before the step (the caller owns it).
 */
export function optimizerStep(optimizer: GradientApplier, loss: () => tf.Scalar, variables: tf.Variable[]): tf.Scalar {
  const { value, grads } = tf.variableGrads(loss, variables);
  optimizer.applyGradients(grads);
  tf.dispose(Object.values(grads));
  return value;
}
