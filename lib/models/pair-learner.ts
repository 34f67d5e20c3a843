import type * as tf from '@tensorflow/tfjs';

/** A model trained on pairs: one optimisation step on a batch (left, right, same ∈ {0, 1}) returning the batch loss. */
export interface PairLearner {
  trainStep(left: tf.Tensor, right: tf.Tensor, same: tf.Tensor1D): tf.Scalar;
}
