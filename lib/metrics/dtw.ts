/** Options of {@link dtwDistance}. */
export interface DtwOptions {
  /**
   * Sakoe–Chiba band: how far (as a fraction of the longer sequence) the path may stray from the diagonal; 1 (the
   * default) allows every alignment. A band keeps a signature from being matched against a distant part of another.
   */
  band?: number;
}

/**
 * Dynamic time warping of two sequences of `channels`-wide frames (row-major [n × channels] and [m × channels]):
 * the smallest sum of Euclidean frame distances along a path from (0, 0) to (n − 1, m − 1) that moves by (1, 0),
 * (0, 1) or (1, 1), divided by n + m so that long and short signatures compare on one scale.
 * Infinity when the band leaves no path.
 */
export function dtwDistance(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  channels: number,
  options: DtwOptions = {},
): number {
  const n = a.length / channels;
  const m = b.length / channels;
  if (!Number.isInteger(n) || !Number.isInteger(m) || n < 1 || m < 1)
    throw new Error(
      `dtwDistance: sequences of ${a.length} and ${b.length} values are not whole ${channels}-wide frames`,
    );
  const band = options.band ?? 1;
  const width = Math.max(Math.ceil(band * Math.max(n, m)), Math.abs(n - m));
  // Two rows of the cumulative-cost matrix suffice: each cell needs its left, upper and upper-left neighbours.
  let prev = new Float64Array(m).fill(Infinity);
  let cur = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    cur.fill(Infinity);
    // The band follows the diagonal from (0, 0) to (n − 1, m − 1), also for unequal lengths.
    const centre = n === 1 ? 0 : (i * (m - 1)) / (n - 1);
    const lo = Math.max(0, Math.ceil(centre - width));
    const hi = Math.min(m - 1, Math.floor(centre + width));
    for (let j = lo; j <= hi; j++) {
      let d = 0;
      for (let c = 0; c < channels; c++) d += (a[i * channels + c] - b[j * channels + c]) ** 2;
      d = Math.sqrt(d);
      if (i === 0 && j === 0) cur[j] = d;
      else cur[j] = d + Math.min(prev[j], j > 0 ? cur[j - 1] : Infinity, j > 0 ? prev[j - 1] : Infinity);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[m - 1] / (n + m);
}
