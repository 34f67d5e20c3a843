import * as tf from '@tensorflow/tfjs';
import { splitEnrolment, type EnrolmentLabels } from './enrolment';

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

/** Collects questioned signatures' scores, one at a time, into {@link ReferenceScores}. */
function scoreRows(): {
  add(score: number, genuine: number, user: number, index: number): void;
  done(): ReferenceScores;
} {
  const scores: number[] = [];
  const isGenuine: number[] = [];
  const users: number[] = [];
  const questioned: number[] = [];
  return {
    add(score, genuine, user, index) {
      scores.push(score);
      isGenuine.push(genuine ? 1 : 0);
      users.push(user);
      questioned.push(index);
    },
    done: () => ({
      scores: Float32Array.from(scores),
      isGenuine: Uint8Array.from(isGenuine),
      users: Int32Array.from(users),
      questioned: Int32Array.from(questioned),
    }),
  };
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
  const out = scoreRows();
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
    out.add(metric === 'cosine' ? dot / Math.max(Math.sqrt(nr * nq), 1e-12) : -Math.sqrt(sq), genuine[i], users[i], i);
  }
  return out.done();
}

export type { EnrolmentLabels } from './enrolment';

/** Options of {@link enrolledScores}. */
export interface EnrolledScoreOptions {
  /** Genuine samples 1..references of each signer are enrolled (default 5). */
  references?: number;
  /** How the distances of a questioned signature to the enrolled ones become one: their 'mean' (default) or 'min'. */
  combine?: 'mean' | 'min';
  /**
   * Per-signer score normalisation (default true): divide by the mean distance among the signer's own references, so
   * that a signer who writes variably is not rejected more often than one who writes the same way every time.
   */
  normalise?: boolean;
  /** Signers to score (default all). */
  users?: number[];
}

/**
 * Verification against several enrolled signatures with any distance between two signatures (by index): each
 * signer's genuine samples 1..references are enrolled, every other sample of that signer (genuine or forged) is
 * compared with each of them, and the score is minus the combined distance (higher = more genuine).
 */
export function enrolledScores(
  distance: (i: number, j: number) => number,
  labels: EnrolmentLabels,
  options: EnrolledScoreOptions = {},
): ReferenceScores {
  const { references = 5, combine = 'mean', normalise = true } = options;
  const { enrolled, questioned } = splitEnrolment(labels, (sample) => sample <= references, options.users);
  const spread = new Map<number, number>();
  for (const [u, refs] of enrolled) {
    let sum = 0;
    let count = 0;
    for (let a = 0; a < refs.length; a++)
      for (let b = a + 1; b < refs.length; b++, count++) sum += distance(refs[a], refs[b]);
    spread.set(u, normalise && count > 0 && sum > 0 ? sum / count : 1);
  }
  const out = scoreRows();
  for (const i of questioned) {
    const refs = enrolled.get(labels.users[i]);
    if (!refs) continue;
    const d = refs.map((r) => distance(i, r));
    const combined = combine === 'min' ? Math.min(...d) : d.reduce((s, v) => s + v, 0) / d.length;
    out.add(-combined / spread.get(labels.users[i])!, labels.genuine[i], labels.users[i], i);
  }
  return out.done();
}

/** A distance between two rows of `embeddings` (by index): 1 − cosine similarity, or the Euclidean distance. */
export function embeddingDistance(
  embeddings: tf.Tensor2D,
  metric: ReferenceMetric = 'cosine',
): (i: number, j: number) => number {
  const d = embeddings.shape[1];
  const e = embeddings.dataSync();
  return (i, j) => {
    let dot = 0;
    let na = 0;
    let nb = 0;
    let sq = 0;
    for (let k = 0; k < d; k++) {
      const a = e[i * d + k];
      const b = e[j * d + k];
      dot += a * b;
      na += a * a;
      nb += b * b;
      sq += (a - b) ** 2;
    }
    return metric === 'cosine' ? 1 - dot / Math.max(Math.sqrt(na * nb), 1e-12) : Math.sqrt(sq);
  };
}
