// Comparing the Siamese network's two views of training (tied weights, two streams averaged) number by number.
import * as tf from '@tensorflow/tfjs';
import type { StreamGradients } from './siamese';

/** Largest absolute difference between the weights of two models of the same architecture. */
export function maxWeightDifference(x: tf.LayersModel, y: tf.LayersModel): number {
  const wx = x.getWeights();
  const wy = y.getWeights();
  if (wx.length !== wy.length) throw new Error(`maxWeightDifference: ${wx.length} vs ${wy.length} weight tensors`);
  return tf.tidy(() => Math.max(...wx.map((w, i) => tf.max(tf.abs(tf.sub(w, wy[i]))).dataSync()[0])));
}

/**
 * How far the tied gradient is from the sum of the two streams' gradients (float32 rounding when the identity
 * holds), and how far the two streams' own gradients are apart; frees the gradients.
 */
export function streamGradientGaps(g: StreamGradients): { sumGap: number; streamGap: number } {
  const names = Object.keys(g.tied);
  const largest = (f: (name: string) => tf.Tensor): number =>
    Math.max(...names.map((n) => tf.tidy(() => tf.max(tf.abs(f(n))).dataSync()[0])));
  const sumGap = largest((n) => tf.sub(g.tied[n], tf.add(g.streamA[n], g.streamB[n])));
  const streamGap = largest((n) => tf.sub(g.streamA[n], g.streamB[n]));
  tf.dispose([...Object.values(g.tied), ...Object.values(g.streamA), ...Object.values(g.streamB)]);
  return { sumGap, streamGap };
}
