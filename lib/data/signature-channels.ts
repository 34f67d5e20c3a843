import * as tf from '@tensorflow/tfjs';
import { PEN_STATISTIC_NAMES, channelStats, penStatistics, standardizeChannels } from './pen-features';
import type { SignatureSet } from './svc2004';

/** Row of `set` holding signer `user`'s sample `sample` (throws a one-line message if there is none). */
export function signatureIndex(set: Pick<SignatureSet, 'users' | 'samples'>, user: number, sample: number): number {
  for (let i = 0; i < set.users.length; i++) if (set.users[i] === user && set.samples[i] === sample) return i;
  throw new Error(`signatureIndex: no sample ${sample} of signer ${user} in this set`);
}

/** One channel (by name, e.g. 'speed') of signature `index` over its time steps. */
export function signatureChannel(
  set: Pick<SignatureSet, 'features' | 'featureNames'>,
  index: number,
  channel: string,
): Float32Array {
  const c = set.featureNames.indexOf(channel);
  if (c < 0) throw new Error(`signatureChannel: no channel "${channel}" (channels: ${set.featureNames.join(', ')})`);
  const [n, steps] = set.features.shape;
  if (!Number.isInteger(index) || index < 0 || index >= n)
    throw new Error(`signatureChannel: signature ${index} is not in 0..${n - 1}`);
  return tf.tidy(() => set.features.slice([index, 0, c], [1, steps, 1]).reshape([steps]).dataSync() as Float32Array);
}

/**
 * The set's features with each channel standardised by the mean and spread over `users`' signatures only (the
 * training signers), so that nothing about the test signers leaks into the scaling. The caller disposes the tensor.
 */
export function standardizedSignatures(set: Pick<SignatureSet, 'features' | 'users'>, users: number[]): tf.Tensor3D {
  const [n, steps, channels] = set.features.shape;
  const values = set.features.dataSync() as Float32Array;
  const per = steps * channels;
  const rows = Array.from(set.users).flatMap((u, i) => (users.includes(u) ? [i] : []));
  if (!rows.length) throw new Error(`standardizedSignatures: none of signers ${users.join(', ')} is in the set`);
  const fit = new Float32Array(rows.length * per);
  rows.forEach((i, r) => fit.set(values.subarray(i * per, (i + 1) * per), r * per));
  return tf.tensor3d(standardizeChannels(values, channelStats(fit, channels)), [n, steps, channels]);
}

/** Names of the {@link signatureStatistics} columns: the five hand-made statistics and the log duration. */
export const SIGNATURE_STATISTIC_NAMES = [...PEN_STATISTIC_NAMES, 'log duration (ms)'] as const;

/** Six numbers per signature, [N × 6] row-major: {@link penStatistics} of its features and the log of its duration. */
export function signatureStatistics(set: Pick<SignatureSet, 'features' | 'durations'>): Float32Array {
  const [n, steps] = set.features.shape;
  const stats = penStatistics(set.features.dataSync() as Float32Array, steps);
  const k = PEN_STATISTIC_NAMES.length;
  const out = new Float32Array(n * (k + 1));
  for (let i = 0; i < n; i++) {
    out.set(stats.subarray(i * k, (i + 1) * k), i * (k + 1));
    out[i * (k + 1) + k] = Math.log(Math.max(set.durations[i], 1));
  }
  return out;
}

/**
 * Several signature sets as one, signer numbers of the k-th set shifted by k × `userOffset` (Task 2's signer 1
 * becomes 101), so that signers of different sets never mix. The features are copied into a new tensor.
 */
export function joinSignatureSets(sets: SignatureSet[], userOffset = 100): SignatureSet {
  const names = sets[0]?.featureNames.join(',');
  if (!names || sets.some((s) => s.featureNames.join(',') !== names))
    throw new Error('joinSignatureSets: needs sets with the same feature channels');
  const cat = <T extends Int32Array | Uint8Array | Float64Array>(
    pick: (s: SignatureSet, k: number) => T,
    make: (v: number[]) => T,
  ): T => make(sets.flatMap((s, k) => Array.from(pick(s, k))));
  return {
    features: tf.concat(sets.map((s) => s.features)),
    users: cat(
      (s, k) => s.users.map((u) => u + k * userOffset),
      (v) => Int32Array.from(v),
    ),
    samples: cat(
      (s) => s.samples,
      (v) => Int32Array.from(v),
    ),
    genuine: cat(
      (s) => s.genuine,
      (v) => Uint8Array.from(v),
    ),
    featureNames: [...sets[0].featureNames],
    durations: cat(
      (s) => s.durations,
      (v) => Float64Array.from(v),
    ),
  };
}

/**
 * The five hand-made statistics ({@link penStatistics}) of every signature, [N, 5], standardised by their mean and
 * spread over `users`' signatures only: the non-learned baseline's vectors. The caller disposes the tensor.
 */
export function standardizedPenStatistics(set: Pick<SignatureSet, 'features' | 'users'>, users: number[]): tf.Tensor2D {
  const [n, steps] = set.features.shape;
  const k = PEN_STATISTIC_NAMES.length;
  const stats = penStatistics(set.features.dataSync() as Float32Array, steps);
  const rows = Array.from(set.users).flatMap((u, i) => (users.includes(u) ? [i] : []));
  if (!rows.length) throw new Error(`standardizedPenStatistics: none of signers ${users.join(', ')} is in the set`);
  const fit = Float32Array.from(rows.flatMap((i) => Array.from(stats.subarray(i * k, (i + 1) * k))));
  return tf.tensor2d(standardizeChannels(stats, channelStats(fit, k)), [n, k]);
}

/** The (x, y) points of signer `user`'s sample `sample` where the pen touched the tablet: the signature as drawn. */
export function penDownPoints(
  set: Pick<SignatureSet, 'features' | 'featureNames' | 'users' | 'samples'>,
  user: number,
  sample: number,
): [number, number][] {
  const i = signatureIndex(set, user, sample);
  const [x, y, down] = ['x', 'y', 'pen-down'].map((c) => signatureChannel(set, i, c));
  return Array.from(x, (v, k): [number, number] => [v, y[k]]).filter((_, k) => down[k] > 0.5);
}
