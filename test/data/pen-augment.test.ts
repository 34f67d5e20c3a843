import * as assert from 'assert';
import { augmentTrajectory } from '../../lib/data/pen-augment';
import { seededRandom } from '../../lib/data/seeded-random';

describe('data/pen-augment', () => {
  const n = 50;
  const p = {
    x: Float64Array.from({ length: n }, (_, i) => 100 * Math.cos(i / 5)),
    y: Float64Array.from({ length: n }, (_, i) => 50 * Math.sin(i / 3)),
    t: Float64Array.from({ length: n }, (_, i) => 1000 + 10 * i),
    down: Uint8Array.from({ length: n }, (_, i) => (i % 10 === 0 ? 0 : 1)),
  };

  it('with every amount at zero returns the same signature', () => {
    const q = augmentTrajectory(p, seededRandom(1), { scale: 0, rotation: 0, timeWarp: 0, jitter: 0 });
    p.x.forEach((v, i) => assert.ok(Math.abs(q.x[i] - v) < 1e-9 && Math.abs(q.y[i] - p.y[i]) < 1e-9));
    assert.deepStrictEqual(Array.from(q.t), Array.from(p.t));
  });

  it('distorts within its bounds, keeps pen status, ends and time order, and repeats with the seed', () => {
    const q = augmentTrajectory(p, seededRandom(7), { scale: 0.1, rotation: 0.1, timeWarp: 0.5, jitter: 0 });
    assert.strictEqual(q.down, p.down);
    assert.ok(Math.abs(q.t[0] - p.t[0]) < 1e-9 && Math.abs(q.t[n - 1] - p.t[n - 1]) < 1e-9);
    for (let i = 1; i < n; i++) assert.ok(q.t[i] > q.t[i - 1], `time goes back at ${i}`);
    assert.ok(
      q.t.some((v, i) => Math.abs(v - p.t[i]) > 1),
      'time warp did nothing',
    );
    // Stretch ±10% and a turn of ≤ 0.1 rad move no point by more than ~21% of its distance from the centre.
    const mx = p.x.reduce((s, v) => s + v, 0) / n;
    const my = p.y.reduce((s, v) => s + v, 0) / n;
    for (let i = 0; i < n; i++) {
      const r = Math.hypot(p.x[i] - mx, p.y[i] - my);
      assert.ok(Math.hypot(q.x[i] - p.x[i], q.y[i] - p.y[i]) <= 0.21 * r + 1e-9, `point ${i} moved too far`);
    }
    const again = augmentTrajectory(p, seededRandom(7), { scale: 0.1, rotation: 0.1, timeWarp: 0.5, jitter: 0 });
    assert.deepStrictEqual(Array.from(again.x), Array.from(q.x));
  });
});
