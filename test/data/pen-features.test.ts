import * as assert from 'assert';
import {
  PEN_FEATURE_NAMES,
  PenTrajectory,
  channelStats,
  cleanTimes,
  penFeatures,
  penStatistics,
  resampleTrajectory,
  standardizeChannels,
} from '../../lib/data/pen-features';

const close = (a: number, b: number, tol = 1e-6): void =>
  assert.ok(Math.abs(a - b) <= tol, `${a} is not within ${tol} of ${b}`);

function trajectory(points: [number, number, number, number][]): PenTrajectory {
  return {
    x: Float64Array.from(points, (p) => p[0]),
    y: Float64Array.from(points, (p) => p[1]),
    t: Float64Array.from(points, (p) => p[2]),
    down: Uint8Array.from(points, (p) => p[3]),
  };
}

describe('data/pen-features', () => {
  it('cleanTimes starts at 0 and turns non-positive steps into 10 ms', () => {
    assert.deepStrictEqual(Array.from(cleanTimes([500, 510, 510, 505, 530])), [0, 10, 20, 30, 55]);
  });

  it('resamples evenly in time, and marks the air travel before a landing point as pen up', () => {
    // A stroke 0..20 ms, the pen lifted 20..60 ms, lands at 60 ms (status 0) and writes on.
    const p = trajectory([
      [0, 0, 0, 1],
      [10, 0, 10, 1],
      [20, 0, 20, 1],
      [60, 40, 60, 0],
      [70, 40, 70, 1],
      [80, 40, 80, 1],
    ]);
    const r = resampleTrajectory(p, 9); // every 10 ms
    assert.deepStrictEqual(Array.from(r.t), [0, 10, 20, 30, 40, 50, 60, 70, 80]);
    assert.deepStrictEqual(Array.from(r.x), [0, 10, 20, 30, 40, 50, 60, 70, 80]);
    assert.deepStrictEqual(Array.from(r.y), [0, 0, 0, 10, 20, 30, 40, 40, 40]);
    assert.deepStrictEqual(Array.from(r.down), [1, 1, 1, 0, 0, 0, 0, 1, 1]);
  });

  it('gives 8 channels: centred, size-free position; velocity in size units per 10 ms; turning; pen', () => {
    // A straight line at constant speed: 1 tablet unit per ms along x, 101 points over 1 s.
    const line = trajectory(
      Array.from({ length: 101 }, (_, i) => [i * 10, 5, i * 10, 1] as [number, number, number, number]),
    );
    const f = penFeatures(line, 11);
    const c = PEN_FEATURE_NAMES.length;
    assert.strictEqual(f.length, 11 * c);
    const col = (k: number): number[] => Array.from({ length: 11 }, (_, s) => f[s * c + k]);
    // x is centred and divided by the RMS radius: symmetric about 0 with unit root mean square.
    const x = col(0);
    close(x[5], 0);
    close(x[0], -x[10]);
    close(Math.sqrt(x.reduce((s, v) => s + v * v, 0) / 11), 1, 1e-6);
    col(1).forEach((v) => close(v, 0));
    // Speed: the line moves 1000 units in 1000 ms = 10 units per 10 ms, in size units: 10 / scale.
    const scale = 1000 / (x[10] - x[0]);
    col(2).forEach((v) => close(v, 10 / scale, 1e-5));
    col(3).forEach((v) => close(v, 0));
    col(4).forEach((v) => close(v, 10 / scale, 1e-5));
    col(5).forEach((v) => close(v, 0, 1e-5));
    col(6).forEach((v) => close(v, 0));
    col(7).forEach((v) => close(v, 1));
    // The same line drawn twice as slowly has half the speed: duration is not normalised away.
    const slow = trajectory(
      Array.from({ length: 101 }, (_, i) => [i * 10, 5, i * 20, 1] as [number, number, number, number]),
    );
    close(penFeatures(slow, 11)[4], 10 / scale / 2, 1e-5);
  });

  it('measures turning in radians per step on a circle', () => {
    // A circle traced once over 200 points: each resampled step turns 2π/(steps − 1).
    const n = 401;
    const circle = trajectory(
      Array.from({ length: n }, (_, i) => {
        const a = (2 * Math.PI * i) / (n - 1);
        return [1000 * Math.cos(a), 1000 * Math.sin(a), i * 10, 1] as [number, number, number, number];
      }),
    );
    const f = penFeatures(circle, 101);
    for (let s = 2; s < 99; s++) close(f[s * 8 + 6], (2 * Math.PI) / 100, 1e-3);
  });

  it('penStatistics: log mean speed, log speed sd, log pen-down fraction, log mean |acceleration|, log mean |turning|', () => {
    // Two signatures of 4 steps, 8 channels: only speed (4), acceleration (5), turning (6) and pen (7) matter.
    const f = new Float32Array(2 * 4 * 8);
    const set = (i: number, k: number, c: number, v: number): void => {
      f[(i * 4 + k) * 8 + c] = v;
    };
    [1, 3, 1, 3].forEach((v, k) => set(0, k, 4, v));
    [2, -2, 2, -2].forEach((v, k) => set(0, k, 5, v));
    [0.5, -0.5, 0, 0].forEach((v, k) => set(0, k, 6, v));
    [1, 1, 0, 1].forEach((v, k) => set(0, k, 7, v));
    [2, 2, 2, 2].forEach((v, k) => {
      set(1, k, 4, v);
      set(1, k, 7, 1);
      set(1, k, 5, 1);
      set(1, k, 6, 1);
    });
    const s = Array.from(penStatistics(f, 4));
    const expected = [2, 1, 0.75, 2, 0.25, 2, 0, 1, 1, 1].map((v) => Math.log(v + 1e-6));
    s.forEach((v, i) => close(v, expected[i], 1e-5));
  });

  it('standardises channels with statistics fitted on other data', () => {
    const data = Float32Array.from([1, 10, 3, 30]);
    const stats = channelStats(data, 2);
    assert.deepStrictEqual(Array.from(stats.mean), [2, 20]);
    assert.deepStrictEqual(Array.from(stats.std), [1, 10]);
    assert.deepStrictEqual(Array.from(standardizeChannels(Float32Array.from([2, 40]), stats)), [0, 2]);
  });
});
