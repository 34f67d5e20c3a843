import * as tf from '@tensorflow/tfjs';
import { optimizerStep } from './optimizer-step';
import { contrastiveLoss, rowDistances } from '../losses/contrastive';
import type { PairLearner } from './pair-learner';
import { trainableVariables } from './transfer';

/**
 * Two encoders WITHOUT tied weights, one per view (street-level photo vs overhead image): the left input of a pair
 * always goes through branch A, the right through branch B, and the contrastive loss pulls matching pairs together.
 * Compare {@link createSiamese}, where one encoder serves both inputs.
 */
export interface TwoBranch extends PairLearner {
  branchA: tf.LayersModel;
  branchB: tf.LayersModel;
  margin: number;
  /** Embeddings of view-A inputs (inference mode). */
  embedA(x: tf.Tensor): tf.Tensor2D;
  /** Embeddings of view-B inputs (inference mode). */
  embedB(x: tf.Tensor): tf.Tensor2D;
  /** Both branches' variables: two separate sets. */
  variables(): tf.Variable[];
  dispose(): void;
}

/** Options of {@link createTwoBranch}. */
export interface TwoBranchOptions {
  optimizer: tf.Optimizer;
  /** Contrastive margin m (default 1). */
  margin?: number;
}

/** Pair two separately weighted encoders (same or different architectures; same embedding width). */
export function createTwoBranch(
  branchA: tf.LayersModel,
  branchB: tf.LayersModel,
  options: TwoBranchOptions,
): TwoBranch {
  if (branchA === branchB)
    throw new Error('createTwoBranch: the two branches are one model; use createSiamese for tied weights');
  const { optimizer, margin = 1 } = options;
  const variables = (): tf.Variable[] => [...trainableVariables(branchA), ...trainableVariables(branchB)];
  return {
    branchA,
    branchB,
    margin,
    embedA: (x) => tf.tidy(() => branchA.predict(x) as tf.Tensor2D),
    embedB: (x) => tf.tidy(() => branchB.predict(x) as tf.Tensor2D),
    variables,
    trainStep(a, b, same): tf.Scalar {
      return optimizerStep(
        optimizer,
        () =>
          contrastiveLoss(
            rowDistances(
              branchA.apply(a, { training: true }) as tf.Tensor2D,
              branchB.apply(b, { training: true }) as tf.Tensor2D,
            ),
            same,
            margin,
          ),
        variables(),
      );
    },
    dispose: () => optimizer.dispose(),
  };
}
