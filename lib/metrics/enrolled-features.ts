import { splitEnrolment, type EnrolmentLabels } from './enrolment';

/** Options of {@link enrolledFeatures}. */
export interface EnrolledFeatureOptions {
  /** Sample numbers of the genuine signatures each signer enrols (default 1–5). */
  enrolled?: number[];
  /** Signers to describe (default all). */
  users?: number[];
  /**
   * Per-signer normalisation (default true): each feature is divided by its mean among the signer's enrolled
   * signatures, so "how different" becomes "how much more different than the signer's own variation".
   */
  normalise?: boolean;
}

/** One feature vector per questioned signature, with whose it is and whether it is genuine. */
export interface EnrolledFeatures {
  /** [questioned × width] row-major. */
  features: Float32Array;
  width: number;
  isGenuine: Uint8Array;
  users: Int32Array;
  /** Index of each questioned signature in the labels. */
  questioned: Int32Array;
}

/**
 * Features of each questioned signature against its signer's enrolled ones, for a verifier that learns from them:
 * the mean of `pairFeatures(questioned, enrolled)` over the enrolled signatures, divided feature by feature by the
 * mean of `pairFeatures` among the enrolled signatures themselves. Every non-enrolled sample of a signer is questioned.
 */
export function enrolledFeatures(
  pairFeatures: (i: number, j: number) => ArrayLike<number>,
  labels: EnrolmentLabels,
  options: EnrolledFeatureOptions = {},
): EnrolledFeatures {
  const enrolledSamples = new Set(options.enrolled ?? [1, 2, 3, 4, 5]);
  const normalise = options.normalise ?? true;
  const { enrolled, questioned } = splitEnrolment(labels, (sample) => enrolledSamples.has(sample), options.users);
  const mean = (pairs: [number, number][]): Float64Array => {
    const sum = new Float64Array(pairs.length ? pairFeatures(...pairs[0]).length : 0);
    for (const [i, j] of pairs) {
      const f = pairFeatures(i, j);
      for (let c = 0; c < sum.length; c++) sum[c] += f[c] / pairs.length;
    }
    return sum;
  };
  const spread = new Map<number, Float64Array>();
  for (const [u, refs] of enrolled)
    spread.set(u, mean(refs.flatMap((a, k) => refs.slice(k + 1).map((b) => [a, b] as [number, number]))));
  const rows: Float64Array[] = [];
  const kept: number[] = [];
  for (const i of questioned) {
    const refs = enrolled.get(labels.users[i]);
    if (!refs) continue;
    const f = mean(refs.map((r) => [i, r]));
    const s = spread.get(labels.users[i])!;
    rows.push(normalise ? f.map((v, c) => (s[c] > 0 ? v / s[c] : v)) : f);
    kept.push(i);
  }
  const width = rows[0]?.length ?? 0;
  const features = new Float32Array(rows.length * width);
  rows.forEach((r, k) => features.set(r, k * width));
  return {
    features,
    width,
    isGenuine: Uint8Array.from(kept, (i) => (labels.genuine[i] ? 1 : 0)),
    users: Int32Array.from(kept, (i) => labels.users[i]),
    questioned: Int32Array.from(kept),
  };
}
