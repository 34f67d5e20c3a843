import * as tf from '@tensorflow/tfjs';
import { compileForward, type DirectForward } from './direct-forward';

const compiled = new WeakMap<tf.LayersModel, DirectForward | null>();

/** The encoder's compiled forward pass (made once per encoder), or null when it must run through model.apply. */
function directOf(encoder: tf.LayersModel): DirectForward | null {
  if (!compiled.has(encoder)) compiled.set(encoder, compileForward(encoder));
  return compiled.get(encoder) ?? null;
}

/**
 * Embeds several batches with one encoder in training mode. Tied weights make the branches of a Siamese or triplet
 * network one function, so an encoder of plain layers (see compileForward: nothing that looks across the batch, like
 * batch normalisation) embeds the stacked rows in one pass and the result is split again: half (or a third) of the
 * kernel calls, forward and backward. Other encoders run once per batch.
 */
export function embedTied(encoder: tf.LayersModel, batches: tf.Tensor[]): tf.Tensor2D[] {
  const direct = directOf(encoder);
  if (!direct || batches.length === 1) {
    return batches.map((b) => (direct ? direct.apply(b) : encoder.apply(b, { training: true })) as tf.Tensor2D);
  }
  const stacked = direct.apply(tf.concat(batches, 0)) as tf.Tensor2D;
  return tf.split(stacked, batches.map((b) => b.shape[0]), 0) as tf.Tensor2D[];
}
