import type * as tf from '@tensorflow/tfjs';

/** The arguments every registered kernel function receives (tfjs names no type for them). */
export type KernelArgs = Parameters<tf.KernelFunc>[0];
