import * as tf from '@tensorflow/tfjs';
import type { Activation, LayerSpec, Workload } from './workloads';

function activation(act: Activation): 'relu' | 'sigmoid' | 'linear' {
  return act;
}

function layerFor(spec: LayerSpec, seed: number, inputShape?: number[]): tf.layers.Layer {
  const init = tf.initializers.glorotUniform({ seed });
  if ('dense' in spec)
    return tf.layers.dense({
      units: spec.dense,
      activation: activation(spec.act),
      kernelInitializer: init,
      inputShape,
    });
  if ('conv' in spec) {
    return tf.layers.conv2d({
      filters: spec.conv,
      kernelSize: spec.kernel,
      padding: 'same',
      activation: activation(spec.act),
      kernelInitializer: init,
      inputShape,
    });
  }
  if ('pool' in spec) return tf.layers.maxPooling2d({ poolSize: spec.pool, inputShape });
  return tf.layers.upSampling2d({ size: [spec.up, spec.up], inputShape });
}

/** The workload's network (the autoencoder, or the shared encoder of a Siamese / triplet setup), seeded. */
export function buildNetwork(w: Workload, seed = 1): tf.Sequential {
  return tf.sequential({ layers: w.layers.map((spec, i) => layerFor(spec, seed + i, i === 0 ? w.input : undefined)) });
}
