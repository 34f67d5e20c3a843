import type * as tf from '@tensorflow/tfjs';

/** The loss of a tied pair learner, as the graph trainer (lib/graph) builds it. */
export type PairLoss = { kind: 'contrastive'; margin: number } | { kind: 'cosineTarget' };

/** What a tied pair learner trains: one encoder on both inputs, its pair loss, and the optimizer that steps it. */
export interface TiedPairTraining {
  encoder: tf.LayersModel;
  loss: PairLoss;
  optimizer: tf.Optimizer;
}

/** A model trained on pairs: one optimisation step on a batch (left, right, same ∈ {0, 1}) returning the batch loss. */
export interface PairLearner {
  trainStep(left: tf.Tensor, right: tf.Tensor, same: tf.Tensor1D): tf.Scalar;
  /** Set when trainStep is a plain optimizer step of `loss` on one encoder: fitPairs may then run it as one graph. */
  tiedTraining?: TiedPairTraining;
}
