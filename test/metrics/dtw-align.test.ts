import * as assert from 'assert';
import { alignedDifferences, dtwAlign, dtwPath, dtwPathFeatures } from '../../lib/metrics/dtw-align';
import { dtwDistance } from '../../lib/metrics/dtw';
import { seededRandom } from '../../lib/data/seeded-random';

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void =>
  assert.ok(
    a.length === b.length && Array.from(a).every((v, k) => Math.abs(v - b[k]) < tol),
    `${Array.from(a).join(',')} ≠ ${Array.from(b).join(',')}`,
  );

describe('metrics/dtw-align', () => {
  it('the path is the one dtwDistance costs: its frame distances sum to the distance times n + m', () => {
    const a = [0, 1, 2, 3, 4, 5];
    const b = [0, 0, 1, 3, 5, 5, 5];
    const p = dtwPath(a, b, 1);
    const cost = Array.from(p.i).reduce((s, i, k) => s + Math.abs(a[i] - b[p.j[k]]), 0);
    close([cost / (a.length + b.length)], [dtwDistance(a, b, 1)], 1e-12);
    // Hand-checked: the repeated 0 and the trailing 5s are absorbed; 2 and 4 have no partner and pay 1 each.
    close([cost], [2]);
    assert.deepStrictEqual([p.i[0], p.j[0]], [0, 0]);
    assert.deepStrictEqual([p.i[p.i.length - 1], p.j[p.j.length - 1]], [5, 6]);
  });

  it('on random sequences of many lengths and bands the path costs what dtwDistance says (the buffer is reused)', () => {
    const rand = seededRandom(5);
    for (const [n, m, band] of [
      [30, 30, 0.1],
      [7, 19, 0.1],
      [19, 7, 0.2],
      [40, 25, 1],
      [3, 3, 0],
      [12, 30, 0.05],
    ]) {
      const a = Array.from({ length: n * 2 }, rand);
      const b = Array.from({ length: m * 2 }, rand);
      const p = dtwPath(a, b, 2, { band });
      let cost = 0;
      p.i.forEach((i, k) => (cost += Math.hypot(a[2 * i] - b[2 * p.j[k]], a[2 * i + 1] - b[2 * p.j[k] + 1])));
      close([cost / (n + m)], [dtwDistance(a, b, 2, { band })], 1e-9);
    }
  });

  it('aligning a slowed-down copy undoes the slowing: repeated frames average back onto the original steps', () => {
    // b holds each frame of a twice (2 channels): every frame of a is matched to its two copies.
    const a = [0, 10, 1, 11, 2, 12, 3, 13];
    const b = [0, 10, 0, 10, 1, 11, 1, 11, 2, 12, 2, 12, 3, 13, 3, 13];
    close(dtwAlign(a, b, 2), a);
    // The other way round each frame of the long one gets its one partner: the copy, shape [8 × 2].
    close(dtwAlign(b, a, 2), b);
    // Against a constant sequence every warp gives the constant: the difference is that constant minus a.
    const rows = Float32Array.from([...a, 5, 5, 5, 5, 5, 5, 5, 5]);
    close(alignedDifferences(rows, 4, 2, { left: [0, 0], right: [0, 1] }), [
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      0,
      ...a.map((v) => 5 - v),
    ]);
  });

  it('path features: per-channel mean |difference|, mean frame distance, and how much the path bends', () => {
    // Frames (0,0) (3,4) against themselves shifted by (3,4) in the second frame only: a one-to-one path.
    close(dtwPathFeatures([0, 0, 3, 4], [0, 0, 6, 8], 2), [1.5, 2, 2.5, 1]);
    // A copy with a repeated frame costs nothing but needs a longer path: 3 steps over the longer's 3 frames.
    close(dtwPathFeatures([0, 0, 3, 4], [0, 0, 0, 0, 3, 4], 2), [0, 0, 0, 1]);
    close(dtwPathFeatures([0, 1, 2], [0, 0, 0, 1, 2], 1), [0, 0, 1]);
    // The same stroke, late start against early finish: free of cost, but 7 path steps for 5 frames.
    close(dtwPathFeatures([0, 0, 0, 1, 2], [0, 1, 2, 2, 2], 1), [0, 0, 1.4]);
  });
});
