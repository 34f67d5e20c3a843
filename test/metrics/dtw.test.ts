import * as assert from 'assert';
import { dtwDistance } from '../../lib/metrics/dtw';

const close = (a: number, b: number, tol = 1e-12): void => assert.ok(Math.abs(a - b) < tol, `${a} ≠ ${b}`);

describe('metrics/dtw', () => {
  it('hand-computed: [0, 1, 2] against [0, 2] costs 0 + 1 + 0 along the best path, over 3 + 2 frames', () => {
    // Frame distances |a_i − b_j|: rows [0 2], [1 1], [2 0]; best path (0,0) (1,0)|(1,1) (2,1): 0 + 1 + 0.
    close(dtwDistance([0, 1, 2], [0, 2], 1), 1 / 5);
    close(dtwDistance([0, 2], [0, 1, 2], 1), 1 / 5);
  });

  it('warping absorbs a shift that a step-by-step comparison pays for at every step; a band can forbid it', () => {
    const a = [0, 1, 2, 3, 4, 5];
    const b = [1, 2, 3, 4, 5, 5];
    // Free warping pays only the first frame; the diagonal alone pays 1 at five of six steps.
    close(dtwDistance(a, b, 1), 1 / 12);
    close(dtwDistance(a, b, 1, { band: 0 }), 5 / 12);
    // A band of one step (0.1 × 6, rounded up) is enough for a one-step shift.
    close(dtwDistance(a, b, 1, { band: 0.1 }), 1 / 12);
  });

  it('frames are compared by Euclidean distance over channels', () => {
    // 2-D frames: (0,0) (3,4) against (0,0) (0,0) (3,4): the repeated frame is absorbed, cost 0; against (0,0) (0,4):
    // the best path pays |(3,4) − (0,4)| = 3.
    close(dtwDistance([0, 0, 3, 4], [0, 0, 0, 0, 3, 4], 2), 0);
    close(dtwDistance([0, 0, 3, 4], [0, 0, 0, 4], 2), 3 / 4);
    assert.throws(() => dtwDistance([0, 0, 1], [0, 0], 2), /whole 2-wide frames/);
  });
});
