import * as tf from '@tensorflow/tfjs';

/**
 * Genuine acceptance rate at the threshold that rejects `forgeryRejection` of the forgeries: Bromley et al.'s
 * operating point (0.8: they accept 95.5% of genuine signatures). Scores are similarities (higher = more genuine);
 * the threshold is the `forgeryRejection` quantile of the forgery scores, and a genuine score above it is accepted.
 */
export function genuineAcceptanceAt(
  scores: ArrayLike<number>,
  isGenuine: ArrayLike<number>,
  forgeryRejection = 0.8,
): { acceptance: number; threshold: number } {
  const forged: number[] = [];
  const genuine: number[] = [];
  for (let i = 0; i < scores.length; i++) (isGenuine[i] ? genuine : forged).push(scores[i]);
  if (!forged.length || !genuine.length) throw new Error('genuineAcceptanceAt: needs genuine and forged scores');
  forged.sort((a, b) => a - b);
  // The smallest threshold that rejects (score ≤ threshold) at least the asked fraction of forgeries.
  const threshold = forged[Math.max(0, Math.ceil(forgeryRejection * forged.length) - 1)];
  return { acceptance: genuine.filter((s) => s > threshold).length / genuine.length, threshold };
}

/** Questioned signatures scored against their claimed signer's stored reference. */
export interface ReferenceScores {
  scores: Float32Array;
  isGenuine: Uint8Array;
  users: Int32Array;
  /** Index of each questioned signature in the embedding rows. */
  questioned: Int32Array;
}

/** Cosine similarity of the two rows of each pair (left[i], right[i]) of `embeddings`: embed once, score many pairs. */
export function pairCosines(
  embeddings: tf.Tensor2D,
  pairs: { left: ArrayLike<number>; right: ArrayLike<number> },
): Float32Array {
  const d = embeddings.shape[1];
  const e = embeddings.dataSync();
  return Float32Array.from({ length: pairs.left.length }, (_, k) => {
    const a = pairs.left[k] * d;
    const b = pairs.right[k] * d;
    let dot = 0;
    let na = 0;
    let nb = 0;
    for (let j = 0; j < d; j++) {
      dot += e[a + j] * e[b + j];
      na += e[a + j] ** 2;
      nb += e[b + j] ** 2;
    }
    return dot / Math.max(Math.sqrt(na * nb), 1e-12);
  });
}

/** How a questioned signature is compared with the reference: cosine similarity, or minus the Euclidean distance. */
export type ReferenceMetric = 'cosine' | 'euclidean';

/**
 * Verification as Bromley et al. run it: each user's stored reference is the mean embedding of their first
 * `references` genuine samples; every other sample of that user (genuine or forged) is scored against it
 * (higher = more genuine).
 */
export function referenceScores(
  embeddings: tf.Tensor2D,
  users: ArrayLike<number>,
  samples: ArrayLike<number>,
  genuine: ArrayLike<number>,
  references = 5,
  metric: ReferenceMetric = 'cosine',
): ReferenceScores {
  const d = embeddings.shape[1];
  const e = embeddings.dataSync();
  const refs = new Map<number, Float64Array>();
  const counts = new Map<number, number>();
  for (let i = 0; i < users.length; i++) {
    if (!genuine[i] || samples[i] > references) continue;
    const r = refs.get(users[i]) ?? new Float64Array(d);
    for (let j = 0; j < d; j++) r[j] += e[i * d + j];
    refs.set(users[i], r);
    counts.set(users[i], (counts.get(users[i]) ?? 0) + 1);
  }
  const out = { scores: [] as number[], isGenuine: [] as number[], users: [] as number[], questioned: [] as number[] };
  for (let i = 0; i < users.length; i++) {
    const r = refs.get(users[i]);
    if (!r || (genuine[i] && samples[i] <= references)) continue;
    const n = counts.get(users[i])!;
    let dot = 0;
    let nr = 0;
    let nq = 0;
    let sq = 0;
    for (let j = 0; j < d; j++) {
      const q = e[i * d + j];
      const m = r[j] / n;
      dot += q * m;
      nr += m * m;
      nq += q * q;
      sq += (q - m) ** 2;
    }
    out.scores.push(metric === 'cosine' ? dot / Math.max(Math.sqrt(nr * nq), 1e-12) : -Math.sqrt(sq));
    out.isGenuine.push(genuine[i] ? 1 : 0);
    out.users.push(users[i]);
    out.questioned.push(i);
  }
  return {
    scores: Float32Array.from(out.scores),
    isGenuine: Uint8Array.from(out.isGenuine),
    users: Int32Array.from(out.users),
    questioned: Int32Array.from(out.questioned),
  };
}
