// A deep autoencoder for bags of words, after Hinton & Salakhutdinov (2006): 2000-500-250-125-k, a linear (or
// logistic) code, and a softmax output read as the probability of each vocabulary word, trained to match the
// document's own word distribution. Their network was pre-trained as a stack of RBMs; this one is trained directly
// with Adam and ReLU hidden units, which a few epochs on 11k documents allow.
import * as tf from '@tensorflow/tfjs';
import { denseAutoencoder, type DenseAutoencoder } from '../models/autoencoder';
import { fitFast } from '../training/fit';
import { fusedAdam } from '../training/fused-adam';
import type { ProgressSink } from '../viz/progress-sink';
import { CsrMatrix, csrMapValues, csrNormalizeRows, csrToTensor } from './sparse-matrix';

/** Encoder sizes of Hinton & Salakhutdinov's document autoencoder before the code: 2000-500-250-125. */
export const HINTON_DOCUMENT_SIZES: readonly number[] = [2000, 500, 250, 125];

/** Options of {@link documentAutoencoder}. */
export interface DocumentAutoencoderOptions {
  /** Vocabulary size (default 2,000). */
  terms?: number;
  /** Hidden layer sizes between input and code (default [500, 250, 125]). */
  hidden?: readonly number[];
  codeSize: number;
  /** Code units: 'linear' (default) as in the paper's retrieval codes, or 'sigmoid' (logistic). */
  code?: 'linear' | 'sigmoid';
  seed?: number;
}

/** A document autoencoder whose reconstruction is logits over the vocabulary (train with {@link wordCrossEntropy}). */
export function documentAutoencoder(options: DocumentAutoencoderOptions): DenseAutoencoder {
  const { terms = 2000, hidden = HINTON_DOCUMENT_SIZES.slice(1), codeSize, code = 'linear', seed = 1 } = options;
  return denseAutoencoder({ sizes: [terms, ...hidden, codeSize], hidden: 'relu', code, output: 'linear', seed });
}

/** Network input of each document: log(1 + count), scaled to unit length, so long and short messages look alike
 * and a word used 50 times does not drown the rest. [docs, terms]. */
export function documentInputs(counts: CsrMatrix): tf.Tensor2D {
  return csrToTensor(csrNormalizeRows(csrMapValues(counts, (v) => Math.log1p(v))));
}

/** Reconstruction target of each document: its word distribution, counts divided by the document's length (an empty
 * document's row stays zero, which makes its loss and gradient zero). [docs, terms]. */
export function wordDistributions(counts: CsrMatrix): tf.Tensor2D {
  const totals = new Float64Array(counts.rows);
  for (let r = 0; r < counts.rows; r++)
    for (let k = counts.indptr[r]; k < counts.indptr[r + 1]; k++) totals[r] += counts.values[k];
  return csrToTensor(csrMapValues(counts, (v, r) => v / totals[r]));
}

/**
 * Cross-entropy between target word distributions t and the softmax of logits z, −Σ t log softmax(z), averaged over
 * documents; its gradient written out, (softmax(z)·Σt − t) / docs, as one fused expression instead of autodiff
 * through logSoftmax.
 */
export function wordCrossEntropy(target: tf.Tensor, logits: tf.Tensor): tf.Scalar {
  const docs = logits.shape[0];
  const loss = tf.customGrad((z: tf.Tensor | tf.GradSaveFunc, save: tf.Tensor | tf.GradSaveFunc) => {
    const logP = tf.logSoftmax(z as tf.Tensor);
    (save as tf.GradSaveFunc)([logP]);
    const value = tf.div<tf.Scalar>(tf.neg(tf.sum(tf.mul(target, logP))), docs);
    const gradFunc = (dy: tf.Tensor, [lp]: tf.Tensor[]): tf.Tensor =>
      tf.mul(tf.sub(tf.mul(tf.exp(lp), tf.sum(target, 1, true)), target), tf.div(dy, docs));
    return { value, gradFunc };
  });
  return loss(logits);
}

/** Options of {@link fitDocumentAutoencoder}. */
export interface FitDocumentAutoencoderOptions {
  epochs: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
  progress?: ProgressSink;
}

/** Train a document autoencoder on (inputs, word distributions) of the training documents; returns each epoch's
 * mean loss (nats per word). */
export async function fitDocumentAutoencoder(
  ae: DenseAutoencoder,
  inputs: tf.Tensor2D,
  targets: tf.Tensor2D,
  options: FitDocumentAutoencoderOptions,
): Promise<number[]> {
  const { epochs, batchSize = 128, learningRate = 1e-3, seed = 1, progress } = options;
  const optimizer = fusedAdam({ learningRate });
  try {
    return await fitFast(ae.autoencoder, inputs, targets, {
      epochs,
      batchSize,
      loss: wordCrossEntropy,
      optimizer,
      seed,
      progress,
    });
  } finally {
    optimizer.dispose();
  }
}

/** The code of each document ([docs, codeSize]). */
export function documentCodes(ae: DenseAutoencoder, inputs: tf.Tensor2D): tf.Tensor2D {
  return ae.encoder.predict(inputs, { batchSize: 1024 }) as tf.Tensor2D;
}
