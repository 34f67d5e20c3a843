import * as tf from '@tensorflow/tfjs';
import { channelStats, standardizeChannels } from './pen-features';
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
