/** One online signature as the tablet sampled it: position, time stamp (ms) and pen status per point. */
export interface PenTrajectory {
  x: Float64Array;
  y: Float64Array;
  /** Time stamps in ms (about 10 ms apart while the pen touches; longer gaps while it is lifted). */
  t: Float64Array;
  /** 1 = pen down, 0 = pen up (the landing point after a lift). */
  down: Uint8Array;
}

/** The 8 channels of {@link penFeatures}, in order. */
export const PEN_FEATURE_NAMES = ['x', 'y', 'vx', 'vy', 'speed', 'acceleration', 'turning', 'pen-down'] as const;

/**
 * Time stamps made strictly increasing: a step that is not positive (a logging glitch) counts as one 10 ms sample,
 * and the first point is at 0.
 */
export function cleanTimes(t: ArrayLike<number>): Float64Array {
  const out = new Float64Array(t.length);
  for (let i = 1; i < t.length; i++) {
    const step = t[i] - t[i - 1];
    out[i] = out[i - 1] + (step > 0 ? step : 10);
  }
  return out;
}

/** Position and pen status at `steps` times spaced evenly over the signature's duration (time, not arc length). */
export function resampleTrajectory(p: PenTrajectory, steps: number): PenTrajectory {
  const n = p.x.length;
  if (n < 2) throw new Error(`resampleTrajectory: a signature needs at least 2 points, got ${n}`);
  const t = cleanTimes(p.t);
  const duration = t[n - 1];
  const out: PenTrajectory = {
    x: new Float64Array(steps),
    y: new Float64Array(steps),
    t: new Float64Array(steps),
    down: new Uint8Array(steps),
  };
  let i = 1;
  for (let k = 0; k < steps; k++) {
    const tau = (duration * k) / (steps - 1);
    while (i < n - 1 && t[i] < tau) i++;
    const w = Math.min(1, Math.max(0, (tau - t[i - 1]) / (t[i] - t[i - 1])));
    out.t[k] = tau;
    out.x[k] = p.x[i - 1] + w * (p.x[i] - p.x[i - 1]);
    out.y[k] = p.y[i - 1] + w * (p.y[i] - p.y[i - 1]);
    // The interval before a landing point is the pen travelling in the air.
    out.down[k] = k === 0 ? p.down[0] : p.down[i];
  }
  return out;
}

/**
 * Features of one signature, [steps × 8] row-major: position centred on the pen-down mean and divided by the RMS
 * radius (size- and place-free, aspect kept), velocity (vx, vy) and speed in those units per 10 ms, tangential
 * acceleration (change of speed per 10 ms), turning (change of direction per step, radians in [−π, π]) and pen-down.
 * Velocities use the real time axis, so a slow, careful forgery keeps its low speed.
 */
export function penFeatures(p: PenTrajectory, steps = 200): Float32Array {
  const r = resampleTrajectory(p, steps);
  let mx = 0;
  let my = 0;
  let count = 0;
  for (let k = 0; k < steps; k++)
    if (r.down[k]) {
      mx += r.x[k];
      my += r.y[k];
      count++;
    }
  if (count === 0) {
    for (let k = 0; k < steps; k++) {
      mx += r.x[k];
      my += r.y[k];
    }
    count = steps;
  }
  mx /= count;
  my /= count;
  let ss = 0;
  for (let k = 0; k < steps; k++) ss += (r.x[k] - mx) ** 2 + (r.y[k] - my) ** 2;
  const scale = Math.sqrt(ss / steps) || 1;
  const dt = Math.max(r.t[steps - 1] / (steps - 1), 1e-6) / 10;
  const x = Float64Array.from(r.x, (v) => (v - mx) / scale);
  const y = Float64Array.from(r.y, (v) => (v - my) / scale);
  const vx = centralDifference(x, dt);
  const vy = centralDifference(y, dt);
  const speed = Float64Array.from(vx, (v, k) => Math.hypot(v, vy[k]));
  const acceleration = centralDifference(speed, dt);
  const angle = Float64Array.from(vx, (v, k) => Math.atan2(vy[k], v));
  const turning = new Float64Array(steps);
  for (let k = 1; k < steps; k++) turning[k] = wrapAngle(angle[k] - angle[k - 1]);
  const channels = [x, y, vx, vy, speed, acceleration, turning, Float64Array.from(r.down)];
  const out = new Float32Array(steps * channels.length);
  for (let k = 0; k < steps; k++)
    for (let c = 0; c < channels.length; c++) out[k * channels.length + c] = channels[c][k];
  return out;
}

function centralDifference(v: Float64Array, dt: number): Float64Array {
  const n = v.length;
  const d = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const a = Math.max(0, k - 1);
    const b = Math.min(n - 1, k + 1);
    d[k] = (v[b] - v[a]) / ((b - a) * dt);
  }
  return d;
}

function wrapAngle(a: number): number {
  return a - 2 * Math.PI * Math.round(a / (2 * Math.PI));
}

/** Per-channel mean and standard deviation of sequences [N × steps × C] (row-major), to standardise with. */
export interface ChannelStats {
  mean: Float32Array;
  std: Float32Array;
}

/** Mean and standard deviation of each channel over every sequence and step of `data` ([… × C] row-major). */
export function channelStats(data: Float32Array, channels: number): ChannelStats {
  const mean = new Float32Array(channels);
  const std = new Float32Array(channels);
  const rows = data.length / channels;
  const sum = new Float64Array(channels);
  const sq = new Float64Array(channels);
  for (let i = 0; i < rows; i++)
    for (let c = 0; c < channels; c++) {
      const v = data[i * channels + c];
      sum[c] += v;
      sq[c] += v * v;
    }
  for (let c = 0; c < channels; c++) {
    mean[c] = sum[c] / rows;
    std[c] = Math.sqrt(Math.max(sq[c] / rows - mean[c] ** 2, 0)) || 1;
  }
  return { mean, std };
}

/** `data` with each channel shifted and scaled by `stats` (fit them on training signers only). */
export function standardizeChannels(data: Float32Array, stats: ChannelStats): Float32Array {
  const c = stats.mean.length;
  return Float32Array.from(data, (v, i) => (v - stats.mean[i % c]) / stats.std[i % c]);
}

/** Names of the {@link penStatistics} columns. */
export const PEN_STATISTIC_NAMES = [
  'log mean speed',
  'log speed sd',
  'log pen-down fraction',
  'log mean |acceleration|',
  'log mean |turning|',
] as const;

/**
 * Five hand-made numbers per signature from its {@link penFeatures} ([N × steps × 8] row-major): how fast, how
 * evenly, how much in the air, how jerky and how wiggly it was written (logs, so that ratios become differences).
 * A non-learned baseline: skilled forgers copy the shape but tend to write slower and less smoothly.
 */
export function penStatistics(features: Float32Array, steps: number): Float32Array {
  const c = PEN_FEATURE_NAMES.length;
  const n = features.length / (steps * c);
  const out = new Float32Array(n * PEN_STATISTIC_NAMES.length);
  for (let i = 0; i < n; i++) {
    let speed = 0;
    let speedSq = 0;
    let down = 0;
    let acc = 0;
    let turn = 0;
    for (let k = 0; k < steps; k++) {
      const o = (i * steps + k) * c;
      speed += features[o + 4];
      speedSq += features[o + 4] ** 2;
      down += features[o + 7];
      acc += Math.abs(features[o + 5]);
      turn += Math.abs(features[o + 6]);
    }
    const mean = speed / steps;
    const stats = [
      mean,
      Math.sqrt(Math.max(speedSq / steps - mean * mean, 0)),
      down / steps,
      acc / steps,
      turn / steps,
    ];
    stats.forEach((v, j) => {
      out[i * stats.length + j] = Math.log(v + 1e-6);
    });
  }
  return out;
}
