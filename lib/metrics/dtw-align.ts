import type { DtwOptions } from './dtw';

/** The cheapest dynamic-time-warping path (the one {@link dtwDistance} costs), from (0, 0) to (n − 1, m − 1). */
export interface DtwPath {
  /** Frame of the first sequence at each step of the path. */
  i: Int32Array;
  /** Frame of the second sequence at each step. */
  j: Int32Array;
}

let buffer = new Float64Array(0);

/** The cheapest warping path between two sequences of `channels`-wide frames (row-major), within the band. */
export function dtwPath(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  channels: number,
  options: DtwOptions = {},
): DtwPath {
  const n = a.length / channels;
  const m = b.length / channels;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1)
    throw new Error(`dtwPath: sequences of ${a.length} and ${b.length} values are not whole ${channels}-wide frames`);
  const width = Math.max(Math.ceil((options.band ?? 1) * Math.max(n, m)), Math.abs(n - m));
  const slope = n === 1 ? 0 : (m - 1) / (n - 1);
  // The cumulative-cost matrix is kept (the path is read back from it) in one buffer reused across calls; each row
  // is reset to Infinity just around its band, the only cells the recursion and the read-back can touch.
  if (buffer.length < n * m) buffer = new Float64Array(n * m);
  const cost = buffer;
  const reach = Math.ceil(slope) + 2;
  for (let i = 0; i < n; i++) {
    const centre = i * slope;
    const lo = Math.max(0, Math.ceil(centre - width));
    const hi = Math.min(m - 1, Math.floor(centre + width));
    const row = i * m;
    cost.fill(Infinity, row + Math.max(0, lo - 1), row + Math.min(m, hi + reach));
    for (let j = lo; j <= hi; j++) {
      let d = 0;
      for (let c = 0; c < channels; c++) {
        const e = a[i * channels + c] - b[j * channels + c];
        d += e * e;
      }
      let before = 0;
      if (i > 0 || j > 0) {
        const up = i > 0 ? cost[row - m + j] : Infinity;
        const left = j > 0 ? cost[row + j - 1] : Infinity;
        const diagonal = i > 0 && j > 0 ? cost[row - m + j - 1] : Infinity;
        before = up < left ? (up < diagonal ? up : diagonal) : left < diagonal ? left : diagonal;
      }
      cost[row + j] = Math.sqrt(d) + before;
    }
  }
  const at = (i: number, j: number): number => (i < 0 || j < 0 ? Infinity : cost[i * m + j]);
  const is: number[] = [];
  const js: number[] = [];
  let i = n - 1;
  let j = m - 1;
  for (;;) {
    is.push(i);
    js.push(j);
    if (i === 0 && j === 0) break;
    const diagonal = at(i - 1, j - 1);
    const up = at(i - 1, j);
    const left = at(i, j - 1);
    if (diagonal <= up && diagonal <= left) {
      i--;
      j--;
    } else if (up <= left) i--;
    else j--;
  }
  return { i: Int32Array.from(is.reverse()), j: Int32Array.from(js.reverse()) };
}

/**
 * `b` warped onto `a`'s time axis along the cheapest warping path: for each frame of `a`, the mean of the frames of
 * `b` the path matches to it. Returns [n × channels] row-major, so `aligned − a` compares the two step by step.
 */
export function dtwAlign(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  channels: number,
  options: DtwOptions = {},
): Float32Array {
  const path = dtwPath(a, b, channels, options);
  const n = a.length / channels;
  const out = new Float32Array(n * channels);
  const count = new Float32Array(n);
  path.i.forEach((i, k) => {
    for (let c = 0; c < channels; c++) out[i * channels + c] += b[path.j[k] * channels + c];
    count[i]++;
  });
  for (let k = 0; k < n; k++) for (let c = 0; c < channels; c++) out[k * channels + c] /= count[k];
  return out;
}

/**
 * For each pair (left[k], right[k]) of `sequences` ([N × steps × channels] row-major): the right sequence warped onto
 * the left one's time axis ({@link dtwAlign}) minus the left one — [pairs × steps × channels], what a network can
 * compare step by step once timing is aligned.
 */
export function alignedDifferences(
  sequences: Float32Array,
  steps: number,
  channels: number,
  pairs: { left: ArrayLike<number>; right: ArrayLike<number> },
  options: DtwOptions = {},
): Float32Array {
  const per = steps * channels;
  const row = (i: number): Float32Array => sequences.subarray(i * per, (i + 1) * per);
  const out = new Float32Array(pairs.left.length * per);
  for (let k = 0; k < pairs.left.length; k++) {
    const axis = row(pairs.left[k]);
    const aligned = dtwAlign(axis, row(pairs.right[k]), channels, options);
    for (let v = 0; v < per; v++) out[k * per + v] = aligned[v] - axis[v];
  }
  return out;
}

/**
 * What the warping path says about two sequences, `channels` + 2 numbers: the mean absolute difference of each
 * channel along the path, the mean Euclidean frame distance along it, and its length over the longer sequence's
 * (1 = no warping; more = the timing had to be bent).
 */
export function dtwPathFeatures(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  channels: number,
  options: DtwOptions = {},
): Float32Array {
  const path = dtwPath(a, b, channels, options);
  const out = new Float32Array(channels + 2);
  const steps = path.i.length;
  for (let k = 0; k < steps; k++) {
    let sq = 0;
    for (let c = 0; c < channels; c++) {
      const d = a[path.i[k] * channels + c] - b[path.j[k] * channels + c];
      out[c] += Math.abs(d) / steps;
      sq += d * d;
    }
    out[channels] += Math.sqrt(sq) / steps;
  }
  out[channels + 1] = (steps * channels) / Math.max(a.length, b.length);
  return out;
}
