import type * as tf from '@tensorflow/tfjs';

/** One query's ranked gallery: entry r is truthy when the item at rank r + 1 is relevant (same label). */
export type RankedRelevance = ArrayLike<boolean | number>;

/** Fraction of relevant items among the first k of one ranking (k larger than the ranking counts missing items as misses). */
export function precisionAtK(ranked: RankedRelevance, k: number): number {
  if (!(k >= 1)) throw new Error(`precisionAtK: k must be at least 1, got ${k}`);
  let hits = 0;
  for (let r = 0; r < Math.min(k, ranked.length); r++) if (ranked[r]) hits++;
  return hits / k;
}

/**
 * Average precision of one ranking: the mean, over the relevant items, of the precision at each one's rank.
 * Counts relevant items in the ranking itself (rank the whole gallery to get the usual AP); 0 when none is relevant.
 */
export function averagePrecision(ranked: RankedRelevance): number {
  let hits = 0;
  let sum = 0;
  for (let r = 0; r < ranked.length; r++) {
    if (!ranked[r]) continue;
    hits++;
    sum += hits / (r + 1);
  }
  return hits ? sum / hits : 0;
}

/** Mean of {@link averagePrecision} over queries (mAP). */
export function meanAveragePrecision(rankings: RankedRelevance[]): number {
  return mean(rankings.map(averagePrecision));
}

/** Mean of {@link precisionAtK} over queries. */
export function meanPrecisionAtK(rankings: RankedRelevance[], k: number): number {
  return mean(rankings.map((r) => precisionAtK(r, k)));
}

/**
 * Cumulative match characteristic: entry k − 1 is the rank-k identification rate, the fraction of queries whose
 * first relevant item is within the top k (the person re-identification metric).
 */
export function cmcCurve(rankings: RankedRelevance[], maxRank: number): Float64Array {
  const firstHits = new Float64Array(maxRank);
  for (const ranked of rankings) {
    for (let r = 0; r < Math.min(maxRank, ranked.length); r++) {
      if (ranked[r]) {
        firstHits[r]++;
        break;
      }
    }
  }
  const curve = new Float64Array(maxRank);
  let cumulative = 0;
  for (let r = 0; r < maxRank; r++) {
    cumulative += firstHits[r];
    curve[r] = rankings.length ? cumulative / rankings.length : 0;
  }
  return curve;
}

/**
 * Rank every gallery item for every query by a query × gallery distance matrix (closest first, ties by index)
 * and return the gallery indices in that order, one Int32Array per query.
 */
export function rankByDistance(distances: tf.Tensor2D): Int32Array[] {
  const [q, g] = distances.shape;
  const d = distances.dataSync();
  const rankings: Int32Array[] = [];
  for (let i = 0; i < q; i++) {
    const row = d.subarray(i * g, (i + 1) * g);
    const order = Int32Array.from({ length: g }, (_, j) => j);
    order.sort((a, b) => row[a] - row[b] || a - b);
    rankings.push(order);
  }
  return rankings;
}

/** Turn ranked gallery indices into relevance lists: item relevant when its label equals the query's. */
export function relevanceOf(
  rankings: ArrayLike<number>[],
  queryLabels: ArrayLike<number>,
  galleryLabels: ArrayLike<number>,
): Uint8Array[] {
  if (rankings.length !== queryLabels.length)
    throw new Error(`relevanceOf: ${rankings.length} rankings for ${queryLabels.length} query labels`);
  return rankings.map((order, i) =>
    Uint8Array.from({ length: order.length }, (_, r) => (galleryLabels[order[r]] === queryLabels[i] ? 1 : 0)),
  );
}

/** Precision@k for each k, mAP and the CMC curve of a set of rankings. */
export interface RetrievalScores {
  precisionAt: Record<number, number>;
  meanAveragePrecision: number;
  cmc: Float64Array;
}

/** All retrieval scores of a query set at once (ks for precision@k, CMC up to maxRank). */
export function retrievalScores(rankings: RankedRelevance[], ks: number[] = [1, 5, 10], maxRank = 20): RetrievalScores {
  const precisionAt: Record<number, number> = {};
  for (const k of ks) precisionAt[k] = meanPrecisionAtK(rankings, k);
  return { precisionAt, meanAveragePrecision: meanAveragePrecision(rankings), cmc: cmcCurve(rankings, maxRank) };
}

function mean(values: number[]): number {
  return values.length ? values.reduce((s, v) => s + v, 0) / values.length : 0;
}
