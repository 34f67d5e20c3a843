import * as tf from '@tensorflow/tfjs';

// Corruption processes of denoising autoencoders (Vincent et al. 2008). Each takes clean inputs in [0, 1] of any
// shape and a seed, and returns a new tensor of the same shape: the same seed gives the same noise.

function checkFraction(fraction: number, what: string): void {
  if (!(fraction >= 0 && fraction <= 1)) throw new Error(`${what}: fraction must be in [0, 1], got ${fraction}`);
}

/** Masking noise: each input is set to 0 with probability `fraction`, kept otherwise. */
export function maskingNoise<T extends tf.Tensor>(x: T, fraction: number, seed: number): T {
  checkFraction(fraction, 'maskingNoise');
  return tf.tidy(() => {
    const keep = tf.randomUniform(x.shape, 0, 1, 'float32', seed).greaterEqual(fraction);
    return tf.mul<T>(x, keep.cast('float32'));
  });
}

/** Additive isotropic Gaussian noise `factor · N(0, 1)`, clipped back to [0, 1] (the Keras blog uses factor 0.5). */
export function gaussianNoise<T extends tf.Tensor>(x: T, factor: number, seed: number): T {
  if (!(factor >= 0)) throw new Error(`gaussianNoise: factor must be >= 0, got ${factor}`);
  return tf.tidy(() => tf.clipByValue(tf.add(x, tf.randomNormal(x.shape, 0, factor, 'float32', seed)), 0, 1) as T);
}

/** Salt-and-pepper noise: each input is, with probability `fraction`, set to 0 or 1 (a fair coin), kept otherwise. */
export function saltAndPepper<T extends tf.Tensor>(x: T, fraction: number, seed: number): T {
  checkFraction(fraction, 'saltAndPepper');
  return tf.tidy(() => {
    // One uniform draw decides both whether a pixel is hit (u < fraction) and which way (lower or upper half).
    const u = tf.randomUniform(x.shape, 0, 1, 'float32', seed);
    const hit = u.less(fraction);
    const salt = u.less(fraction / 2).cast('float32');
    return tf.where(hit, salt, x) as T;
  });
}

/** The three corruption kinds by name, for sweeps over noise type and level. */
export type CorruptionKind = 'masking' | 'gaussian' | 'salt-and-pepper';

/** Apply corruption `kind` at `level` (a fraction, or the Gaussian factor). */
export function corrupt<T extends tf.Tensor>(x: T, kind: CorruptionKind, level: number, seed: number): T {
  switch (kind) {
    case 'masking':
      return maskingNoise(x, level, seed);
    case 'gaussian':
      return gaussianNoise(x, level, seed);
    case 'salt-and-pepper':
      return saltAndPepper(x, level, seed);
  }
}
